-- Revocations older than $1 seconds refuse only expired tokens; a batch is removed at a time.
DELETE FROM session_revocations
WHERE id IN (SELECT id FROM session_revocations
             WHERE created_at < now() - $1::bigint * interval '1 second' ORDER BY created_at LIMIT 1000)
