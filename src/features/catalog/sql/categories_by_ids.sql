-- Active categories by id (for ?expand=category). Same columns as kCategoryColumns in repository.cpp.
SELECT c.id, c.name, c.slug, c.description, c.icon, c.image, c.type, c.parent_id, c.is_active, c.sort_order,
       c.metadata, c.created_at, c.updated_at
FROM categories c
WHERE c.is_active AND c.id = ANY($1::text[])
