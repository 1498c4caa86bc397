-- The user's cart, made when there is none, its expiry moved on and its row locked until the
-- transaction ends: the changes of one cart run one at a time.
INSERT INTO carts (id, user_id) VALUES ($1, $2)
ON CONFLICT (user_id) DO UPDATE SET updated_at = now(), expires_at = now() + interval '30 days'
RETURNING id, user_id, created_at, updated_at, expires_at
