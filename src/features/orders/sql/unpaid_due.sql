-- Card orders whose payment did not arrive in time; served by orders_payment_due_idx.
SELECT id
FROM orders
WHERE payment_status = 'pending' AND payment_due_at IS NOT NULL AND payment_due_at < now()
ORDER BY payment_due_at
LIMIT $1
