SELECT EXISTS (SELECT 1 FROM video_likes WHERE video_id = $1 AND user_id = $2) AS liked
