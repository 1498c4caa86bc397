-- The types of a category's subcategories, of every state.
SELECT DISTINCT type FROM categories WHERE parent_id = $1
