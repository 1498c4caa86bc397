-- In-app notifications (the seed's Notifications collection). Features create them through
-- NotificationsService; expired ones are hidden and removed by a background job in `serve`.
CREATE TABLE notifications (
    id         text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{24}$'),
    user_id    text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title      text NOT NULL,
    message    text NOT NULL,
    type       text NOT NULL DEFAULT 'info' CHECK (type IN ('info', 'success', 'warning', 'error')),
    category   text NOT NULL DEFAULT 'general' CHECK (category IN ('order', 'earning', 'general', 'promotional')),
    data       jsonb NOT NULL DEFAULT '{}',
    is_read    boolean NOT NULL DEFAULT false,
    read_at    timestamptz,
    expires_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- A user's list, newest first, cursor on (created_at, id).
CREATE INDEX notifications_user_created_idx ON notifications (user_id, created_at DESC, id DESC);
-- The unread count and read-all.
CREATE INDEX notifications_user_unread_idx ON notifications (user_id) WHERE NOT is_read;
-- The expiry job.
CREATE INDEX notifications_expires_idx ON notifications (expires_at) WHERE expires_at IS NOT NULL;
