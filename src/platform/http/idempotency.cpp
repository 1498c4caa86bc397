#include "platform/http/idempotency.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <exception>
#include <optional>

#include "platform/core/config.hpp"
#include "platform/core/log.hpp"
#include "platform/db/migrations.hpp"
#include "platform/http/api_error.hpp"
#include "platform/http/problem.hpp"

namespace superapp::platform::http {

namespace asio = boost::asio;
namespace json = boost::json;

namespace {

// A key older than this counts as absent (and is purged); also in db/migrations/0021_idempotency_keys.sql.
// A row of a key expired but not yet purged is taken over by the next claim.
constexpr db::Query kClaim{"idempotency.claim", R"sql(
INSERT INTO idempotency_keys (user_id, scope, key, fingerprint) VALUES ($1, $2, $3, $4)
ON CONFLICT (user_id, scope, key) DO UPDATE
    SET fingerprint = EXCLUDED.fingerprint, status = NULL, headers = NULL, body = NULL, created_at = now()
    WHERE idempotency_keys.created_at < now() - interval '24 hours'
RETURNING 1 AS claimed)sql"};
constexpr db::Query kFind{"idempotency.find", R"sql(
SELECT fingerprint, status, headers, body FROM idempotency_keys
WHERE user_id = $1 AND scope = $2 AND key = $3 AND created_at >= now() - interval '24 hours')sql"};
constexpr db::Query kStore{"idempotency.store", R"sql(
UPDATE idempotency_keys SET status = $4, headers = $5::jsonb, body = $6
WHERE user_id = $1 AND scope = $2 AND key = $3)sql"};
constexpr db::Query kRelease{"idempotency.release", R"sql(
DELETE FROM idempotency_keys WHERE user_id = $1 AND scope = $2 AND key = $3 AND status IS NULL)sql"};
constexpr db::Query kPurge{"idempotency.purge", R"sql(
DELETE FROM idempotency_keys
WHERE (user_id, scope, key) IN (SELECT user_id, scope, key FROM idempotency_keys
                                WHERE created_at < now() - interval '24 hours'
                                ORDER BY created_at
                                LIMIT $1
                                FOR UPDATE SKIP LOCKED))sql"};

constexpr std::string_view kHeader = "Idempotency-Key";

struct Slot {
    std::string user_id;
    std::string scope;
    std::string key;
};

json::array headers_json(const Headers& headers) {
    json::array out;
    for (const auto& [name, value] : headers.all()) out.push_back(json::array{json::string(name), json::string(value)});
    return out;
}

// The stored response as the replay sends it; a problem names this request's id, not the first one's.
Response replay(const db::Row& row, const std::string& request_id) {
    Response res;
    res.status = static_cast<unsigned>(row.get<std::int32_t>("status"));
    const json::value headers = row.get<json::value>("headers");
    for (const auto& pair : headers.as_array()) {
        res.headers.add(pair.as_array().at(0).as_string(), pair.as_array().at(1).as_string());
    }
    res.body = row.get<std::string>("body");
    if (res.headers.get("Content-Type").starts_with(kProblemType)) {
        json::value problem = json::parse(res.body);
        problem.as_object()["requestId"] = request_id;
        res.body = json::serialize(problem);
    }
    res.headers.set("Idempotent-Replayed", "true");
    return res;
}

// Claims the slot (nullopt), or returns what a request that already holds it answers.
asio::awaitable<std::optional<Response>> claim(db::Database& db, const Slot& slot, const std::string& fingerprint,
                                               const std::string& request_id) {
    // A key released between the claim and the look-up is claimed again; a few tries are plenty.
    for (int attempt = 0; attempt < 3; ++attempt) {
        const auto claimed = co_await db.query(kClaim, slot.user_id, slot.scope, slot.key, fingerprint);
        if (!claimed.empty()) co_return std::nullopt;
        const auto found = co_await db.query(kFind, slot.user_id, slot.scope, slot.key);
        if (found.empty()) continue;
        if (found[0].get<std::string>("fingerprint") != fingerprint) {
            throw ApiError(422, "IDEMPOTENCY_KEY_REUSED", "this Idempotency-Key was used for another request",
                           {{std::string(kHeader), "was used with a different request body"}});
        }
        if (found[0].is_null("status")) {
            throw ApiError::conflict("a request with this Idempotency-Key is still running", "IDEMPOTENCY_KEY_IN_USE");
        }
        co_return replay(found[0], request_id);
    }
    throw ApiError::conflict("a request with this Idempotency-Key is still running", "IDEMPOTENCY_KEY_IN_USE");
}

asio::awaitable<void> release(db::Database& db, const Slot& slot) {
    try {
        co_await db.query(kRelease, slot.user_id, slot.scope, slot.key);
    } catch (const std::exception& e) {
        // The key stays claimed until it expires; a retry with it gets 409 meanwhile.
        core::log::warn("idempotency key not released", {{"error", e.what()}});
    }
}

asio::awaitable<Response> run_once(db::Database& db, const Handler& handler, Request& req) {
    if (!req.principal || !req.route) throw ApiError::unauthorized();
    const std::string key(req.header(kHeader));
    if (key.empty()) {
        throw ApiError(400, "IDEMPOTENCY_KEY_REQUIRED", "this request needs an Idempotency-Key header",
                       {{std::string(kHeader), "is required"}});
    }
    if (!valid_idempotency_key(key)) {
        throw ApiError::invalid_field(std::string(kHeader), "must be 1 to 255 visible ASCII characters");
    }
    const Slot slot{req.principal->user_id, idempotency_scope(req.method, req.route->pattern), key};
    const std::string fingerprint = request_fingerprint(slot.scope, req.body);
    std::optional<Response> earlier = co_await claim(db, slot, fingerprint, req.request_id);
    if (earlier) co_return std::move(*earlier);

    Response res;
    std::exception_ptr failure;
    try {
        res = co_await handler(req);
    } catch (...) {
        failure = std::current_exception();
    }
    if (failure) res = problem_from_exception(failure, req.request_id);
    if (res.status >= 500) {
        co_await release(db, slot);
        co_return res;
    }
    // A failure here is the store's own, not the handler's (`failure`): a 4xx is stored as any answer.
    try {
        co_await db.query(kStore, slot.user_id, slot.scope, slot.key, static_cast<std::int32_t>(res.status),
                          headers_json(res.headers), res.body);
    } catch (const std::exception& e) {
        // The change is done but its answer is not stored: the caller sees it; a retry meets a held key.
        core::log::warn("idempotent response not stored", {{"requestId", req.request_id}, {"error", e.what()}});
    }
    co_return res;
}

}  // namespace

bool valid_idempotency_key(std::string_view key) {
    if (key.empty() || key.size() > 255) return false;
    for (const char c : key) {
        if (c < 0x21 || c > 0x7e) return false;
    }
    return true;
}

std::string idempotency_scope(Method method, std::string_view pattern) {
    for (const std::string_view prefix : {kApiPrefix, kApiAlias}) {
        if (pattern.starts_with(prefix) && pattern.substr(prefix.size()).starts_with('/')) {
            pattern.remove_prefix(prefix.size());
            break;
        }
    }
    return std::string(method_name(method)) + " " + std::string(pattern);
}

std::string request_fingerprint(std::string_view scope, std::string_view body) {
    std::string text(scope);
    text += '\n';
    text += body;
    return db::migrations::sha256_hex(text);
}

asio::awaitable<std::int64_t> purge_idempotency_keys(db::Database& db, int limit) {
    const auto result = co_await db.query(kPurge, limit);
    co_return static_cast<std::int64_t>(result.affected_rows());
}

namespace {

asio::awaitable<void> purge_all(db::Database& db) {
    constexpr int kBatch = 1000;
    std::int64_t removed = 0;
    for (;;) {
        const std::int64_t n = co_await purge_idempotency_keys(db, kBatch);
        removed += n;
        if (n < kBatch) break;
    }
    if (removed > 0) core::log::info("expired idempotency keys removed", {{"count", removed}});
}

}  // namespace

std::unique_ptr<core::PeriodicJob> make_idempotency_purge_job(db::Database& db, const core::Env& env) {
    std::chrono::milliseconds interval = std::chrono::minutes(10);
    core::EnvReader reader(env);
    reader.millis("IDEMPOTENCY_PURGE_MS", interval, 100, 86'400'000);
    reader.throw_if_invalid();
    return std::make_unique<core::PeriodicJob>("idempotency purge", interval, [&db]() { return purge_all(db); });
}

Handler idempotent(db::Database& db, Handler handler) {
    return [&db, handler = std::move(handler)](Request& req) { return run_once(db, handler, req); };
}

}  // namespace superapp::platform::http
