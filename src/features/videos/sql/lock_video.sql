-- Locks a published video for a change of its engagement: every counter change of one video is
-- serialised here, so a counter always equals its rows.
SELECT id, creator_id FROM videos WHERE id = $1 AND is_published FOR UPDATE
