-- Sets every store's rating figures from its products' (after a bulk load, which writes the products' own).
UPDATE stores SET rating_sum = t.sum, rating_count = t.n, rating_average = round(t.sum::numeric / t.n, 2)
FROM (SELECT store_id, sum(rating_sum) AS sum, sum(rating_count) AS n
      FROM products GROUP BY store_id HAVING sum(rating_count) > 0) t
WHERE stores.id = t.store_id
