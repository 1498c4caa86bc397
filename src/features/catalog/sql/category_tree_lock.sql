-- Category writes take turns (the tree is small and seldom written): a move is checked against the
-- tree as no other write leaves it.
SELECT pg_advisory_xact_lock(hashtext('catalog.category_tree'))
