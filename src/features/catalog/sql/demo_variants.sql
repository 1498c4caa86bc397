-- Demo variants, one row per array element.
INSERT INTO product_variants (product_id, position, type, value, price_paise, stock)
SELECT * FROM unnest($1::text[], $2::smallint[], $3::text[], $4::text[], $5::bigint[], $6::int[])
ON CONFLICT DO NOTHING
