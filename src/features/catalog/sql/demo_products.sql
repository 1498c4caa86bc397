-- Demo products, one row per array element (tags comma-separated, times in Unix seconds); ids already taken are skipped.
INSERT INTO products (id, store_id, category_id, name, description, images, original_paise, selling_paise, stock,
                      tags, specifications, sold_count, is_featured, created_at)
SELECT u.id, u.store_id, u.category_id, u.name, u.description, ARRAY[u.image], u.original, u.selling, u.stock,
       string_to_array(u.tags, ','), u.specs, u.sold, u.featured, to_timestamp(u.created)
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::bigint[],
            $9::int[], $10::text[], $11::jsonb[], $12::bigint[], $13::bool[], $14::bigint[])
     AS u(id, store_id, category_id, name, description, image, original, selling, stock, tags, specs, sold,
          featured, created)
ON CONFLICT DO NOTHING
