-- The user's review of a product, if any.
SELECT id, rating FROM reviews WHERE product_id = $1 AND user_id = $2
