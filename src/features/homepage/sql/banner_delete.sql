-- Removes a banner (DELETE /admin/homepage/banners/:id); no row: no such banner.
DELETE FROM homepage_banners WHERE id = $1 RETURNING id
