-- A new banner (POST /admin/homepage/banners).
INSERT INTO homepage_banners (id, title, subtitle, image, link, position, starts_at, ends_at, is_active)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
RETURNING id, title, subtitle, image, link, position, starts_at, ends_at, is_active, created_at, updated_at
