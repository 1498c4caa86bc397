#pragma once
// Idempotency-Key for POST routes that must not run twice (orders, withdrawals): wrap the route's
// handler with idempotent(). Keys are scoped to the caller (user id) and the route, and kept 24 h.
// - no key, or one that is not 1-255 visible ASCII characters: 422 naming "Idempotency-Key"
// - a new key: the handler runs; its response (2xx or 4xx) is stored with a fingerprint of the body
// - the same key and body again: the stored response, with the header `Idempotent-Replayed: true`
// - the same key with another body: 422 IDEMPOTENCY_KEY_REUSED
// - the same key while the first request still runs: 409 IDEMPOTENCY_KEY_IN_USE
// - a first request that failed with 5xx or an exception releases the key, so a retry runs again
#include "platform/db/database.hpp"
#include "platform/http/router.hpp"

namespace superapp::platform::http {

/// The handler behind an Idempotency-Key check, for a route with Role::user or above.
Handler idempotent(db::Database& db, Handler handler);

}  // namespace superapp::platform::http
