#include "platform/realtime/relay_message.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "platform/core/object_id.hpp"

namespace superapp::platform::realtime {

namespace json = boost::json;

std::string encode(const RelayMessage& message) {
    json::array rooms;
    for (const auto& room : message.event.rooms) rooms.emplace_back(room);
    return json::serialize(json::object{{"origin", message.origin},
                                        {"rooms", std::move(rooms)},
                                        {"name", message.event.name},
                                        {"data", message.event.data}});
}

std::optional<RelayMessage> decode(std::string_view text) {
    boost::system::error_code ec;
    json::value parsed = json::parse(text, ec);
    if (ec || !parsed.is_object()) return std::nullopt;
    const json::object& o = parsed.get_object();
    const auto* origin = o.if_contains("origin");
    const auto* rooms = o.if_contains("rooms");
    const auto* name = o.if_contains("name");
    const auto* data = o.if_contains("data");
    if (!origin || !origin->is_string() || !rooms || !rooms->is_array() || !name || !name->is_string() || !data) {
        return std::nullopt;
    }
    RelayMessage out{std::string(origin->get_string()), Event{{}, std::string(name->get_string()), *data}};
    for (const auto& room : rooms->get_array()) {
        if (!room.is_string()) return std::nullopt;
        out.event.rooms.emplace_back(room.get_string());
    }
    return out;
}

std::string new_origin() { return core::ObjectId::generate().to_string(); }

}  // namespace superapp::platform::realtime
