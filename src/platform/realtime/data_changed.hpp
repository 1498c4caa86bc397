#pragma once
// An internal event that tells every process some data changed so that it drops what it cached
// from that data. It names no room, so no socket receives it; the relay still carries it to the
// other `serve` processes, whose subscribers see it through EventBus::deliver.
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "platform/realtime/event_bus.hpp"

namespace superapp::platform::realtime {

inline constexpr std::string_view kDataChanged = "data_changed";

/// The event for a change of `scope` ("catalog", "videos", "earn", "banners"). Publish it after commit.
inline Event data_changed(std::string_view scope) {
    return Event{{}, std::string(kDataChanged), boost::json::object{{"scope", scope}}};
}

/// The scope of a data_changed event; nullopt for any other event.
inline std::optional<std::string_view> changed_scope(const Event& event) {
    if (event.name != kDataChanged || !event.rooms.empty()) return std::nullopt;
    const auto* data = event.data.if_object();
    const auto* scope = data ? data->if_contains("scope") : nullptr;
    if (!scope || !scope->is_string()) return std::nullopt;
    return std::string_view(scope->get_string());
}

}  // namespace superapp::platform::realtime
