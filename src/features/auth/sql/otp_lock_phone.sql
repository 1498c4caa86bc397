-- Serialises sends and verifications for one number until the transaction ends.
SELECT pg_advisory_xact_lock(hashtextextended('otp:' || $1::text, 0))
