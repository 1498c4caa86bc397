-- A cart's items, oldest first.
SELECT id, product_id, variant_type, variant_value, quantity, price_paise, added_at
FROM cart_items
WHERE cart_id = $1
ORDER BY added_at, id
