-- How many of the stores $1 the user $2 owns (catalog's stores, read only).
SELECT count(*) AS owned FROM stores WHERE id = ANY($1::text[]) AND owner_id = $2
