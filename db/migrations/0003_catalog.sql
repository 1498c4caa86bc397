-- The shopping catalog: categories (a tree), stores, products with variants, and reviews.
-- The API shows rows as the seed's Categories, Stores and Products documents
-- (features/catalog/json.cpp). Money is bigint paise. Every list query of features/catalog is
-- served by an index below; the comment above each index names the route it serves.
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE categories (
    id          text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{24}$'),
    name        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    slug        text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND char_length(slug) <= 100),
    description text,
    icon        text,
    image       text,
    type        text NOT NULL CHECK (type IN ('going_out', 'home_delivery', 'earn', 'play')),
    parent_id   text REFERENCES categories (id),
    is_active   boolean NOT NULL DEFAULT true,
    sort_order  integer NOT NULL DEFAULT 0,
    metadata    jsonb NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (parent_id IS DISTINCT FROM id)
);
CREATE UNIQUE INDEX categories_slug_key ON categories (slug);
-- GET /categories (whole tree, ?type=): a small table read in display order.
CREATE INDEX categories_type_order_idx ON categories (type, sort_order, name) WHERE is_active;
-- Subcategories of a category (the subtree of /categories/:id/products and /stores).
CREATE INDEX categories_parent_idx ON categories (parent_id) WHERE parent_id IS NOT NULL;

CREATE TABLE stores (
    id                  text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{24}$'),
    name                text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
    description         text,
    logo                text,
    banner              text,
    category_id         text NOT NULL REFERENCES categories (id),
    owner_id            text REFERENCES users (id),
    address             text,
    city                text NOT NULL,
    pincode             text CHECK (pincode ~ '^[1-9][0-9]{5}$'),
    latitude            double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude           double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    delivery_radius_km  double precision NOT NULL DEFAULT 5 CHECK (delivery_radius_km >= 0 AND delivery_radius_km <= 100),
    phone               text,
    email               text,
    website             text,
    rating_sum          bigint NOT NULL DEFAULT 0 CHECK (rating_sum >= 0),
    rating_count        integer NOT NULL DEFAULT 0 CHECK (rating_count >= 0),
    rating_average      numeric(3, 2) NOT NULL DEFAULT 0 CHECK (rating_average BETWEEN 0 AND 5),
    cashback_percent    numeric(5, 2) NOT NULL DEFAULT 0 CHECK (cashback_percent BETWEEN 0 AND 100),
    is_partner          boolean NOT NULL DEFAULT false,
    -- Opening hours: the same local (India) times on each listed day; closes_at < opens_at runs past midnight.
    opens_at            time NOT NULL DEFAULT '09:00',
    closes_at           time NOT NULL DEFAULT '21:00',
    open_days           text[] NOT NULL DEFAULT '{monday,tuesday,wednesday,thursday,friday,saturday,sunday}',
    delivery_time       text,
    minimum_order_paise bigint NOT NULL DEFAULT 0 CHECK (minimum_order_paise >= 0),
    is_active           boolean NOT NULL DEFAULT true,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
-- GET /stores and /categories/:id/stores, by rating or by name, with or without a category.
CREATE INDEX stores_rating_idx ON stores (rating_average, id) WHERE is_active;
CREATE INDEX stores_name_idx ON stores (name, id) WHERE is_active;
CREATE INDEX stores_category_rating_idx ON stores (category_id, rating_average, id) WHERE is_active;
CREATE INDEX stores_category_name_idx ON stores (category_id, name, id) WHERE is_active;
CREATE INDEX stores_city_rating_idx ON stores (city, rating_average, id) WHERE is_active;
-- GET /stores/nearby and ?lat,lng: a bounding-box search on the earth's surface.
CREATE INDEX stores_location_idx ON stores USING gist (ll_to_earth(latitude, longitude)) WHERE is_active;
-- A merchant's own stores.
CREATE INDEX stores_owner_idx ON stores (owner_id) WHERE owner_id IS NOT NULL;

-- array_to_string is only STABLE in general (element output functions may depend on settings); for
-- text[] it cannot, so this wrapper may be IMMUTABLE and used in the generated search column.
CREATE FUNCTION catalog_tags_text(tags text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN array_to_string(tags, ' ');

CREATE TABLE products (
    id             text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{24}$'),
    store_id       text NOT NULL REFERENCES stores (id),
    category_id    text NOT NULL REFERENCES categories (id),
    name           text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    description    text,
    images         text[] NOT NULL DEFAULT '{}',
    original_paise bigint NOT NULL CHECK (original_paise > 0),
    selling_paise  bigint NOT NULL CHECK (selling_paise > 0 AND selling_paise <= original_paise),
    stock          integer NOT NULL DEFAULT 0 CHECK (stock >= 0),
    tags           text[] NOT NULL DEFAULT '{}',
    specifications jsonb NOT NULL DEFAULT '[]',
    rating_sum     bigint NOT NULL DEFAULT 0 CHECK (rating_sum >= 0),
    rating_count   integer NOT NULL DEFAULT 0 CHECK (rating_count >= 0),
    rating_average numeric(3, 2) NOT NULL DEFAULT 0 CHECK (rating_average BETWEEN 0 AND 5),
    sold_count     bigint NOT NULL DEFAULT 0 CHECK (sold_count >= 0),
    is_featured    boolean NOT NULL DEFAULT false,
    is_active      boolean NOT NULL DEFAULT true,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    -- Full-text search over name (weight A), tags (B) and description (C).
    search         tsvector GENERATED ALWAYS AS (
                       setweight(to_tsvector('english'::regconfig, name), 'A') ||
                       setweight(to_tsvector('english'::regconfig, catalog_tags_text(tags)), 'B') ||
                       setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'C')) STORED
);
-- GET /products (and /categories/:id/products, /stores/:id/products) in each sort, keyset on (key, id):
-- price, rating, newest, popularity; each with and without a category or a store. Descending sorts
-- scan the same indexes backwards.
CREATE INDEX products_price_idx ON products (selling_paise, id) WHERE is_active;
CREATE INDEX products_rating_idx ON products (rating_average, id) WHERE is_active;
CREATE INDEX products_newest_idx ON products (created_at, id) WHERE is_active;
CREATE INDEX products_popular_idx ON products (sold_count, id) WHERE is_active;
CREATE INDEX products_category_price_idx ON products (category_id, selling_paise, id) WHERE is_active;
CREATE INDEX products_category_rating_idx ON products (category_id, rating_average, id) WHERE is_active;
CREATE INDEX products_category_newest_idx ON products (category_id, created_at, id) WHERE is_active;
CREATE INDEX products_category_popular_idx ON products (category_id, sold_count, id) WHERE is_active;
CREATE INDEX products_store_price_idx ON products (store_id, selling_paise, id) WHERE is_active;
CREATE INDEX products_store_newest_idx ON products (store_id, created_at, id) WHERE is_active;
CREATE INDEX products_store_rating_idx ON products (store_id, rating_average, id) WHERE is_active;
-- ?q=: words and prefixes through the tsvector, typos through trigrams of the name.
CREATE INDEX products_search_idx ON products USING gin (search) WHERE is_active;
CREATE INDEX products_name_trgm_idx ON products USING gin (name gin_trgm_ops) WHERE is_active;
-- ?tags=a,b (any of them).
CREATE INDEX products_tags_idx ON products USING gin (tags) WHERE is_active;

-- Variants of a product (size, colour, ...): their own price and stock.
CREATE TABLE product_variants (
    product_id  text NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    position    smallint NOT NULL,
    type        text NOT NULL CHECK (char_length(type) BETWEEN 1 AND 30),
    value       text NOT NULL CHECK (char_length(value) BETWEEN 1 AND 60),
    price_paise bigint NOT NULL CHECK (price_paise > 0),
    stock       integer NOT NULL DEFAULT 0 CHECK (stock >= 0),
    PRIMARY KEY (product_id, position),
    UNIQUE (product_id, type, value)
);

-- One review per user per product; a second one from the same user replaces the first.
CREATE TABLE reviews (
    id                text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{24}$'),
    product_id        text NOT NULL REFERENCES products (id),
    user_id           text NOT NULL REFERENCES users (id),
    rating            smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
    text              text CHECK (char_length(text) <= 2000),
    verified_purchase boolean NOT NULL DEFAULT false,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (product_id, user_id)
);
-- GET /products/:id/reviews: newest first, highest first, lowest first; and the histogram.
CREATE INDEX reviews_newest_idx ON reviews (product_id, updated_at, id);
CREATE INDEX reviews_rating_idx ON reviews (product_id, rating, id);
