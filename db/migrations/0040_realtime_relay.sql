-- Real-time events too big for one NOTIFY payload (8000 bytes), kept briefly for the other server
-- processes to read by id; the process that stores one deletes those older than a minute.
CREATE TABLE realtime_relay_events (
    id bigserial PRIMARY KEY,
    payload text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX realtime_relay_events_created_at ON realtime_relay_events (created_at);
