-- GET /homepage/trending reads the last 7 days of orders and reviews per product per day.
CREATE INDEX orders_created_idx ON orders (created_at);
CREATE INDEX reviews_created_idx ON reviews (created_at);
