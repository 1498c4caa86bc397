-- Whether $2 is $1 or one of its ancestors, over categories of every state (UNION: a loop ends).
WITH RECURSIVE up (id, parent_id) AS (
    SELECT id, parent_id FROM categories WHERE id = $1
    UNION
    SELECT c.id, c.parent_id FROM categories c JOIN up ON c.id = up.parent_id
)
SELECT EXISTS (SELECT 1 FROM up WHERE id = $2) AS found
