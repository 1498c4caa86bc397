-- Takes $4 units of product $1 and, when $2 is not '', of its variant ($2, $3): each row only when
-- it holds that many, so stock never goes below zero whatever runs at once. The product row is
-- locked before the variant's (stock_return keeps the same order). products = 1 and variants = 1
-- (or 0 for no variant) means taken; anything else, the caller's transaction must roll back.
WITH p AS (
    UPDATE products SET stock = stock - $4, sold_count = sold_count + $4, updated_at = now()
    WHERE id = $1 AND stock >= $4
    RETURNING id),
v AS (
    UPDATE product_variants SET stock = stock - $4
    WHERE $2 <> '' AND product_id = (SELECT id FROM p) AND type = $2 AND value = $3 AND stock >= $4
    RETURNING 1)
SELECT (SELECT count(*) FROM p) AS products, (SELECT count(*) FROM v) AS variants
