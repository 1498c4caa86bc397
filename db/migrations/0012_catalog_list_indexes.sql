-- The filter + sort pairs of the catalog's lists that 0003 left to a scan and a sort:
-- GET /stores/:id/products?sort=popularity and GET /stores?city=..&sort=name.
CREATE INDEX products_store_popular_idx ON products (store_id, sold_count, id) WHERE is_active;
CREATE INDEX stores_city_name_idx ON stores (city, name, id) WHERE is_active;
