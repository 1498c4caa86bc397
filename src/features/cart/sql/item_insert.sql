INSERT INTO cart_items (id, cart_id, product_id, variant_type, variant_value, quantity, price_paise)
VALUES ($1, $2, $3, $4, $5, $6, $7)
