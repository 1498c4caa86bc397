SELECT count(*) AS items FROM cart_items WHERE cart_id = $1
