-- The variants of some products, in their order.
SELECT product_id, type, value, price_paise, stock
FROM product_variants
WHERE product_id = ANY($1::text[])
ORDER BY product_id, position
