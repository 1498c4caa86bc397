-- Removes a video; its likes, comments, views, shares and engagement go with it (ON DELETE CASCADE).
DELETE FROM videos WHERE id = $1 RETURNING video_url, thumbnail_url
