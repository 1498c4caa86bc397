-- A share counts at most once per sharer per video per hour, as a view does (video_views): one row
-- per (video, sharer) with the time its last share was counted. A sharer is 'user:<id>' for a
-- signed-in caller, else 'address:<client address>'.
CREATE TABLE video_sharers (
    video_id        text NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
    sharer          text NOT NULL CHECK (char_length(sharer) BETWEEN 1 AND 140),
    last_counted_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (video_id, sharer)
);

-- Rows older than the hour no longer deduplicate anything; the trending job purges them by age.
CREATE INDEX video_sharers_counted_idx ON video_sharers (last_counted_at);
