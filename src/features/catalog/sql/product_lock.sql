-- Locks an active product (reviews of one product take turns); returns its store.
SELECT p.store_id
FROM products p
JOIN stores s ON s.id = p.store_id AND s.is_active
WHERE p.id = $1 AND p.is_active
FOR UPDATE OF p
