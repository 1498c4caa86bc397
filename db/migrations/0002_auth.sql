-- Phone/OTP login and tokens. Every timestamp is written by the server from its own clock.

-- The one live login code per phone number; a new code replaces the old one, a used one is deleted.
CREATE TABLE otp_codes (
    phone_number text PRIMARY KEY,
    code_hash    text NOT NULL,              -- hex HMAC-SHA256 (OTP_SECRET) of number and code
    attempts     integer NOT NULL DEFAULT 0, -- wrong tries; the code is dead at OTP_MAX_ATTEMPTS
    expires_at   timestamptz NOT NULL,
    created_at   timestamptz NOT NULL
);

-- Every code sent (or being sent), for the resend cooldown and the hourly limits per number
-- and per client address. A send the gateway refused is deleted and does not count.
CREATE TABLE otp_sends (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    phone_number text NOT NULL,
    client_ip    text NOT NULL,
    created_at   timestamptz NOT NULL
);
CREATE INDEX otp_sends_phone_idx ON otp_sends (phone_number, created_at);
CREATE INDEX otp_sends_ip_idx ON otp_sends (client_ip, created_at);
CREATE INDEX otp_sends_created_idx ON otp_sends (created_at);

-- Refresh tokens, stored as hashes. Each login starts a family; each refresh marks its token
-- used and adds the next one to the family. A used token presented again (after the grace
-- window) revokes the whole family. Each row also names the access token issued with it, so
-- that revoking a family revokes its access tokens too.
CREATE TABLE refresh_tokens (
    token_hash        text PRIMARY KEY,  -- hex SHA-256 of the opaque token
    family_id         text NOT NULL,
    user_id           text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    access_jti        text NOT NULL,
    access_expires_at timestamptz NOT NULL,
    created_at        timestamptz NOT NULL,
    expires_at        timestamptz NOT NULL,
    used_at           timestamptz,
    revoked_at        timestamptz
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_access_jti_idx ON refresh_tokens (access_jti);
CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);

-- Access tokens revoked before their expiry (logout, family revocation); kept until they expire.
CREATE TABLE revoked_access_tokens (
    jti        text PRIMARY KEY,
    expires_at timestamptz NOT NULL
);
CREATE INDEX revoked_access_tokens_expires_idx ON revoked_access_tokens (expires_at);
