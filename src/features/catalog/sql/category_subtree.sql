-- An active category (by id or slug) and its active descendants (an inactive one hides its whole branch).
WITH RECURSIVE tree AS (
    SELECT id FROM categories WHERE (id = $1 OR slug = $1) AND is_active
    UNION
    SELECT c.id FROM categories c JOIN tree t ON c.parent_id = t.id WHERE c.is_active
)
SELECT id FROM tree
