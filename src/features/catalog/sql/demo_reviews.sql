-- Moves the staged demo reviews into the catalog; a user's second review of a product is skipped.
INSERT INTO reviews (id, product_id, user_id, rating, text, created_at, updated_at)
SELECT id, product_id, user_id, rating, text, at, at FROM demo_reviews_in
ON CONFLICT DO NOTHING
