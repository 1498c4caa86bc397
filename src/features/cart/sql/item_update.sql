-- A new quantity; the price seen when the item was first added stays.
UPDATE cart_items SET quantity = $2 WHERE id = $1
