#include "features/auth/session_registry.hpp"

#include <boost/json/object.hpp>
#include <mutex>

namespace superapp::features::auth {

namespace json = boost::json;

std::string_view reason_name(EndReason reason) {
    switch (reason) {
        case EndReason::logged_out: return "logged_out";
        case EndReason::revoked: return "revoked";
        case EndReason::role_changed: return "role_changed";
        case EndReason::account_deleted: return "account_deleted";
    }
    return "revoked";
}

std::optional<EndReason> parse_reason(std::string_view name) {
    for (EndReason r :
         {EndReason::logged_out, EndReason::revoked, EndReason::role_changed, EndReason::account_deleted}) {
        if (reason_name(r) == name) return r;
    }
    return std::nullopt;
}

platform::realtime::Event revocation_event(const Revocation& r) {
    json::object data{{"userId", r.user_id},
                      {"reason", reason_name(r.reason)},
                      {"at", std::chrono::duration_cast<std::chrono::microseconds>(r.at.time_since_epoch()).count()}};
    if (!r.family_id.empty()) data["familyId"] = r.family_id;
    if (r.version) data["version"] = *r.version;
    return platform::realtime::Event{{}, std::string(kSessionRevoked), std::move(data)};
}

std::optional<Revocation> parse_revocation_event(const platform::realtime::Event& event) {
    if (event.name != kSessionRevoked || !event.rooms.empty()) return std::nullopt;
    const auto* data = event.data.if_object();
    if (!data) return std::nullopt;
    const auto* user = data->if_contains("userId");
    const auto* reason = data->if_contains("reason");
    const auto* at = data->if_contains("at");
    const auto* family = data->if_contains("familyId");
    const auto* version = data->if_contains("version");
    if (!user || !user->is_string() || !reason || !reason->is_string() || !at || !at->is_int64()) return std::nullopt;
    Revocation r;
    r.user_id = std::string(user->get_string());
    const auto parsed = parse_reason(reason->get_string());
    if (!parsed) return std::nullopt;
    r.reason = *parsed;
    r.at = Timestamp(std::chrono::microseconds(at->get_int64()));
    if (family && family->is_string() && !family->get_string().empty()) r.family_id = std::string(family->get_string());
    if (version && version->is_int64()) r.version = version->get_int64();
    if (r.family_id.empty() == !r.version) return std::nullopt;  // exactly one of the two
    return r;
}

SessionRegistry::SessionRegistry(std::chrono::seconds keep) : keep_(keep) {}

void SessionRegistry::set_listener(Listener listener) { listener_ = std::move(listener); }

bool SessionRegistry::apply(const Revocation& r, Timestamp now) {
    const Timestamp until = r.at + keep_;
    if (until <= now) return false;  // every token it could refuse has expired
    {
        std::unique_lock lock(mutex_);
        purge_locked(now);
        if (!r.family_id.empty()) {
            if (!families_.try_emplace(r.family_id, until).second) return false;
            expiries_.push_back({until, true, r.family_id});
        } else if (r.version) {
            auto [it, added] = users_.try_emplace(r.user_id, UserEntry{*r.version, until});
            if (!added) {
                if (it->second.version >= *r.version) return false;
                it->second = UserEntry{*r.version, std::max(until, it->second.until)};
            }
            expiries_.push_back({until, false, r.user_id});
        } else {
            return false;
        }
    }
    if (listener_) listener_(r);
    return true;
}

SessionVerdict SessionRegistry::check(std::string_view user_id, std::string_view family_id,
                                      std::int64_t version) const {
    // An entry past its time can only refuse tokens that have expired anyway, so none is looked at.
    std::shared_lock lock(mutex_);
    if (families_.find(family_id) != families_.end()) return SessionVerdict::revoked;
    if (const auto it = users_.find(user_id); it != users_.end() && version < it->second.version) {
        return SessionVerdict::stale;
    }
    return SessionVerdict::live;
}

void SessionRegistry::purge(Timestamp now) {
    std::unique_lock lock(mutex_);
    purge_locked(now);
}

void SessionRegistry::purge_locked(Timestamp now) {
    while (!expiries_.empty() && expiries_.front().until <= now) {
        const Expiry& e = expiries_.front();
        if (e.family) {
            families_.erase(e.key);
        } else if (const auto it = users_.find(e.key); it != users_.end() && it->second.until <= now) {
            users_.erase(it);  // not when a later version moved its time on
        }
        expiries_.pop_front();
    }
}

std::size_t SessionRegistry::size() const {
    std::shared_lock lock(mutex_);
    return families_.size() + users_.size();
}

}  // namespace superapp::features::auth
