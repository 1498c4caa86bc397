-- The statements one POST /orders (wallet, one listed item) runs: the Idempotency-Key claim, the
-- order's transaction (features/orders/sql, features/cart/sql/offers.sql,
-- features/catalog/sql/stock_take.sql, features/wallet/sql/debit.sql and insert_entry.sql,
-- features/notifications/sql/insert.sql) and the stored answer, for pgbench. A random bench
-- user each time.
--   pgbench -n -M prepared -f bench/pgbench/order.sql -D product=<id> -D store=<id> -D users=<count>
\set n random(1, :users)
INSERT INTO idempotency_keys (user_id, scope, key, fingerprint)
VALUES (lpad(to_hex(:n::integer), 24, '0'), 'POST /api/v1/orders', md5(random()::text), md5(random()::text))
ON CONFLICT (user_id, scope, key) DO UPDATE
    SET fingerprint = EXCLUDED.fingerprint, status = NULL, headers = NULL, body = NULL, created_at = now()
    WHERE idempotency_keys.created_at < now() - interval '24 hours'
RETURNING key \gset idem_
BEGIN;
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
WITH p AS (
    UPDATE products SET stock = stock - 1, sold_count = sold_count + 1, updated_at = now()
    WHERE id = :product AND stock >= 1
    RETURNING id),
v AS (
    UPDATE product_variants SET stock = stock - 1
    WHERE '' <> '' AND product_id = (SELECT id FROM p) AND type = '' AND value = '' AND stock >= 1
    RETURNING 1)
SELECT (SELECT count(*) FROM p) AS products, (SELECT count(*) FROM v) AS variants;
INSERT INTO orders (id, order_number, user_id, status, subtotal_paise, discount_paise, tax_paise, delivery_paise,
                    total_paise, cashback_paise, payment_method, payment_status, payment_due_at, address,
                    delivery_status, estimated_time, store_ids, from_cart)
VALUES (substr(md5(random()::text), 1, 24),
        'SA' || to_char(now() AT TIME ZONE 'Asia/Kolkata', 'YYMMDD') || lpad(nextval('order_number_seq')::text, 6, '0'),
        lpad(to_hex(:n::integer), 24, '0'), 'confirmed', 10000, 0, 500, 4000, 14500, 0, 'wallet', 'paid', NULL,
        '{"name": "Bench User", "phone": "+919845012345", "address": "1 MG Road", "city": "Bengaluru", "pincode": "560001", "coordinates": [77.61, 12.97]}'::jsonb,
        'confirmed', now() + interval '1 hour', ARRAY[:store]::text[], false)
RETURNING id \gset order_
INSERT INTO order_items (order_id, position, product_id, store_id, name, variant_type, variant_value, quantity,
                         price_paise, original_paise, tax_paise)
SELECT :order_id, i.position, i.product_id, i.store_id, i.name, i.variant_type, i.variant_value, i.quantity,
       i.price_paise, i.original_paise, i.tax_paise
FROM unnest(ARRAY[:product]::text[], ARRAY[:store]::text[], ARRAY['Bench product'], ARRAY[''], ARRAY[''], ARRAY[1], ARRAY[10000::bigint],
            ARRAY[10000::bigint], ARRAY[500::bigint]) WITH ORDINALITY
     AS i (product_id, store_id, name, variant_type, variant_value, quantity, price_paise, original_paise, tax_paise,
           position);
INSERT INTO notifications (id, user_id, title, message, type, category, data, expires_at)
VALUES (substr(md5(random()::text), 1, 24), lpad(to_hex(:n::integer), 24, '0'), 'Order confirmed', 'Order is confirmed.', 'success',
        'order', '{}'::jsonb, NULL)
RETURNING id, user_id, title, message, type, category, data, is_read, read_at, expires_at, created_at;
UPDATE wallets
SET balance = balance - 14500, total_spent = total_spent + 14500, entries = entries + 1, updated_at = now()
WHERE user_id = lpad(to_hex(:n::integer), 24, '0') AND balance >= 14500
RETURNING balance, total_earned, total_spent, entries \gset wallet_
INSERT INTO wallet_transactions (id, user_id, seq, type, credit, amount, description, source_type,
                                 source_reference, status, balance_before, balance_after, metadata, processed_at)
VALUES (substr(md5(random()::text), 1, 24), lpad(to_hex(:n::integer), 24, '0'), :wallet_entries, 'spending', false, 14500,
        'Payment for order', 'order', :order_id, 'completed', :wallet_balance + 14500, :wallet_balance, '{}'::jsonb,
        CASE WHEN 'completed' = 'pending' THEN NULL ELSE clock_timestamp() END)
RETURNING id, user_id, type, amount, description, source_type, source_reference, status, balance_before,
          balance_after, metadata, processed_at, created_at;
COMMIT;
UPDATE idempotency_keys SET status = 201, headers = '[]'::jsonb, body = 'the order'
WHERE user_id = lpad(to_hex(:n::integer), 24, '0') AND scope = 'POST /api/v1/orders' AND key = :idem_key;
