-- Active video categories in display order, with how many published videos each has.
SELECT c.slug, c.name, c.sort_order,
       (SELECT count(*) FROM videos v WHERE v.category = c.slug AND v.is_published) AS videos
FROM video_categories c
WHERE c.is_active
ORDER BY c.sort_order, c.slug
