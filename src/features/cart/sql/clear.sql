-- Empties a cart.
DELETE FROM cart_items WHERE cart_id = $1
