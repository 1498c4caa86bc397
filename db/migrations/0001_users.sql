-- Accounts of the app: identity (phone), role, profile, preferences and login state.
-- The API shows a row as the seed's Users document (features/users/service.cpp: user_json).
CREATE TABLE users (
    id                   text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{24}$'),
    phone_number         text NOT NULL UNIQUE CHECK (phone_number ~ '^\+[1-9][0-9]{6,14}$'),
    email                text,
    role                 text NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'merchant', 'admin')),

    first_name           text,
    last_name            text,
    avatar_url           text,
    date_of_birth        date,
    gender               text,
    address              text,
    city                 text,
    state                text,
    pincode              text,
    longitude            double precision CHECK (longitude BETWEEN -180 AND 180),
    latitude             double precision CHECK (latitude BETWEEN -90 AND 90),

    language             text,
    notifications        boolean NOT NULL DEFAULT true,
    preferred_categories text[] NOT NULL DEFAULT '{}',
    theme                text NOT NULL DEFAULT 'light' CHECK (theme IN ('light', 'dark')),

    is_verified          boolean NOT NULL DEFAULT false,
    is_onboarded         boolean NOT NULL DEFAULT false,
    last_login           timestamptz,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CHECK ((longitude IS NULL) = (latitude IS NULL))
);

CREATE UNIQUE INDEX users_email_key ON users (lower(email)) WHERE email IS NOT NULL;

-- Admin user list (GET /admin/users): newest first, optionally by role, cursor on (created_at, id).
CREATE INDEX users_created_idx ON users (created_at DESC, id DESC);
CREATE INDEX users_role_created_idx ON users (role, created_at DESC, id DESC);
-- Admin search: phone number prefix, and name prefix (full name or last name), case-insensitive.
CREATE INDEX users_phone_prefix_idx ON users (phone_number text_pattern_ops);
CREATE INDEX users_name_prefix_idx ON users (lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) text_pattern_ops);
CREATE INDEX users_last_name_prefix_idx ON users (lower(last_name) text_pattern_ops) WHERE last_name IS NOT NULL;
