-- An order's items; each $n after the first is an array with one element per item, in order ($11: the
-- product's first image when ordered, '' for none).
INSERT INTO order_items (order_id, position, product_id, store_id, name, variant_type, variant_value, quantity,
                         price_paise, original_paise, tax_paise, image)
SELECT $1, i.position, i.product_id, i.store_id, i.name, i.variant_type, i.variant_value, i.quantity,
       i.price_paise, i.original_paise, i.tax_paise, nullif(i.image, '')
FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::integer[], $8::bigint[], $9::bigint[],
            $10::bigint[], $11::text[]) WITH ORDINALITY
     AS i (product_id, store_id, name, variant_type, variant_value, quantity, price_paise, original_paise, tax_paise,
           image, position)
