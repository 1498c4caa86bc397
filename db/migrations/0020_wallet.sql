-- The wallet (features/wallet): one row of figures per user and the ledger behind them (the
-- seed's Transactions collection). Every change of a wallet's figures writes one ledger row in
-- the same transaction (features/wallet/ledger.cpp), so `superapp wallet verify` can prove that
-- balance, total_earned and total_spent are what the ledger says.
CREATE TABLE wallets (
    user_id      text PRIMARY KEY REFERENCES users (id),
    balance      bigint NOT NULL DEFAULT 0 CHECK (balance >= 0),  -- paise
    total_earned bigint NOT NULL DEFAULT 0 CHECK (total_earned >= 0),
    total_spent  bigint NOT NULL DEFAULT 0 CHECK (total_spent >= 0),
    entries      bigint NOT NULL DEFAULT 0,  -- how many ledger rows; the last row's seq
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- One row per balance change. `credit` says which way the money went; `seq` orders a user's rows
-- in the order the wallet row was changed, which is the order balance_before/balance_after chain.
-- Also listed in features/wallet/model.cpp and docs/openapi.yaml (WalletTransaction).
CREATE TABLE wallet_transactions (
    id               text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{24}$'),
    user_id          text NOT NULL REFERENCES wallets (user_id),
    seq              bigint NOT NULL CHECK (seq > 0),
    type             text NOT NULL
        CHECK (type IN ('earning', 'spending', 'refund', 'withdrawal', 'cashback', 'adjustment')),
    credit           boolean NOT NULL,
    amount           bigint NOT NULL CHECK (amount > 0),  -- paise
    description      text NOT NULL DEFAULT '',
    source_type      text NOT NULL,
    source_reference text NOT NULL,
    status           text NOT NULL CHECK (status IN ('pending', 'completed', 'failed')),
    balance_before   bigint NOT NULL CHECK (balance_before >= 0),
    balance_after    bigint NOT NULL CHECK (balance_after >= 0),
    metadata         jsonb NOT NULL DEFAULT '{}',
    processed_at     timestamptz,
    created_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    UNIQUE (user_id, seq),
    CHECK (balance_after = balance_before + CASE WHEN credit THEN amount ELSE -amount END),
    CHECK (credit OR type IN ('spending', 'withdrawal', 'adjustment')),
    CHECK (NOT credit OR type IN ('earning', 'refund', 'cashback', 'adjustment'))
);

-- A user's history, newest first, cursor on (created_at, id); type and status filter it.
CREATE INDEX wallet_transactions_user_created_idx ON wallet_transactions (user_id, created_at DESC, id DESC);

-- A ledger row is never changed except its status (pending -> completed | failed, with
-- processed_at) and never deleted: a correction is a new row.
CREATE FUNCTION wallet_transactions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'wallet ledger rows are never deleted' USING ERRCODE = 'P0001';
    END IF;
    IF (NEW.id, NEW.user_id, NEW.seq, NEW.type, NEW.credit, NEW.amount, NEW.description, NEW.source_type,
        NEW.source_reference, NEW.balance_before, NEW.balance_after, NEW.metadata, NEW.created_at)
       IS DISTINCT FROM
       (OLD.id, OLD.user_id, OLD.seq, OLD.type, OLD.credit, OLD.amount, OLD.description, OLD.source_type,
        OLD.source_reference, OLD.balance_before, OLD.balance_after, OLD.metadata, OLD.created_at) THEN
        RAISE EXCEPTION 'wallet ledger rows change only their status' USING ERRCODE = 'P0001';
    END IF;
    IF NEW.status IS DISTINCT FROM OLD.status AND OLD.status <> 'pending' THEN
        RAISE EXCEPTION 'a % wallet ledger row keeps its status', OLD.status USING ERRCODE = 'P0001';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER wallet_transactions_guard BEFORE UPDATE OR DELETE ON wallet_transactions
    FOR EACH ROW EXECUTE FUNCTION wallet_transactions_guard();

-- Withdrawal requests. The money is taken at once by a pending `withdrawal` ledger row
-- (transaction_id); an admin completes the request or fails it (a refund row returns the money).
CREATE TABLE withdrawals (
    id             text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{24}$'),
    user_id        text NOT NULL REFERENCES wallets (user_id),
    amount         bigint NOT NULL CHECK (amount > 0),  -- paise
    method         text NOT NULL CHECK (method IN ('upi', 'bank')),
    upi_id         text,
    account_number text,
    ifsc           text,
    account_holder text,
    status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'completed', 'failed')),
    reason         text,
    transaction_id text NOT NULL UNIQUE REFERENCES wallet_transactions (id),
    processed_at   timestamptz,
    created_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    CHECK (method <> 'upi' OR upi_id IS NOT NULL),
    CHECK (method <> 'bank' OR (account_number IS NOT NULL AND ifsc IS NOT NULL AND account_holder IS NOT NULL)),
    CHECK (status <> 'failed' OR reason IS NOT NULL)
);

-- The admin queue, newest first, optionally by status; the user's pending total.
CREATE INDEX withdrawals_created_idx ON withdrawals (created_at DESC, id DESC);
CREATE INDEX withdrawals_status_created_idx ON withdrawals (status, created_at DESC, id DESC);
CREATE INDEX withdrawals_user_pending_idx ON withdrawals (user_id) WHERE status = 'pending';
