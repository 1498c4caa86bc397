-- Moves the staged demo variants into the catalog; those already there are skipped.
INSERT INTO product_variants (product_id, position, type, value, price_paise, stock)
SELECT * FROM demo_variants_in
ON CONFLICT DO NOTHING
