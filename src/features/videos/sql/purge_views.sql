-- View rows older than the hour dedup nothing any more; served by video_views_counted_idx.
DELETE FROM video_views WHERE last_counted_at < now() - interval '1 hour'
