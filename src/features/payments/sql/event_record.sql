-- Records a gateway event once; no row back means it was recorded before (a replay).
INSERT INTO payment_events (id, transaction_id, type) VALUES ($1, $2, $3)
ON CONFLICT (id) DO NOTHING
RETURNING id
