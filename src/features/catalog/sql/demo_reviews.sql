-- Demo reviews, one row per array element; a user's second review of a product is skipped.
INSERT INTO reviews (id, product_id, user_id, rating, text, created_at, updated_at)
SELECT u.id, u.product_id, u.user_id, u.rating, u.text, to_timestamp(u.at), to_timestamp(u.at)
FROM unnest($1::text[], $2::text[], $3::text[], $4::smallint[], $5::text[], $6::bigint[])
     AS u(id, product_id, user_id, rating, text, at)
ON CONFLICT DO NOTHING
