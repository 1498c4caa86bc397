-- A delivered order's customer has received these products ($2): their reviews of them become
-- verified purchases.
WITH received AS (
    INSERT INTO product_receipts (user_id, product_id)
    SELECT $1, p FROM unnest($2::text[]) AS p
    ON CONFLICT (user_id, product_id) DO NOTHING
)
UPDATE reviews SET verified_purchase = true
WHERE user_id = $1 AND product_id = ANY($2::text[]) AND NOT verified_purchase
