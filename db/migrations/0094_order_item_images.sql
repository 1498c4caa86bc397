-- An order item keeps the product's first image as it was when ordered, beside its name: a later
-- change of the product's pictures does not change what the order history shows. Orders placed before
-- this take the product's first image as it is now.
ALTER TABLE order_items ADD COLUMN image text;

UPDATE order_items i SET image = p.images[1]
FROM products p
WHERE p.id = i.product_id AND i.image IS NULL AND cardinality(p.images) > 0;
