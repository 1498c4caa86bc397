INSERT INTO otp_codes (phone_number, code_hash, attempts, expires_at, created_at)
VALUES ($1, $2, 0, $3, $4)
ON CONFLICT (phone_number) DO UPDATE
SET code_hash = excluded.code_hash, attempts = 0, expires_at = excluded.expires_at, created_at = excluded.created_at
