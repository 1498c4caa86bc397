-- A user's second review of a product replaces their first.
UPDATE reviews SET rating = $2, text = $3, updated_at = now()
WHERE id = $1
RETURNING id, product_id, user_id, rating, text, verified_purchase, created_at, updated_at
