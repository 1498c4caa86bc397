-- The items of some orders, in their order.
SELECT order_id, product_id, store_id, name, variant_type, variant_value, quantity, price_paise, original_paise,
       tax_paise, image
FROM order_items
WHERE order_id = ANY($1::text[])
ORDER BY order_id, position
