SELECT EXISTS (SELECT 1 FROM homepage_banners) AS any
