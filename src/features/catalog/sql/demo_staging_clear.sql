-- Empties the demo staging tables (demo_staging.sql) between batches.
TRUNCATE demo_stores_in, demo_products_in, demo_variants_in, demo_reviews_in
