-- A user's orders newest first, of any status in $2 (all when it is empty); served by
-- orders_user_created_idx.
SELECT id, order_number, user_id, status, subtotal_paise, discount_paise, tax_paise, delivery_paise, total_paise,
       cashback_paise, payment_method, payment_status, payment_transaction_id, payment_due_at, address,
       delivery_status, estimated_time, actual_time, tracking_id, store_ids, from_cart, created_at, updated_at
FROM orders
WHERE user_id = $1
  AND (cardinality($2::text[]) = 0 OR status = ANY ($2::text[]))
  AND ($3::timestamptz IS NULL OR (created_at, id) < ($3::timestamptz, $4::text))
ORDER BY created_at DESC, id DESC
LIMIT $5
