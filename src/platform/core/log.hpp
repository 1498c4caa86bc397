#pragma once
#include <boost/json/object.hpp>
#include <string_view>

namespace superapp::platform::core::log {

enum class Level { debug, info, warn, error };

/// Sets up the process-wide asynchronous JSON-lines logger on stdout. Call once, before threads start.
void init(Level min_level);
/// Parses "debug" | "info" | "warn" | "error".
bool parse_level(std::string_view text, Level& out);

/// Whether lines of this level are written; lets hot paths skip building fields.
bool enabled(Level level);

/// Writes one JSON object per line: {"time","level","msg", ...fields}. Any thread; never blocks on I/O.
void write(Level level, std::string_view msg, boost::json::object fields = {});

inline void debug(std::string_view msg, boost::json::object fields = {}) {
    write(Level::debug, msg, std::move(fields));
}
inline void info(std::string_view msg, boost::json::object fields = {}) { write(Level::info, msg, std::move(fields)); }
inline void warn(std::string_view msg, boost::json::object fields = {}) { write(Level::warn, msg, std::move(fields)); }
inline void error(std::string_view msg, boost::json::object fields = {}) {
    write(Level::error, msg, std::move(fields));
}

/// Flushes pending lines; call before exit.
void shutdown();

}  // namespace superapp::platform::core::log
