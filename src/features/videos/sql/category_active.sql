SELECT EXISTS (SELECT 1 FROM video_categories WHERE slug = $1 AND is_active) AS active
