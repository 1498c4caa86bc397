-- Serialises rotation and revocation of one token family until the transaction ends.
SELECT pg_advisory_xact_lock(hashtextextended('refresh-family:' || $1::text, 0))
