SELECT code_hash, attempts, expires_at FROM otp_codes WHERE phone_number = $1 FOR UPDATE
