#include "platform/core/env.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace superapp::platform::core {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

bool valid_name(std::string_view name) {
    if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
    for (char c : name) {
        if (!(c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
    }
    return true;
}

}  // namespace

std::map<std::string, std::string, std::less<>> Env::parse_dotenv(std::string_view text) {
    std::map<std::string, std::string, std::less<>> out;
    int line_no = 0;
    while (!text.empty()) {
        ++line_no;
        std::size_t end = text.find('\n');
        std::string_view line = trim(text.substr(0, end));
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        if (line.empty() || line.front() == '#') continue;
        if (line.starts_with("export ")) line = trim(line.substr(7));
        const std::size_t eq = line.find('=');
        const std::string_view name = eq == std::string_view::npos ? line : trim(line.substr(0, eq));
        if (eq == std::string_view::npos || !valid_name(name)) {
            throw std::runtime_error(".env line " + std::to_string(line_no) + ": expected NAME=value");
        }
        std::string_view value = trim(line.substr(eq + 1));
        if (!value.empty() && (value.front() == '"' || value.front() == '\'')) {
            const char quote = value.front();
            const std::size_t close = value.find(quote, 1);
            if (close == std::string_view::npos) {
                throw std::runtime_error(".env line " + std::to_string(line_no) + ": unterminated quote");
            }
            value = value.substr(1, close - 1);
        } else if (const std::size_t hash = value.find(" #"); hash != std::string_view::npos) {
            value = trim(value.substr(0, hash));
        }
        out[std::string(name)] = std::string(value);
    }
    return out;
}

Env Env::load(const std::string& dotenv_path) {
    Env env;
    if (std::ifstream file(dotenv_path); file) {
        std::stringstream buffer;
        buffer << file.rdbuf();
        env.values_ = parse_dotenv(buffer.str());
    }
    for (char** entry = environ; entry && *entry; ++entry) {
        std::string_view kv(*entry);
        const std::size_t eq = kv.find('=');
        if (eq == std::string_view::npos) continue;
        env.values_[std::string(kv.substr(0, eq))] = std::string(kv.substr(eq + 1));
    }
    return env;
}

std::optional<std::string> Env::get(std::string_view name) const {
    auto it = values_.find(name);
    if (it == values_.end() || it->second.empty()) return std::nullopt;
    return it->second;
}

}  // namespace superapp::platform::core
