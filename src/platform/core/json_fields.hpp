#pragma once
// Small helpers for the JSON documents features write: an optional field is JSON null when absent.
#include <boost/json/value.hpp>
#include <optional>

#include "platform/core/time.hpp"

namespace superapp::platform::core {

template <class T>
boost::json::value or_null(const std::optional<T>& v) {
    return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

/// The ISO-8601 UTC text of `t`, or null.
inline boost::json::value time_or_null(const std::optional<Timestamp>& t) {
    return t ? boost::json::value(to_iso8601(*t)) : boost::json::value(nullptr);
}

}  // namespace superapp::platform::core
