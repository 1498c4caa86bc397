-- What the catalog says now of some products or variants: $1 product ids, $2 variant types, $3
-- variant values ('' for the product itself), arrays of the same length. No row: no such product.
SELECT k.product_id, k.variant_type, k.variant_value,
       (k.variant_type = '' OR v.product_id IS NOT NULL) AS variant_found,
       (p.is_active AND s.is_active AND c.is_active) AS active,
       p.name, p.images[1] AS image, p.store_id, s.name AS store_name,
       coalesce(v.price_paise, p.selling_paise) AS price_paise,
       coalesce(v.price_paise, p.original_paise) AS original_paise,
       least(p.stock, coalesce(v.stock, p.stock)) AS stock,
       c.slug AS category_slug, pc.slug AS parent_category_slug,
       s.minimum_order_paise, (s.cashback_percent * 100)::bigint AS cashback_basis_points, s.owner_id AS store_owner_id
FROM unnest($1::text[], $2::text[], $3::text[]) AS k (product_id, variant_type, variant_value)
JOIN products p ON p.id = k.product_id
JOIN stores s ON s.id = p.store_id
JOIN categories c ON c.id = p.category_id
LEFT JOIN categories pc ON pc.id = c.parent_id
LEFT JOIN product_variants v ON v.product_id = p.id AND v.type = k.variant_type AND v.value = k.variant_value
