-- Active stores by id (one for GET /stores/:id, several for ?expand=store). Same columns as kStoreColumns in repository.cpp.
SELECT s.id, s.name, s.description, s.logo, s.banner, s.category_id, s.owner_id, s.address, s.city, s.pincode,
       s.latitude, s.longitude, s.delivery_radius_km, s.phone, s.email, s.website,
       s.rating_average::float8 AS rating_average, s.rating_count, s.cashback_percent::float8 AS cashback_percent,
       s.is_partner, to_char(s.opens_at, 'HH24:MI') AS opens_at, to_char(s.closes_at, 'HH24:MI') AS closes_at,
       s.open_days, s.delivery_time, s.minimum_order_paise, s.is_active, s.created_at, s.updated_at
FROM stores s
WHERE s.id = ANY($1::text[]) AND s.is_active
