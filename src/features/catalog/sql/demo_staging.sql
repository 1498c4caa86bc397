-- Staging tables of the demo catalog (a script, run once per seed): `superapp seed` COPYs each batch
-- here, then demo_stores / demo_products / demo_variants / demo_reviews move it into the catalog,
-- skipping ids already taken, and demo_staging_clear empties them for the next batch.
CREATE TEMP TABLE demo_stores_in (
    id text, name text, description text, category_id text, owner_id text, address text, city text,
    pincode text, latitude float8, longitude float8, delivery_radius_km float8, phone text, email text,
    cashback_percent numeric, is_partner bool, opens_at time, closes_at time, delivery_time text,
    minimum_order_paise bigint) ON COMMIT DROP;
CREATE TEMP TABLE demo_products_in (
    id text, store_id text, category_id text, name text, description text, images text[], original_paise bigint,
    selling_paise bigint, stock int, tags text[], specifications jsonb, sold_count bigint, is_featured bool,
    created_at timestamptz, rating_sum bigint, rating_count int, rating_average numeric) ON COMMIT DROP;
CREATE TEMP TABLE demo_variants_in (
    product_id text, position smallint, type text, value text, price_paise bigint, stock int) ON COMMIT DROP;
CREATE TEMP TABLE demo_reviews_in (
    id text, product_id text, user_id text, rating smallint, text text, at timestamptz) ON COMMIT DROP;
