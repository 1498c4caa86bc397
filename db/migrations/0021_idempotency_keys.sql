-- Idempotency-Key of money-moving POST routes (platform/http/idempotency.cpp). A row is claimed
-- (status NULL) before the handler runs and holds the handler's response afterwards; a 5xx
-- releases it (the row is deleted). Rows older than 24 hours count as absent and are purged by
-- a background job in `serve`.
CREATE TABLE idempotency_keys (
    user_id     text NOT NULL,
    scope       text NOT NULL,  -- method and route pattern, e.g. "POST /wallet/withdraw"
    key         text NOT NULL,
    fingerprint text NOT NULL,  -- SHA-256 (hex) of method, route pattern and body
    status      integer,        -- NULL while the first request runs
    headers     jsonb,
    body        text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, scope, key)
);

CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
