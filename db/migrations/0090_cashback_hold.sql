-- Cashback is held before it can be spent (features/orders credits it, features/wallet releases it).
-- A wallet has two accounts: `balance` (spendable) and `pending` (held cashback). Every ledger row
-- posts to exactly one of them (`held`), and its balance_before/balance_after are that account's
-- figures, so each account keeps its own unbroken chain; `seq` still numbers all of a user's rows.
--   hold:     held credit, status pending, release_at set        (pending + amount)
--   release:  the hold becomes completed; a held debit            (pending - amount)
--             and a balance credit of type cashback               (balance + amount)
--   reversal: the hold becomes failed; a held debit               (pending - amount)
-- Also described in features/wallet/ledger.hpp and docs/openapi.yaml (WalletTransaction).
ALTER TABLE wallets ADD COLUMN pending bigint NOT NULL DEFAULT 0 CHECK (pending >= 0);

ALTER TABLE wallet_transactions ADD COLUMN held boolean NOT NULL DEFAULT false;
ALTER TABLE wallet_transactions ADD COLUMN release_at timestamptz;

-- The rules of which types credit and debit, now with held cashback debits.
DO $$
DECLARE
    c record;
BEGIN
    FOR c IN SELECT conname FROM pg_constraint
             WHERE conrelid = 'wallet_transactions'::regclass AND contype = 'c'
               AND pg_get_constraintdef(oid) LIKE '%credit%' AND pg_get_constraintdef(oid) LIKE '%type%'
    LOOP
        EXECUTE format('ALTER TABLE wallet_transactions DROP CONSTRAINT %I', c.conname);
    END LOOP;
END;
$$;

ALTER TABLE wallet_transactions
    ADD CONSTRAINT wallet_transactions_debit_types
        CHECK (credit OR type IN ('spending', 'withdrawal', 'adjustment') OR (held AND type = 'cashback')),
    ADD CONSTRAINT wallet_transactions_credit_types
        CHECK (NOT credit OR type IN ('earning', 'refund', 'cashback', 'adjustment')),
    ADD CONSTRAINT wallet_transactions_held_cashback CHECK (NOT held OR type = 'cashback'),
    ADD CONSTRAINT wallet_transactions_release_at CHECK ((release_at IS NOT NULL) = (held AND credit));

-- The release job's queue: holds still pending, by when they are due.
CREATE INDEX wallet_transactions_holds_due_idx ON wallet_transactions (release_at)
    WHERE held AND credit AND status = 'pending';
-- An order's hold, found when the order is cancelled or returned.
CREATE INDEX wallet_transactions_holds_source_idx ON wallet_transactions (source_reference)
    WHERE held AND credit;
