-- Hides a category (by id or, failing that, slug) from the public.
UPDATE categories SET is_active = false, updated_at = now()
WHERE id = (SELECT id FROM categories WHERE id = $1 OR slug = $1 ORDER BY id = $1 DESC LIMIT 1)
RETURNING id
