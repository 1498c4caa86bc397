-- Units sold per product per UTC day over the last $1 days, age 0 = today, orders not cancelled
-- (orders_created_idx): an input of the homepage's trending score.
SELECT i.product_id,
       (now() AT TIME ZONE 'UTC')::date - (o.created_at AT TIME ZONE 'UTC')::date AS age_days,
       sum(i.quantity) AS units
FROM orders o
JOIN order_items i ON i.order_id = o.id
WHERE o.created_at >= (date_trunc('day', now() AT TIME ZONE 'UTC') - make_interval(days => $1::int - 1)) AT TIME ZONE 'UTC'
  AND o.status <> 'cancelled'
GROUP BY 1, 2
