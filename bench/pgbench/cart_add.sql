-- The statements one POST /cart/add runs (features/cart/sql/*.sql), for pgbench: the change in
-- one transaction, then the cart read back. A random bench user each time; item_insert ends in
-- ON CONFLICT DO NOTHING here so that the rare repeat of a user does not stop the client.
--   pgbench -n -M prepared -f bench/pgbench/cart_add.sql -D product=<id> -D users=<count>
\set n random(1, :users)
BEGIN;
INSERT INTO carts (id, user_id) VALUES (substr(md5(random()::text), 1, 24), lpad(to_hex(:n::integer), 24, '0'))
ON CONFLICT (user_id) DO UPDATE SET updated_at = now(), expires_at = now() + interval '30 days'
RETURNING id, user_id, created_at, updated_at, expires_at \gset cart_
SELECT k.product_id, k.variant_type, k.variant_value,
       (k.variant_type = '' OR v.product_id IS NOT NULL) AS variant_found,
       (p.is_active AND s.is_active AND c.is_active) AS active,
       p.name, p.images[1] AS image, p.store_id, s.name AS store_name,
       coalesce(v.price_paise, p.selling_paise) AS price_paise,
       coalesce(v.price_paise, p.original_paise) AS original_paise,
       least(p.stock, coalesce(v.stock, p.stock)) AS stock,
       c.slug AS category_slug, pc.slug AS parent_category_slug,
       s.minimum_order_paise, (s.cashback_percent * 100)::bigint AS cashback_basis_points
FROM unnest(ARRAY[:product]::text[], ARRAY[''], ARRAY['']) AS k (product_id, variant_type, variant_value)
JOIN products p ON p.id = k.product_id
JOIN stores s ON s.id = p.store_id
JOIN categories c ON c.id = p.category_id
LEFT JOIN categories pc ON pc.id = c.parent_id
LEFT JOIN product_variants v ON v.product_id = p.id AND v.type = k.variant_type AND v.value = k.variant_value;
SELECT id, product_id, variant_type, variant_value, quantity, price_paise, added_at
FROM cart_items
WHERE cart_id = :cart_id AND (id = '' OR (product_id = :product AND variant_type = '' AND variant_value = ''))
FOR UPDATE;
SELECT count(*) AS items FROM cart_items WHERE cart_id = :cart_id;
INSERT INTO cart_items (id, cart_id, product_id, variant_type, variant_value, quantity, price_paise)
VALUES (substr(md5(random()::text), 1, 24), :cart_id, :product, '', '', 1, 100)
ON CONFLICT DO NOTHING;
COMMIT;
WITH made AS (
    INSERT INTO carts (id, user_id) VALUES (substr(md5(random()::text), 1, 24), lpad(to_hex(:n::integer), 24, '0'))
    ON CONFLICT (user_id) DO NOTHING
    RETURNING id, user_id, created_at, updated_at, expires_at)
SELECT id, user_id, created_at, updated_at, expires_at FROM made
UNION ALL
SELECT id, user_id, created_at, updated_at, expires_at FROM carts WHERE user_id = lpad(to_hex(:n::integer), 24, '0');
SELECT id, product_id, variant_type, variant_value, quantity, price_paise, added_at
FROM cart_items WHERE cart_id = :cart_id ORDER BY added_at, id;
SELECT k.product_id, p.selling_paise, least(p.stock, coalesce(v.stock, p.stock)) AS stock, s.minimum_order_paise
FROM unnest(ARRAY[:product]::text[], ARRAY[''], ARRAY['']) AS k (product_id, variant_type, variant_value)
JOIN products p ON p.id = k.product_id
JOIN stores s ON s.id = p.store_id
JOIN categories c ON c.id = p.category_id
LEFT JOIN categories pc ON pc.id = c.parent_id
LEFT JOIN product_variants v ON v.product_id = p.id AND v.type = k.variant_type AND v.value = k.variant_value;
