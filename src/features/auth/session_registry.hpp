#pragma once
// The sessions that ended recently, in memory in every process, so that checking a token costs a
// couple of hash lookups and no query. Fed by this process's revocations, by the event relay
// (other processes') and by the poll of session_revocations; an entry is kept only while a token
// it refuses could still be unexpired, so the memory held is that of the last access-token lifetime.
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "platform/core/time.hpp"
#include "platform/realtime/event_bus.hpp"

namespace superapp::features::auth {

using platform::core::Timestamp;

/// Why a login's sessions ended. Keep in step with session_revocations.reason and the `reason` of
/// the Socket.IO event session_ended (docs/openapi.yaml).
enum class EndReason { logged_out, revoked, role_changed, account_deleted };

/// "logged_out", "revoked", "role_changed", "account_deleted". Pure.
std::string_view reason_name(EndReason reason);
/// The reason of that name, or nullopt. Pure.
std::optional<EndReason> parse_reason(std::string_view name);

/// One ended session: a revoked family (family_id set: logout, refresh-token reuse), or a user's
/// raised session version (version set: role change, account deleted).
struct Revocation {
    std::string family_id;
    std::string user_id;
    std::optional<std::int64_t> version;
    EndReason reason = EndReason::revoked;
    Timestamp at{};  ///< when it was recorded
};

/// What the registry says of a token.
enum class SessionVerdict {
    live,     ///< nothing recent ended it
    revoked,  ///< its family was revoked
    stale,    ///< its user's session version is higher than the token's
};

/// The internal event that carries a revocation to every process (no rooms: no socket gets it).
inline constexpr std::string_view kSessionRevoked = "session_revoked";
/// The event for `r`. Pure.
platform::realtime::Event revocation_event(const Revocation& r);
/// The revocation an event carries; nullopt for any other event or a malformed one. Pure.
std::optional<Revocation> parse_revocation_event(const platform::realtime::Event& event);

/// Thread-safe: check() takes a shared lock, the rest an exclusive one.
class SessionRegistry {
  public:
    /// Told of each revocation the first time the registry learns it (outside the lock).
    using Listener = std::function<void(const Revocation&)>;

    /// `keep`: how long after its time an entry can still refuse an unexpired token (the access
    /// token's lifetime plus the clock leeway).
    explicit SessionRegistry(std::chrono::seconds keep);

    std::chrono::seconds keep() const { return keep_; }
    /// Sets the listener; before the server starts.
    void set_listener(Listener listener);

    /// Records `r` unless it is known already or older than `now` - keep; returns whether it was new
    /// (the listener was then called). Forgets the entries past their time. Any thread.
    bool apply(const Revocation& r, Timestamp now);
    /// The verdict for a token of `user_id`, from `family_id`, carrying `version`. Any thread.
    SessionVerdict check(std::string_view user_id, std::string_view family_id, std::int64_t version) const;
    /// Forgets the entries whose time is over. Any thread.
    void purge(Timestamp now);
    /// How many families and users it holds. Any thread.
    std::size_t size() const;

  private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    struct UserEntry {
        std::int64_t version = 0;
        Timestamp until{};
    };
    struct Expiry {
        Timestamp until;
        bool family;
        std::string key;
    };
    void purge_locked(Timestamp now);

    std::chrono::seconds keep_;
    Listener listener_;
    mutable std::shared_mutex mutex_;
    std::unordered_map<std::string, Timestamp, Hash, std::equal_to<>> families_;  // family -> until
    std::unordered_map<std::string, UserEntry, Hash, std::equal_to<>> users_;
    std::deque<Expiry> expiries_;  // in the order applied; times are close to that order
};

}  // namespace superapp::features::auth
