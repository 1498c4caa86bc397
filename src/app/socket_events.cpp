#include "app/socket_events.hpp"

#include <algorithm>
#include <boost/json/object.hpp>
#include <string>

#include "platform/core/object_id.hpp"

namespace superapp::app {

namespace json = boost::json;

namespace {

constexpr std::string_view kVideoRoom = "video:";

json::array refused(std::string_view field, std::string_view message) {
    return {json::object{{"ok", false}, {"error", json::object{{"field", field}, {"message", message}}}}};
}

std::size_t video_rooms(const platform::realtime::SocketContext& socket) {
    const auto rooms = socket.rooms();
    return static_cast<std::size_t>(
        std::count_if(rooms.begin(), rooms.end(), [](const std::string& r) { return r.starts_with(kVideoRoom); }));
}

bool in_room(const platform::realtime::SocketContext& socket, const std::string& room) {
    const auto rooms = socket.rooms();
    return std::find(rooms.begin(), rooms.end(), room) != rooms.end();
}

// What came back for `ack-request`, reported to the client that asked for it.
void report_ack(platform::realtime::SocketContext* socket, platform::realtime::Ack ack) {
    if (!socket) return;  // it disconnected first
    if (ack.outcome == platform::realtime::Ack::Outcome::acknowledged) {
        socket->emit("ack-response", std::move(ack.args));
    } else {
        socket->emit("ack-timeout", {});
    }
}

}  // namespace

std::optional<json::array> AppSocketEvents::on_event(platform::realtime::SocketContext& socket, std::string_view event,
                                                     json::array& args) {
    const bool subscribe = event == "subscribe";
    if (!subscribe && event != "unsubscribe") return std::nullopt;
    const json::object* payload = args.empty() ? nullptr : args.front().if_object();
    if (!payload) return refused("payload", "must be an object such as {\"video\": \"<id>\"}");
    const json::value* video = payload->if_contains("video");
    if (!video || !video->is_string() || !platform::core::ObjectId::is_valid(video->as_string())) {
        return refused("video", "must be a video id (24 hex characters)");
    }
    const std::string room = std::string(kVideoRoom) + std::string(video->as_string());
    if (!subscribe) {
        socket.leave(room);
    } else if (!in_room(socket, room)) {
        if (video_rooms(socket) >= kMaxVideoRooms) {
            return refused("video", "a connection follows at most " + std::to_string(kMaxVideoRooms) +
                                        " videos at once; unsubscribe from one first");
        }
        socket.join(room);
    }
    return json::array{json::object{{"ok", true}}};
}

void ConformanceSocketEvents::on_connect(platform::realtime::SocketContext& socket, const json::value& auth) {
    socket.emit("auth", json::array{auth.is_null() ? json::value(json::object()) : auth});
}

std::optional<json::array> ConformanceSocketEvents::on_event(platform::realtime::SocketContext& socket,
                                                             std::string_view event, json::array& args) {
    if (event == "message") {
        socket.emit("message-back", args);
        return std::nullopt;
    }
    if (event == "message-with-ack") return args;
    if (event == "request-ack") {
        socket.emit_with_ack("ack-request", args, kAckTimeout, report_ack);
        return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace superapp::app
