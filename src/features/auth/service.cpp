#include "features/auth/service.hpp"

#include "features/auth/jwt.hpp"
#include "features/auth/phone.hpp"
#include "features/auth/repository.hpp"
#include "features/auth/tokens.hpp"
#include "platform/core/log.hpp"

namespace superapp::features::auth {

namespace asio = boost::asio;
namespace log = platform::core::log;
using platform::db::Tx;
using platform::http::ApiError;
using platform::http::Principal;

namespace {

// Sends older than this count for no limit (the cooldown is at most an hour).
constexpr auto kSendLogKeep = std::chrono::hours(2);

struct Reservation {
    otp::SendDecision decision;
    std::int64_t send_id = 0;  ///< set when the send may go ahead
};

asio::awaitable<Reservation> reserve_send(Tx& tx, const std::string& e164, const std::string& ip, Timestamp now,
                                          const otp::SendLimits& limits) {
    co_await repository::lock_phone(tx, e164);
    const otp::SendHistory history = co_await repository::send_history(tx, e164, ip, now);
    Reservation r{otp::may_send(history, limits, now)};
    if (r.decision.refused_by != otp::SendLimit::none) co_return r;
    r.send_id = co_await repository::record_send(tx, e164, ip, now);
    co_await repository::purge_sends(tx, now - kSendLogKeep);
    co_return r;
}

struct CodeOutcome {
    bool found = false;
    otp::Verdict verdict = otp::Verdict::wrong;
    int attempts = 0;
    Timestamp expires_at{};
};

asio::awaitable<CodeOutcome> spend_code(Tx& tx, const std::string& e164, const std::string& presented_hash,
                                        Timestamp now, const otp::CodeRules& rules) {
    CodeOutcome out;
    const auto stored = co_await repository::code_for_update(tx, e164);
    if (!stored) co_return out;
    out.found = true;
    out.expires_at = stored->expires_at;
    out.attempts = stored->attempts;
    out.verdict = otp::check(*stored, presented_hash, now, rules);
    switch (out.verdict) {
        case otp::Verdict::accepted:
        case otp::Verdict::expired: co_await repository::delete_code(tx, e164); break;
        case otp::Verdict::wrong: out.attempts = co_await repository::count_wrong_try(tx, e164); break;
        case otp::Verdict::exhausted: break;
    }
    co_return out;
}

enum class Rotation { rotated, grace, unknown, expired, revoked, reused };

struct RotationOutcome {
    Rotation rotation = Rotation::unknown;
    std::optional<Revocation> revocation;  ///< the family revoked for a reuse, to announce after commit
};

asio::awaitable<RotationOutcome> rotate(Tx& tx, const std::string& family_id, const std::string& token_hash,
                                        const NewRefresh& next, std::chrono::seconds grace) {
    co_await repository::lock_family(tx, family_id);
    const auto stored = co_await repository::refresh_for_update(tx, token_hash);
    if (!stored) co_return RotationOutcome{Rotation::unknown};
    if (stored->revoked_at) co_return RotationOutcome{Rotation::revoked};
    if (stored->expires_at <= next.created_at) co_return RotationOutcome{Rotation::expired};
    if (stored->used_at) {
        // One client racing itself may spend a token twice within the grace window: it gets the same
        // successor (stored already), never a second one. Anyone later is replaying a stolen token,
        // so the whole login is ended.
        if (next.created_at - *stored->used_at <= grace) co_return RotationOutcome{Rotation::grace};
        RotationOutcome out{Rotation::reused};
        // A co_await in a condition is miscompiled by GCC 12 (docs/decisions/0003): name its value.
        const bool newly_revoked = co_await repository::revoke_family(tx, family_id, next.created_at);
        if (newly_revoked) {
            const Timestamp at =
                co_await repository::record_revocation(tx, family_id, stored->user_id, EndReason::revoked);
            out.revocation = Revocation{family_id, stored->user_id, std::nullopt, EndReason::revoked, at};
        }
        co_return out;
    }
    co_await repository::mark_refresh_used(tx, token_hash, next.created_at);
    co_await repository::insert_refresh(tx, next);
    co_return RotationOutcome{Rotation::rotated};
}

// Revokes a family for a logout; the revocation to announce, or nullopt when it was revoked already.
asio::awaitable<std::optional<Revocation>> revoke(Tx& tx, const std::string& family_id, const std::string& user_id,
                                                  Timestamp now) {
    co_await repository::lock_family(tx, family_id);
    const bool newly_revoked = co_await repository::revoke_family(tx, family_id, now);
    if (!newly_revoked) co_return std::nullopt;
    const Timestamp at = co_await repository::record_revocation(tx, family_id, user_id, EndReason::logged_out);
    co_return Revocation{family_id, user_id, std::nullopt, EndReason::logged_out, at};
}

std::chrono::seconds until(Timestamp then, Timestamp now) {
    return std::max(std::chrono::seconds(0), std::chrono::ceil<std::chrono::seconds>(then - now));
}

ApiError unauthorized(std::string code, std::string message) {
    return ApiError(401, std::move(code), std::move(message));
}

// A new access token and the refresh token issued with it, for one family.
struct Issued {
    Tokens tokens;
    NewRefresh stored;
};

Issued issue(const users::Account& account, const std::string& family_id, std::string refresh_token, const Settings& s,
             Timestamp now) {
    jwt::Claims claims;
    claims.sub = account.id;
    claims.role = account.role;
    claims.jti = tokens::new_id();
    claims.fid = family_id;
    claims.ver = account.session_version;
    claims.iat = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    claims.exp = claims.iat + s.access_ttl.count();
    Issued out;
    out.tokens.access_token = jwt::encode(claims, s.jwt_secret);
    out.tokens.refresh_token = std::move(refresh_token);
    out.tokens.expires_in = s.access_ttl;
    out.stored =
        NewRefresh{tokens::refresh_token_hash(out.tokens.refresh_token), family_id, account.id,         claims.jti,
                   Timestamp(std::chrono::seconds(claims.exp)),          now,       now + s.refresh_ttl};
    return out;
}

}  // namespace

std::chrono::seconds revocation_lifetime(const Settings& s) {
    return s.access_ttl + s.jwt_leeway + std::chrono::seconds(60);
}

AuthService::AuthService(Settings settings, platform::db::Database& db, users::UsersService& users,
                         std::unique_ptr<SmsSender> sms, platform::realtime::EventPublisher& events)
    : settings_(std::move(settings)),
      db_(db),
      users_(users),
      sms_(std::move(sms)),
      events_(events),
      sessions_(revocation_lifetime(settings_)) {}

void AuthService::announce(const Revocation& r) {
    sessions_.apply(r, platform::core::now());
    events_.publish(revocation_event(r));
}

std::optional<std::string> AuthService::normalize(std::string_view phone) const {
    return normalize_phone(phone, settings_.default_country_code);
}

asio::awaitable<OtpSent> AuthService::send_otp(const std::string& e164, const std::string& client_ip) {
    const Timestamp now = platform::core::now();
    const otp::SendLimits& limits = settings_.send_limits;
    const Reservation r =
        co_await db_.transaction(reserve_send, std::cref(e164), std::cref(client_ip), now, std::cref(limits));
    const otp::SendDecision& d = r.decision;
    const platform::http::RateLimit rate{limits.per_phone_per_hour, d.phone_remaining, d.phone_reset};
    switch (d.refused_by) {
        case otp::SendLimit::none: break;
        case otp::SendLimit::cooldown:
            throw OtpRefused(ApiError(429, "OTP_RESEND_TOO_SOON",
                                      "a code was sent to this number moments ago; wait " +
                                          std::to_string(d.retry_after.count()) + " s before asking again"),
                             d.retry_after, rate);
        case otp::SendLimit::phone_hourly:
            throw OtpRefused(ApiError(429, "OTP_PHONE_LIMIT",
                                      "too many codes were sent to this number in the last hour; try again in " +
                                          std::to_string(d.retry_after.count()) + " s"),
                             d.retry_after, rate);
        case otp::SendLimit::ip_hourly:
            throw OtpRefused(ApiError(429, "OTP_IP_LIMIT",
                                      "too many codes were requested from this address in the last hour; try "
                                      "again in " +
                                          std::to_string(d.retry_after.count()) + " s"),
                             d.retry_after, rate);
    }

    const auto test_code = settings_.test_numbers.find(e164);
    const std::string code = test_code != settings_.test_numbers.end() ? test_code->second : otp::generate_code();
    if (test_code == settings_.test_numbers.end()) {
        std::optional<SmsError> failure;
        try {
            co_await sms_->send_code(e164, code, settings_.code_rules.ttl);
        } catch (const SmsError& e) {
            failure = e;
        }
        if (failure) {
            co_await repository::forget_send(db_, r.send_id);
            log::warn("otp not delivered", {{"error", failure->what()}});
            if (failure->kind() == SmsError::Kind::unavailable) {
                throw OtpRefused(ApiError(503, "SMS_UNAVAILABLE", "the SMS service is unreachable; try again shortly"),
                                 std::chrono::seconds(5), std::nullopt);
            }
            throw OtpRefused(ApiError(502, "SMS_GATEWAY_ERROR", "the SMS service refused the message; try again"),
                             std::nullopt, std::nullopt);
        }
    }
    co_await repository::replace_code(db_, e164, otp::hash_code(settings_.otp_secret, e164, code),
                                      now + settings_.code_rules.ttl, now);
    co_return OtpSent{settings_.code_rules.ttl, limits.cooldown, rate};
}

asio::awaitable<Login> AuthService::verify_otp(const std::string& e164, const std::string& code) {
    const Timestamp now = platform::core::now();
    const otp::CodeRules& rules = settings_.code_rules;
    const std::string presented = otp::hash_code(settings_.otp_secret, e164, code);
    const CodeOutcome outcome =
        co_await db_.transaction(spend_code, std::cref(e164), std::cref(presented), now, std::cref(rules));
    const auto left = std::max(0, rules.max_attempts - outcome.attempts);
    const platform::http::RateLimit rate{rules.max_attempts, left, until(outcome.expires_at, now)};
    if (!outcome.found) {
        throw OtpRefused(unauthorized("OTP_INVALID", "no code is waiting for this number; ask for a new one"),
                         std::nullopt, std::nullopt);
    }
    switch (outcome.verdict) {
        case otp::Verdict::accepted: break;
        case otp::Verdict::expired:
            throw OtpRefused(unauthorized("OTP_EXPIRED", "the code has expired; ask for a new one"), std::nullopt,
                             std::nullopt);
        case otp::Verdict::exhausted:
            throw OtpRefused(unauthorized("OTP_ATTEMPTS_EXCEEDED", "too many wrong codes; ask for a new one"),
                             std::nullopt, rate);
        case otp::Verdict::wrong:
            if (left == 0) {
                throw OtpRefused(unauthorized("OTP_ATTEMPTS_EXCEEDED", "too many wrong codes; ask for a new one"),
                                 std::nullopt, rate);
            }
            throw OtpRefused(unauthorized("OTP_INVALID", "wrong code; " + std::to_string(left) +
                                                             (left == 1 ? " try" : " tries") + " left"),
                             std::nullopt, rate);
    }

    const bool admin_phone = settings_.admin_phones.contains(e164);
    users::Account account =
        co_await users_.find_or_create_by_phone(e164, admin_phone ? users::Role::admin : users::Role::user);
    const bool is_new = account.is_new;
    if (admin_phone && account.role != users::Role::admin) {
        account = co_await change_role(account.id, users::Role::admin);
        log::info("admin role granted from ADMIN_PHONES", {{"userId", account.id}});
    }
    co_await users_.record_login(account.id);
    Login login;
    login.tokens = co_await start_family(account);
    auto user = co_await users_.user(account.id);
    if (!user) throw ApiError::not_found("no user with this id");
    login.user = std::move(*user);
    login.is_new_user = is_new;
    co_return login;
}

asio::awaitable<Tokens> AuthService::start_family(const users::Account& account) {
    const Timestamp now = platform::core::now();
    Issued issued = issue(account, tokens::new_id(), tokens::new_refresh_token(), settings_, now);
    co_await repository::insert_refresh(db_, issued.stored);
    co_await repository::purge_refresh(db_, now);
    co_return std::move(issued.tokens);
}

asio::awaitable<Tokens> AuthService::refresh(const std::string& refresh_token) {
    if (!tokens::is_refresh_token(refresh_token)) {
        throw unauthorized("REFRESH_TOKEN_INVALID", "this is not a refresh token this server issued");
    }
    const std::string hash = tokens::refresh_token_hash(refresh_token);
    const auto owner = co_await repository::refresh_owner(db_, hash);
    if (!owner) throw unauthorized("REFRESH_TOKEN_INVALID", "this is not a refresh token this server issued");
    const auto account = co_await users_.find(owner->user_id);
    if (!account) throw unauthorized("REFRESH_TOKEN_INVALID", "the token's user no longer exists");

    // The next pair carries the role and session version as they are now (read above, not from the
    // old token), so a role change takes effect on refresh.
    Issued next =
        issue(*account, owner->family_id, tokens::successor_refresh_token(settings_.jwt_secret, refresh_token),
              settings_, platform::core::now());
    const std::chrono::seconds grace = settings_.refresh_grace;
    const RotationOutcome outcome =
        co_await db_.transaction(rotate, std::cref(owner->family_id), std::cref(hash), std::cref(next.stored), grace);
    switch (outcome.rotation) {
        case Rotation::rotated:
        case Rotation::grace: co_return std::move(next.tokens);
        case Rotation::unknown:
            throw unauthorized("REFRESH_TOKEN_INVALID", "this is not a refresh token this server issued");
        case Rotation::expired:
            throw unauthorized("REFRESH_TOKEN_EXPIRED", "the refresh token has expired; log in again");
        case Rotation::revoked: throw unauthorized("REFRESH_TOKEN_REVOKED", "this login has ended; log in again");
        case Rotation::reused:
            if (outcome.revocation) announce(*outcome.revocation);
            log::warn("refresh token reused; its login is revoked", {{"userId", owner->user_id}});
            throw unauthorized("REFRESH_TOKEN_REUSED",
                               "this refresh token was already used; the login is revoked, log in again");
    }
    throw std::logic_error("unhandled rotation outcome");
}

asio::awaitable<void> AuthService::logout(const std::optional<std::string>& refresh_token,
                                          const std::optional<Principal>& principal) {
    const Timestamp now = platform::core::now();
    std::optional<repository::RefreshOwner> owner;
    if (refresh_token && tokens::is_refresh_token(*refresh_token)) {
        owner = co_await repository::refresh_owner(db_, tokens::refresh_token_hash(*refresh_token));
    }
    if (principal && !principal->family_id.empty() && !(owner && owner->family_id == principal->family_id)) {
        const auto ended =
            co_await db_.transaction(revoke, std::cref(principal->family_id), std::cref(principal->user_id), now);
        if (ended) announce(*ended);
    }
    if (owner) {
        const auto ended =
            co_await db_.transaction(revoke, std::cref(owner->family_id), std::cref(owner->user_id), now);
        if (ended) announce(*ended);
    }
}

asio::awaitable<Principal> AuthService::authenticate(std::string_view access_token) {
    const auto verified =
        jwt::verify(access_token, settings_.jwt_secret, std::chrono::system_clock::now(), settings_.jwt_leeway);
    if (!verified.claims) {
        if (verified.failure == jwt::Failure::expired) {
            throw unauthorized("TOKEN_EXPIRED", "the access token has expired; refresh it");
        }
        throw unauthorized("TOKEN_INVALID", "the access token is not valid");
    }
    const jwt::Claims& claims = *verified.claims;
    switch (sessions_.check(claims.sub, claims.fid, claims.ver)) {
        case SessionVerdict::live: break;
        case SessionVerdict::revoked:
            throw unauthorized("TOKEN_REVOKED", "this login has ended (logged out or revoked); log in again");
        case SessionVerdict::stale:
            throw unauthorized("TOKEN_STALE", "the account changed since this token was issued; refresh it");
    }
    co_return Principal{claims.sub, claims.role, claims.jti, claims.fid, claims.ver, claims.exp};
}

asio::awaitable<users::Account> AuthService::change_role(const std::string& user_id, users::Role role) {
    // The trigger on users raises the session version and records the revocation in the same
    // statement; this process and the others learn it now rather than at the next poll.
    users::Account account = co_await users_.set_role(user_id, role);
    announce(Revocation{"", account.id, account.session_version, EndReason::role_changed, platform::core::now()});
    co_return account;
}

asio::awaitable<void> AuthService::sync_revocations(std::chrono::seconds within) {
    const Timestamp now = platform::core::now();
    const std::vector<Revocation> recent = co_await repository::recent_revocations(db_, within);
    for (const Revocation& r : recent) sessions_.apply(r, now);
    sessions_.purge(now);
    co_await repository::purge_revocations(db_, sessions_.keep());
}

}  // namespace superapp::features::auth
