-- Moves the staged demo products into the catalog; ids already taken are skipped.
INSERT INTO products (id, store_id, category_id, name, description, images, original_paise, selling_paise, stock,
                      tags, specifications, sold_count, is_featured, created_at, rating_sum, rating_count,
                      rating_average)
SELECT * FROM demo_products_in
ON CONFLICT DO NOTHING
