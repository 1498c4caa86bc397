-- The user's cart, made empty when there is none ($1 the new cart's id, $2 the user).
WITH made AS (
    INSERT INTO carts (id, user_id) VALUES ($1, $2)
    ON CONFLICT (user_id) DO NOTHING
    RETURNING id, user_id, created_at, updated_at, expires_at)
SELECT id, user_id, created_at, updated_at, expires_at FROM made
UNION ALL
SELECT id, user_id, created_at, updated_at, expires_at FROM carts WHERE user_id = $2
