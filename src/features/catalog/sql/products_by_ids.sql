-- Active products of active stores and categories among $1 (the homepage's trending and
-- recommendations), with variants. Same columns as kProductColumns in repository.cpp.
SELECT p.id, p.store_id, p.category_id, p.name, p.description, p.images, p.original_paise, p.selling_paise,
       p.stock, p.tags, p.specifications, p.rating_average::float8 AS rating_average, p.rating_count,
       p.sold_count, p.is_featured, p.is_active, p.created_at, p.updated_at,
       coalesce((SELECT json_agg(json_build_array(v.type, v.value, v.price_paise, v.stock) ORDER BY v.position)
                 FROM product_variants v WHERE v.product_id = p.id), '[]') AS variants
FROM products p
JOIN stores s ON s.id = p.store_id AND s.is_active
JOIN categories c ON c.id = p.category_id AND c.is_active
WHERE p.id = ANY($1::text[]) AND p.is_active
