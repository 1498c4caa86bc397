-- Sharer rows older than the hour dedup nothing any more; served by video_sharers_counted_idx.
DELETE FROM video_sharers WHERE last_counted_at < now() - interval '1 hour'
