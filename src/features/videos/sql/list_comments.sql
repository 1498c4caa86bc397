-- A video's comments newest first; keyset on (created_at, id); served by video_comments_video_idx.
-- $1 video, $2/$3 cursor, $4 limit.
SELECT id, video_id, user_id, text, created_at
FROM video_comments
WHERE video_id = $1
  AND ($3::text IS NULL OR (created_at, id) < ($2::timestamptz, $3::text))
ORDER BY created_at DESC, id DESC
LIMIT $4
