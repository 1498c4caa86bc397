DELETE FROM cart_items WHERE id = $1 AND cart_id = $2
