#include "platform/realtime/relay_message.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <limits>

#include "platform/core/object_id.hpp"

namespace superapp::platform::realtime {

namespace json = boost::json;

namespace {

// Writes rooms, name and data of the event into `out`.
void put_event(json::object& out, const Event& event) {
    json::array rooms;
    for (const auto& room : event.rooms) rooms.emplace_back(room);
    out["rooms"] = std::move(rooms);
    out["name"] = event.name;
    out["data"] = event.data;
}

// Reads rooms, name and data; nullopt when one is missing or of the wrong type.
std::optional<Event> get_event(const json::object& o) {
    const auto* rooms = o.if_contains("rooms");
    const auto* name = o.if_contains("name");
    const auto* data = o.if_contains("data");
    if (!rooms || !rooms->is_array() || !name || !name->is_string() || !data) return std::nullopt;
    Event event{{}, std::string(name->get_string()), *data};
    for (const auto& room : rooms->get_array()) {
        if (!room.is_string()) return std::nullopt;
        event.rooms.emplace_back(room.get_string());
    }
    return event;
}

}  // namespace

std::string encode(const RelayMessage& message) {
    if (message.events.size() == 1) {
        json::object out{{"origin", message.origin}};
        put_event(out, message.events.front());
        return json::serialize(out);
    }
    // Several events: the form encode_messages() writes, all in one message.
    auto messages = encode_messages(message.origin, message.events, std::numeric_limits<std::size_t>::max());
    if (messages.empty()) return json::serialize(json::object{{"origin", message.origin}, {"events", json::array{}}});
    return std::move(messages.front().text);
}

std::vector<QueuedMessage> encode_messages(const std::string& origin, std::span<const Event> events,
                                           std::size_t max_bytes) {
    std::vector<QueuedMessage> out;
    if (events.size() == 1) {
        out.push_back({encode({origin, {events.front()}}), 1});
        return out;
    }
    const std::string head = "{\"origin\":" + json::serialize(json::value(origin)) + ",\"events\":[";
    QueuedMessage message{"", 0};
    const auto finish = [&out, &message] {
        if (message.events == 0) return;
        message.text += "]}";
        out.push_back(std::move(message));
        message = {"", 0};
    };
    for (const auto& event : events) {
        json::object item;
        put_event(item, event);
        const std::string text = json::serialize(item);
        if (message.events > 0 && message.text.size() + text.size() + 3 > max_bytes) finish();
        message.text += message.events == 0 ? head : ",";
        message.text += text;
        ++message.events;
    }
    finish();
    return out;
}

std::optional<RelayMessage> decode(std::string_view text) {
    boost::system::error_code ec;
    json::value parsed = json::parse(text, ec);
    if (ec || !parsed.is_object()) return std::nullopt;
    const json::object& o = parsed.get_object();
    const auto* origin = o.if_contains("origin");
    if (!origin || !origin->is_string()) return std::nullopt;
    RelayMessage out{std::string(origin->get_string()), {}};
    if (const auto* events = o.if_contains("events")) {
        if (!events->is_array() || events->get_array().empty()) return std::nullopt;
        out.events.reserve(events->get_array().size());
        for (const auto& item : events->get_array()) {
            auto event = item.is_object() ? get_event(item.get_object()) : std::nullopt;
            if (!event) return std::nullopt;
            out.events.push_back(std::move(*event));
        }
        return out;
    }
    auto event = get_event(o);
    if (!event) return std::nullopt;
    out.events.push_back(std::move(*event));
    return out;
}

std::string new_origin() { return core::ObjectId::generate().to_string(); }

}  // namespace superapp::platform::realtime
