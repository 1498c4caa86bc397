SELECT id, video_id, user_id, text, created_at FROM video_comments WHERE id = $1 AND video_id = $2
