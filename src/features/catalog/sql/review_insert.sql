INSERT INTO reviews (id, product_id, user_id, rating, text)
VALUES ($1, $2, $3, $4, $5)
RETURNING id, product_id, user_id, rating, text, verified_purchase, created_at, updated_at
