-- An active category by id or by slug; an id wins over an older category's 24-hex slug that equals it.
-- Same columns as kCategoryColumns in repository.cpp.
SELECT c.id, c.name, c.slug, c.description, c.icon, c.image, c.type, c.parent_id, c.is_active, c.sort_order,
       c.metadata, c.created_at, c.updated_at
FROM categories c
WHERE c.is_active AND (c.id = $1 OR c.slug = $1)
ORDER BY c.id = $1 DESC
LIMIT 1
