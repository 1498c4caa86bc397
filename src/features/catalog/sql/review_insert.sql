INSERT INTO reviews (id, product_id, user_id, rating, text, verified_purchase)
VALUES ($1, $2, $3, $4, $5,
        EXISTS (SELECT 1 FROM product_receipts WHERE user_id = $3 AND product_id = $2))
RETURNING id, product_id, user_id, rating, text, verified_purchase, created_at, updated_at
