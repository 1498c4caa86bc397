-- The seed's video categories (more are rows, never code), and one row per share so that a share's
-- channel is kept next to the counter it moves.
INSERT INTO video_categories (slug, name, sort_order) VALUES
    ('trending_me', 'Trending for him', 10),
    ('trending_her', 'Trending for her', 20),
    ('waist', 'Waist and fitness', 30),
    ('beauty', 'Beauty', 40),
    ('fashion', 'Fashion', 50),
    ('food', 'Food', 60)
ON CONFLICT (slug) DO NOTHING;

CREATE TABLE video_shares (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    video_id   text NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
    user_id    text REFERENCES users (id) ON DELETE SET NULL,
    channel    text NOT NULL CHECK (char_length(channel) BETWEEN 1 AND 40),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX video_shares_video_idx ON video_shares (video_id, created_at);

-- Views older than the hour no longer deduplicate anything; the trending job purges them by age.
CREATE INDEX video_views_counted_idx ON video_views (last_counted_at);
