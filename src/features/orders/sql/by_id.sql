SELECT id, order_number, user_id, status, subtotal_paise, discount_paise, tax_paise, delivery_paise, total_paise,
       cashback_paise, payment_method, payment_status, payment_transaction_id, payment_due_at, address,
       delivery_status, estimated_time, actual_time, tracking_id, store_ids, from_cart, created_at, updated_at
FROM orders
WHERE id = $1
