#pragma once
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "features/auth/session_registry.hpp"
#include "features/auth/settings.hpp"
#include "features/auth/sms_sender.hpp"
#include "features/users/service.hpp"
#include "platform/db/database.hpp"
#include "platform/http/api_error.hpp"
#include "platform/http/rate_limit.hpp"
#include "platform/http/request.hpp"
#include "platform/realtime/event_bus.hpp"

namespace superapp::features::auth {

/// An OTP request refused (429 limits, 401 wrong or dead code, 502/503 gateway): the problem
/// plus the Retry-After and RateLimit-* headers its answer carries.
class OtpRefused : public platform::http::ApiError {
  public:
    OtpRefused(platform::http::ApiError error, std::optional<std::chrono::seconds> retry_after,
               std::optional<platform::http::RateLimit> rate)
        : ApiError(std::move(error)), retry_after_(retry_after), rate_(rate) {}
    const std::optional<std::chrono::seconds>& retry_after() const noexcept { return retry_after_; }
    const std::optional<platform::http::RateLimit>& rate() const noexcept { return rate_; }

  private:
    std::optional<std::chrono::seconds> retry_after_;
    std::optional<platform::http::RateLimit> rate_;
};

struct OtpSent {
    std::chrono::seconds expires_in{0};
    std::chrono::seconds resend_in{0};
    platform::http::RateLimit rate;  ///< codes left for the number this hour
};

struct Tokens {
    std::string access_token;
    std::string refresh_token;
    std::chrono::seconds expires_in{0};  ///< of the access token
};

struct Login {
    Tokens tokens;
    users::User user;
    bool is_new_user = false;
};

/// Phone/OTP login, token rotation and revocation. Every awaitable runs on a shard thread and may
/// throw DbError besides what it names. A revocation (logout, refresh-token reuse, role change) is
/// recorded in session_revocations in its transaction, then published on `events` for the other
/// processes; the sessions registry refuses the tokens it ends.
class AuthService {
  public:
    AuthService(Settings settings, platform::db::Database& db, users::UsersService& users,
                std::unique_ptr<SmsSender> sms, platform::realtime::EventPublisher& events);

    const Settings& settings() const { return settings_; }
    /// The recent revocations this process knows of. Any thread.
    SessionRegistry& sessions() { return sessions_; }

    /// The E.164 form of a number in the request, or nullopt (see phone.hpp).
    std::optional<std::string> normalize(std::string_view phone) const;

    /// Sends a new code to the number (a test number gets its fixed code, nothing is sent).
    /// Throws OtpRefused: 429 within the cooldown or over an hourly limit, 502/503 when the SMS
    /// gateway fails (then nothing counts: the old code stays valid, the limits are untouched).
    boost::asio::awaitable<OtpSent> send_otp(const std::string& e164, const std::string& client_ip);

    /// Spends the number's code and logs in, creating the user on first success.
    /// Throws OtpRefused 401: wrong (a try is counted), expired, none waiting, or dead after too
    /// many wrong tries.
    boost::asio::awaitable<Login> verify_otp(const std::string& e164, const std::string& code);

    /// A new pair for a refresh token, which is spent; the access token carries the user's role and
    /// session version as they are now. A token spent again within the grace window gives the same
    /// refresh token as the first time (and a new access token). Throws ApiError 401 for an unknown,
    /// expired or revoked token, and for a spent one used again after the grace window, which
    /// also revokes its whole family.
    boost::asio::awaitable<Tokens> refresh(const std::string& refresh_token);

    /// Revokes the family of the refresh token and/or of the access token (which ends its access
    /// tokens and sockets on every process). Unknown tokens are ignored.
    boost::asio::awaitable<void> logout(const std::optional<std::string>& refresh_token,
                                        const std::optional<platform::http::Principal>& principal);

    /// The principal of a bearer token, from the token and the sessions registry only (no query).
    /// Throws ApiError 401: TOKEN_INVALID (including a token without fid or ver), TOKEN_EXPIRED,
    /// TOKEN_REVOKED (its login ended), TOKEN_STALE (the user's role changed since: refresh it).
    boost::asio::awaitable<platform::http::Principal> authenticate(std::string_view access_token);

    /// Gives the user a role; when it changes, the user's older access tokens are refused at once on
    /// every process. Throws ApiError 404 when there is no such user.
    boost::asio::awaitable<users::Account> change_role(const std::string& user_id, users::Role role);

    /// Reads the revocations recorded lately (by any process, or by a trigger) into the registry and
    /// purges what is old: the safety net under the relay, run every second. `within`: how far back.
    boost::asio::awaitable<void> sync_revocations(std::chrono::seconds within);

  private:
    boost::asio::awaitable<Tokens> start_family(const users::Account& account);
    /// Applies a committed revocation here and publishes it to the other processes.
    void announce(const Revocation& r);

    Settings settings_;
    platform::db::Database& db_;
    users::UsersService& users_;
    std::unique_ptr<SmsSender> sms_;
    platform::realtime::EventPublisher& events_;
    SessionRegistry sessions_;
};

/// How long a revocation matters under `s`: an access token lives access_ttl, is accepted jwt_leeway
/// longer, and processes' clocks may differ by a little more.
std::chrono::seconds revocation_lifetime(const Settings& s);

}  // namespace superapp::features::auth
