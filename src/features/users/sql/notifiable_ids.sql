-- Ids of users who accept notifications (preferences.notifications), optionally in a city
-- (case-insensitive) or preferring any of some categories; keyset over id, $4 at a time.
SELECT id
FROM users
WHERE notifications
  AND ($1::text IS NULL OR lower(city) = lower($1::text))
  AND ($2::text[] IS NULL OR preferred_categories && $2::text[])
  AND id > $3
ORDER BY id
LIMIT $4
