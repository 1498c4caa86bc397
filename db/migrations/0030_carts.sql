-- Shopping carts (the seed's Carts collection): one per user. Items keep the price seen when they
-- were added; GET /cart compares it with the catalog's current one. Totals are never stored: the
-- server computes them from current prices on every read (features/cart/totals.cpp).
CREATE TABLE carts (
    id         text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{24}$'),
    user_id    text NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- Moved forward by every change; the expiry job removes carts past it.
    expires_at timestamptz NOT NULL DEFAULT now() + interval '30 days'
);
-- The expiry job.
CREATE INDEX carts_expires_idx ON carts (expires_at);

CREATE TABLE cart_items (
    id            text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{24}$'),
    cart_id       text NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
    product_id    text NOT NULL REFERENCES products (id),
    -- '' and '' when the item is the product itself rather than one of its variants.
    variant_type  text NOT NULL DEFAULT '',
    variant_value text NOT NULL DEFAULT '',
    quantity      integer NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    price_paise   bigint NOT NULL CHECK (price_paise > 0),
    added_at      timestamptz NOT NULL DEFAULT now(),
    -- The same product and variant added again merges into one item.
    UNIQUE (cart_id, product_id, variant_type, variant_value)
);
