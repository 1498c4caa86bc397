-- Banners of the home screen, managed by admins (/admin/homepage/banners). GET /homepage/sections
-- shows the active ones whose window (startsAt..endsAt, either open) holds now, by position.
CREATE TABLE homepage_banners (
    id         text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{24}$'),
    title      text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 120),
    subtitle   text CHECK (char_length(subtitle) <= 200),
    image      text NOT NULL CHECK (char_length(image) BETWEEN 1 AND 500),
    -- Where a tap goes: an https URL or an in-app deeplink (superapp://...).
    link       text CHECK (char_length(link) <= 500),
    position   integer NOT NULL DEFAULT 0 CHECK (position BETWEEN 0 AND 1000),
    starts_at  timestamptz,
    ends_at    timestamptz,
    is_active  boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at)
);
-- The sections' banners: active ones by position.
CREATE INDEX homepage_banners_live_idx ON homepage_banners (position, created_at, id) WHERE is_active;
-- The admin list, newest first.
CREATE INDEX homepage_banners_created_idx ON homepage_banners (created_at DESC, id DESC);
