-- Moves a product's rating sum and count by ($2, $3) and stores the new average (2 decimals,
-- halves away from zero, as rules.cpp rating_average).
UPDATE products
SET rating_sum = rating_sum + $2,
    rating_count = rating_count + $3,
    rating_average = CASE WHEN rating_count + $3 > 0
                          THEN round((rating_sum + $2)::numeric / (rating_count + $3), 2) ELSE 0 END
WHERE id = $1
