-- One item of a cart, by id ($2) or by product and variant ($3, $4, $5); locked until the end of the transaction.
SELECT id, product_id, variant_type, variant_value, quantity, price_paise, added_at
FROM cart_items
WHERE cart_id = $1
  AND (id = $2 OR (product_id = $3 AND variant_type = $4 AND variant_value = $5))
FOR UPDATE
