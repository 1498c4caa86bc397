-- A category of any state by id or, failing that, slug, locked for its write.
SELECT id, type, parent_id
FROM categories
WHERE id = $1 OR slug = $1
ORDER BY id = $1 DESC
LIMIT 1
FOR UPDATE
