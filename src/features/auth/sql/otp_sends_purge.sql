-- Sends older than $1 no longer count for any limit; a few are removed on each send.
DELETE FROM otp_sends
WHERE id IN (SELECT id FROM otp_sends WHERE created_at < $1 ORDER BY created_at LIMIT 100)
