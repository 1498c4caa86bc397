-- One banner (GET /admin/homepage/banners/:id).
SELECT id, title, subtitle, image, link, position, starts_at, ends_at, is_active, created_at, updated_at FROM homepage_banners WHERE id = $1
