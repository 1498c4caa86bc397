-- Orders (the seed's Orders collection). Prices, names and totals are copied at order time; the
-- status machine lives in features/orders/status.cpp and the CHECKs below list the same names.
CREATE SEQUENCE order_number_seq;

CREATE TABLE orders (
    id                     text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{24}$'),
    -- "SA" + India date + a sequence number: unique and readable over the phone.
    order_number           text NOT NULL UNIQUE,
    user_id                text NOT NULL REFERENCES users (id),
    status                 text NOT NULL CHECK (status IN ('placed', 'confirmed', 'shipped', 'delivered', 'cancelled')),
    subtotal_paise         bigint NOT NULL CHECK (subtotal_paise >= 0),
    discount_paise         bigint NOT NULL CHECK (discount_paise >= 0),
    tax_paise              bigint NOT NULL CHECK (tax_paise >= 0),
    delivery_paise         bigint NOT NULL CHECK (delivery_paise >= 0),
    total_paise            bigint NOT NULL CHECK (total_paise > 0),
    -- What delivery credits to the wallet: each store's cashback % of its share, fixed at order time.
    cashback_paise         bigint NOT NULL CHECK (cashback_paise >= 0),
    payment_method         text NOT NULL CHECK (payment_method IN ('wallet', 'card', 'cod')),
    payment_status         text NOT NULL CHECK (payment_status IN ('pending', 'paid', 'failed', 'refunded')),
    payment_transaction_id text UNIQUE,
    -- Card orders still unpaid at this time are cancelled by the expiry job.
    payment_due_at         timestamptz,
    address                jsonb NOT NULL,
    delivery_status        text NOT NULL CHECK (delivery_status IN ('pending', 'confirmed', 'shipped', 'delivered', 'cancelled')),
    estimated_time         timestamptz,
    actual_time            timestamptz,
    tracking_id            text,
    -- The stores of the items: merchants act on orders of their stores.
    store_ids              text[] NOT NULL,
    from_cart              boolean NOT NULL,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now()
);
-- GET /orders: a user's orders newest first, cursor on (created_at, id).
CREATE INDEX orders_user_created_idx ON orders (user_id, created_at DESC, id DESC);
-- The unpaid card orders' expiry job.
CREATE INDEX orders_payment_due_idx ON orders (payment_due_at) WHERE payment_status = 'pending' AND payment_due_at IS NOT NULL;

CREATE TABLE order_items (
    order_id       text NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    position       smallint NOT NULL,
    product_id     text NOT NULL REFERENCES products (id),
    store_id       text NOT NULL REFERENCES stores (id),
    name           text NOT NULL,
    variant_type   text NOT NULL DEFAULT '',
    variant_value  text NOT NULL DEFAULT '',
    quantity       integer NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    price_paise    bigint NOT NULL CHECK (price_paise > 0),
    original_paise bigint NOT NULL CHECK (original_paise >= price_paise),
    tax_paise      bigint NOT NULL CHECK (tax_paise >= 0),
    PRIMARY KEY (order_id, position)
);

-- Payment gateway events already applied: a replayed event id changes nothing.
CREATE TABLE payment_events (
    id             text PRIMARY KEY,
    transaction_id text NOT NULL,
    type           text NOT NULL,
    received_at    timestamptz NOT NULL DEFAULT now()
);
