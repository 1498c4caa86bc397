#pragma once
// What the Socket.IO server keeps per shard (io thread) and what all shards share. Internal to
// platform/realtime/server.
#include <boost/asio/io_context.hpp>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "platform/http/authenticator.hpp"
#include "platform/realtime/client_events.hpp"
#include "platform/realtime/rooms.hpp"
#include "platform/realtime/server/ip_limits.hpp"
#include "platform/realtime/server/settings.hpp"

namespace superapp::platform::realtime {

class Session;
class Socket;

/// Shared by every shard; read-only after start except the limits, which lock.
struct Core {
    Settings settings;
    IpLimits limits;
    http::Authenticator* authenticator;  ///< null: sockets connect without a token (conformance)
    ClientEvents& events;
    std::vector<std::string> namespaces;  ///< the namespaces a client may connect to
};

/// The sessions and rooms of one shard. Its thread only.
struct ShardState {
    ShardState(Core& c, boost::asio::io_context& i, int n) : core(c), io(i), index(n) {}

    Core& core;
    boost::asio::io_context& io;
    int index;
    std::unordered_map<std::string, std::shared_ptr<Session>> sessions;
    RoomIndex<Socket*> rooms;

    /// The session with this id on this shard, or null.
    std::shared_ptr<Session> find(const std::string& sid) const;
};

/// A new session id naming the shard it lives on (two hex digits, then 120 random bits). Any thread.
std::string make_sid(int shard);
/// The shard a session id names, or -1 for an id make_sid did not make. Pure.
int shard_of_sid(std::string_view sid);

}  // namespace superapp::platform::realtime
