-- A new order; its number is "SA", the India date and a sequence number. Same columns as the other
-- order queries return (order_from in repository.cpp).
INSERT INTO orders (id, order_number, user_id, status, subtotal_paise, discount_paise, tax_paise, delivery_paise,
                    total_paise, cashback_paise, payment_method, payment_status, payment_due_at, address,
                    delivery_status, estimated_time, store_ids, from_cart)
VALUES ($1, 'SA' || to_char(now() AT TIME ZONE 'Asia/Kolkata', 'YYMMDD') || lpad(nextval('order_number_seq')::text, 6, '0'),
        $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::timestamptz, $13::jsonb, $14, $15::timestamptz, $16::text[], $17)
RETURNING id, order_number, user_id, status, subtotal_paise, discount_paise, tax_paise, delivery_paise, total_paise,
       cashback_paise, payment_method, payment_status, payment_transaction_id, payment_due_at, address,
       delivery_status, estimated_time, actual_time, tracking_id, store_ids, from_cart, created_at, updated_at
