-- Puts back $4 units of product $1 and, when $2 is not '', of its variant ($2, $3) (a cancelled
-- order). The product row is locked before the variant's, as in stock_take.
WITH p AS (
    UPDATE products SET stock = stock + $4, sold_count = greatest(sold_count - $4, 0), updated_at = now()
    WHERE id = $1
    RETURNING id)
UPDATE product_variants SET stock = stock + $4
WHERE $2 <> '' AND product_id = (SELECT id FROM p) AND type = $2 AND value = $3
