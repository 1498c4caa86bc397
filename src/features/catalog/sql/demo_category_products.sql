-- The first active products of a category (by slug), oldest first: what other features' demo data
-- points at. Served by categories' slug key and products_category_newest_idx. $1 slug, $2 how many.
SELECT p.id
FROM products p JOIN categories c ON c.id = p.category_id
WHERE c.slug = $1 AND p.is_active
ORDER BY p.created_at, p.id
LIMIT $2
