-- Moves the staged demo stores into the catalog; ids already taken are skipped.
INSERT INTO stores (id, name, description, category_id, owner_id, address, city, pincode, latitude, longitude,
                    delivery_radius_km, phone, email, cashback_percent, is_partner, opens_at, closes_at,
                    delivery_time, minimum_order_paise)
SELECT * FROM demo_stores_in
ON CONFLICT DO NOTHING
