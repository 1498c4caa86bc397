-- Demo stores, one row per array element; ids already taken are skipped.
INSERT INTO stores (id, name, description, category_id, owner_id, address, city, pincode, latitude, longitude,
                    delivery_radius_km, phone, email, cashback_percent, is_partner, opens_at, closes_at,
                    delivery_time, minimum_order_paise)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                     $9::float8[], $10::float8[], $11::float8[], $12::text[], $13::text[], $14::numeric[],
                     $15::bool[], $16::time[], $17::time[], $18::text[], $19::bigint[])
ON CONFLICT DO NOTHING
