-- Replaces a product's images if they are still what the caller read ($2): a concurrent change of the
-- images makes this match nothing, and the caller reports a conflict rather than lose that change.
UPDATE products SET images = $3::text[], updated_at = now()
WHERE id = $1 AND images = $2::text[]
RETURNING id
