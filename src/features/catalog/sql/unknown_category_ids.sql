-- The ids among $1 that name no active category, in the order given.
SELECT given.id
FROM unnest($1::text[]) WITH ORDINALITY AS given (id, position)
WHERE NOT EXISTS (SELECT 1 FROM categories c WHERE c.id = given.id AND c.is_active)
ORDER BY given.position
