-- Sets every product's and store's rating figures from the reviews (after a bulk load).
WITH p AS (
    UPDATE products SET rating_sum = t.sum, rating_count = t.n, rating_average = round(t.sum::numeric / t.n, 2)
    FROM (SELECT product_id, sum(rating) AS sum, count(*) AS n FROM reviews GROUP BY product_id) t
    WHERE products.id = t.product_id
    RETURNING products.id
)
UPDATE stores SET rating_sum = t.sum, rating_count = t.n, rating_average = round(t.sum::numeric / t.n, 2)
FROM (SELECT pr.store_id, sum(r.rating) AS sum, count(*) AS n
      FROM reviews r JOIN products pr ON pr.id = r.product_id GROUP BY pr.store_id) t
WHERE stores.id = t.store_id
