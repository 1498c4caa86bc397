-- Shoppable short videos (the seed's Videos collection). The seed's engagement arrays become
-- rows of their own (likes, comments, views) with counters on the video kept in the same
-- transaction as the row that changes them, so a count never drifts under concurrency.
-- Video categories ('trending_me', 'trending_her', 'waist', ...) are data, not an enum.
CREATE TABLE video_categories (
    slug       text PRIMARY KEY CHECK (slug ~ '^[a-z][a-z0-9_]{0,39}$'),
    name       text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    sort_order integer NOT NULL DEFAULT 0,
    is_active  boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE videos (
    id               text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{24}$'),
    title            text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    description      text CHECK (char_length(description) <= 5000),
    creator_id       text NOT NULL REFERENCES users (id),
    category         text NOT NULL REFERENCES video_categories (slug),
    -- Public URLs under /uploads (or a placeholder for demo rows without a file).
    video_url        text NOT NULL,
    thumbnail_url    text,
    tags             text[] NOT NULL DEFAULT '{}',
    -- Linked products (shoppable): catalog product ids, checked to exist when set.
    product_ids      text[] NOT NULL DEFAULT '{}',
    duration_seconds integer NOT NULL CHECK (duration_seconds >= 0),
    views            bigint NOT NULL DEFAULT 0 CHECK (views >= 0),
    likes            bigint NOT NULL DEFAULT 0 CHECK (likes >= 0),
    shares           bigint NOT NULL DEFAULT 0 CHECK (shares >= 0),
    comments         bigint NOT NULL DEFAULT 0 CHECK (comments >= 0),
    -- Time-decayed engagement, recomputed by a background job from video_engagement_daily
    -- (formula in the README); GET /videos?sort=trending and the homepage read it.
    trending_score   double precision NOT NULL DEFAULT 0,
    is_published     boolean NOT NULL DEFAULT true,
    is_featured      boolean NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
-- GET /videos in each sort, keyset on (key, id); with and without a category.
CREATE INDEX videos_newest_idx ON videos (created_at, id) WHERE is_published;
CREATE INDEX videos_popular_idx ON videos (views, id) WHERE is_published;
CREATE INDEX videos_trending_idx ON videos (trending_score, id) WHERE is_published;
CREATE INDEX videos_category_newest_idx ON videos (category, created_at, id) WHERE is_published;
CREATE INDEX videos_category_popular_idx ON videos (category, views, id) WHERE is_published;
CREATE INDEX videos_category_trending_idx ON videos (category, trending_score, id) WHERE is_published;
-- ?creator=, ?tag=, ?product=.
CREATE INDEX videos_creator_idx ON videos (creator_id, created_at, id);
CREATE INDEX videos_tags_idx ON videos USING gin (tags) WHERE is_published;
CREATE INDEX videos_products_idx ON videos USING gin (product_ids) WHERE is_published;

-- One like per user per video; videos.likes moves with the insert or delete of this row.
CREATE TABLE video_likes (
    video_id   text NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
    user_id    text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (video_id, user_id)
);
-- A user's liked videos (isLiked in lists, recommendations).
CREATE INDEX video_likes_user_idx ON video_likes (user_id, created_at DESC);

CREATE TABLE video_comments (
    id         text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{24}$'),
    video_id   text NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
    user_id    text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    text       text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 500),
    created_at timestamptz NOT NULL DEFAULT now()
);
-- GET /videos/:id/comments, newest first.
CREATE INDEX video_comments_video_idx ON video_comments (video_id, created_at DESC, id DESC);
-- The per-user comment rate limit.
CREATE INDEX video_comments_user_idx ON video_comments (user_id, created_at DESC);

-- A view counts at most once per viewer per hour; viewer is 'user:<id>' or 'device:<id>'.
CREATE TABLE video_views (
    video_id       text NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
    viewer         text NOT NULL CHECK (char_length(viewer) BETWEEN 1 AND 140),
    last_counted_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (video_id, viewer)
);

-- Engagement per video per day (UTC): the input of the time-decayed trending score.
CREATE TABLE video_engagement_daily (
    video_id text NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
    day      date NOT NULL,
    views    integer NOT NULL DEFAULT 0 CHECK (views >= 0),
    likes    integer NOT NULL DEFAULT 0,
    shares   integer NOT NULL DEFAULT 0 CHECK (shares >= 0),
    comments integer NOT NULL DEFAULT 0,
    PRIMARY KEY (video_id, day)
);
CREATE INDEX video_engagement_daily_day_idx ON video_engagement_daily (day);
