-- The products a user bought in orders not cancelled, most recently ordered first
-- (orders_user_created_idx): the homepage's recommendations read them.
SELECT i.product_id, max(o.created_at) AS last_ordered_at
FROM orders o
JOIN order_items i ON i.order_id = o.id
WHERE o.user_id = $1 AND o.status <> 'cancelled'
GROUP BY i.product_id
ORDER BY last_ordered_at DESC, i.product_id
LIMIT $2
