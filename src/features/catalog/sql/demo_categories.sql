-- Demo categories, one row per array element; ids already taken are skipped.
INSERT INTO categories (id, name, slug, type, parent_id, sort_order, icon, metadata)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::jsonb[])
ON CONFLICT DO NOTHING
