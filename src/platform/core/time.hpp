#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace superapp::platform::core {

/// A point in time, UTC, with microsecond precision (the precision of PostgreSQL's timestamptz).
using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;

/// Returns the current system time. Any thread.
Timestamp now();

/// Returns "YYYY-MM-DDTHH:MM:SS.mmmZ" (UTC, milliseconds truncated). Never throws except std::bad_alloc.
std::string to_iso8601(Timestamp t);

/// Parses "YYYY-MM-DD" (midnight UTC) or "YYYY-MM-DD[T|t| ]HH:MM:SS[.f{1,6}](Z|z|+HH:MM|+HHMM|+HH)";
/// a time without an offset is rejected as ambiguous. Returns nullopt for any invalid text or calendar date.
std::optional<Timestamp> parse_iso8601(std::string_view text);

/// Parses PostgreSQL's text output of timestamptz with DateStyle=ISO, e.g. "2026-11-24 23:16:22.123456+00"
/// (offsets "+HH", "+HH:MM", "+HH:MM:SS"; years of 4+ digits; " BC" suffix). Returns nullopt otherwise,
/// including for "infinity" and "-infinity".
std::optional<Timestamp> parse_postgres_timestamptz(std::string_view text);

}  // namespace superapp::platform::core
