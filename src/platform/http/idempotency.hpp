#pragma once
// Idempotency-Key for POST routes that must not run twice (orders, withdrawals): wrap the route's
// handler with idempotent(). Keys are scoped to the caller (user id) and the route, and kept 24 h.
// - no key: 400 IDEMPOTENCY_KEY_REQUIRED naming "Idempotency-Key"
// - a key that is not 1-255 visible ASCII characters: 422 naming "Idempotency-Key"
// - a new key: the handler runs; its response (2xx or 4xx) is stored with a fingerprint of the body
// - the same key and body again: the stored response, with the header `Idempotent-Replayed: true`
// - the same key with another body: 422 IDEMPOTENCY_KEY_REUSED
// - the same key while the first request still runs: 409 IDEMPOTENCY_KEY_IN_USE
// - a first request that failed with 5xx or an exception releases the key, so a retry runs again
#include <cstdint>
#include <string>
#include <string_view>

#include "platform/core/env.hpp"
#include "platform/core/periodic_job.hpp"
#include "platform/db/database.hpp"
#include "platform/http/router.hpp"

namespace superapp::platform::http {

/// The handler behind an Idempotency-Key check, for a route with Role::user or above.
Handler idempotent(db::Database& db, Handler handler);

/// Whether the text is an acceptable Idempotency-Key: 1-255 visible ASCII characters. Pure.
bool valid_idempotency_key(std::string_view key);
/// What a key is scoped to besides the user: the method and the route pattern without its API
/// prefix, so /api/v1/x and its /api/x alias share keys ("POST /wallet/withdraw"). Pure.
std::string idempotency_scope(Method method, std::string_view pattern);
/// The lowercase hex SHA-256 of the scope and the body, which a replay must match. Pure.
std::string request_fingerprint(std::string_view scope, std::string_view body);

/// Deletes at most `limit` keys older than 24 h; returns how many. Safe when several processes
/// run it (SKIP LOCKED). Shard thread; throws DbError.
boost::asio::awaitable<std::int64_t> purge_idempotency_keys(db::Database& db, int limit);

/// The background job of `serve` that purges expired keys every IDEMPOTENCY_PURGE_MS (default ten
/// minutes), in batches. Throws ConfigError when that is not a whole number from 100 to 86400000.
std::unique_ptr<core::PeriodicJob> make_idempotency_purge_job(db::Database& db, const core::Env& env);

}  // namespace superapp::platform::http
