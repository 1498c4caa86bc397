-- Replaces a banner's fields (PUT /admin/homepage/banners/:id); no row: no such banner.
UPDATE homepage_banners
SET title = $2, subtitle = $3, image = $4, link = $5, position = $6, starts_at = $7, ends_at = $8,
    is_active = $9, updated_at = now()
WHERE id = $1
RETURNING id, title, subtitle, image, link, position, starts_at, ends_at, is_active, created_at, updated_at
