#include "platform/http/headers.hpp"

#include <algorithm>

namespace superapp::platform::http {

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
        if (x != y) return false;
    }
    return true;
}

void Headers::set(std::string_view name, std::string_view value) {
    remove(name);
    add(name, value);
}

void Headers::add(std::string_view name, std::string_view value) { items_.emplace_back(name, value); }

std::string_view Headers::get(std::string_view name) const {
    for (const auto& [n, v] : items_) {
        if (iequals(n, name)) return v;
    }
    return {};
}

bool Headers::has(std::string_view name) const {
    return std::any_of(items_.begin(), items_.end(), [&](const auto& item) { return iequals(item.first, name); });
}

void Headers::remove(std::string_view name) {
    std::erase_if(items_, [&](const auto& item) { return iequals(item.first, name); });
}

}  // namespace superapp::platform::http
