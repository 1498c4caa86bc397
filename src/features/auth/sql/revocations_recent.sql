-- The revocations of the last $1 seconds. Read by time, not by id: a transaction that took its id
-- earlier may commit after a later one, and would be missed by "id > last seen".
SELECT family_id, user_id, version, reason, created_at
FROM session_revocations
WHERE created_at > now() - $1::bigint * interval '1 second'
ORDER BY id
