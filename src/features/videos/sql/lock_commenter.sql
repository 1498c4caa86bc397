-- Serialises one user's comments: the rate limit's count and the insert run in one transaction
-- after this, so concurrent comments of a user are counted one after the other. $1 user id.
SELECT pg_advisory_xact_lock(hashtextextended('video-comments:' || $1::text, 0))
