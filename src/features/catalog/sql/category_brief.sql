-- A category of any state by id: what a move under it needs.
SELECT id, type, is_active FROM categories WHERE id = $1
