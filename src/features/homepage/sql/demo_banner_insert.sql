-- A demo banner; taken (another `superapp seed` loaded it at the same time): no row.
INSERT INTO homepage_banners (id, title, subtitle, image, link, position)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (id) DO NOTHING
RETURNING id
