#include "platform/core/log.hpp"

#include <spdlog/async.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>

#include "platform/core/json.hpp"
#include "platform/core/time.hpp"

namespace superapp::platform::core::log {
namespace {

std::atomic<int> min_level_{static_cast<int>(Level::info)};

const char* level_name(Level level) {
    switch (level) {
        case Level::debug: return "debug";
        case Level::info: return "info";
        case Level::warn: return "warn";
        case Level::error: return "error";
    }
    return "info";
}

std::shared_ptr<spdlog::logger> logger() {
    static std::shared_ptr<spdlog::logger> fallback = [] {
        auto l = std::make_shared<spdlog::logger>("stdout", std::make_shared<spdlog::sinks::stdout_sink_mt>());
        l->set_pattern("%v");
        return l;
    }();
    auto l = spdlog::get("superapp");
    return l ? l : fallback;
}

}  // namespace

void init(Level min_level) {
    min_level_ = static_cast<int>(min_level);
    if (spdlog::get("superapp")) return;
    spdlog::init_thread_pool(8192, 1);
    // Overflow policy blocks only when 8192 lines are queued: losing log lines silently is worse.
    auto l = spdlog::create_async<spdlog::sinks::stdout_sink_mt>("superapp");
    l->set_pattern("%v");
    l->set_level(spdlog::level::trace);
    l->flush_on(spdlog::level::trace);
}

bool parse_level(std::string_view text, Level& out) {
    if (text == "debug")
        out = Level::debug;
    else if (text == "info")
        out = Level::info;
    else if (text == "warn")
        out = Level::warn;
    else if (text == "error")
        out = Level::error;
    else
        return false;
    return true;
}

bool enabled(Level level) { return static_cast<int>(level) >= min_level_.load(std::memory_order_relaxed); }

void write(Level level, std::string_view msg, boost::json::object fields) {
    if (!enabled(level)) return;
    boost::json::value line_value(boost::json::object_kind);
    boost::json::object& line = line_value.get_object();
    line.reserve(fields.size() + 3);
    line["time"] = to_iso8601(now());
    line["level"] = level_name(level);
    line["msg"] = msg;
    for (auto& [key, value] : fields) line[key] = std::move(value);
    logger()->info(core::serialize(line_value));
}

void shutdown() {
    if (auto l = spdlog::get("superapp")) l->flush();
    spdlog::shutdown();
}

}  // namespace superapp::platform::core::log
