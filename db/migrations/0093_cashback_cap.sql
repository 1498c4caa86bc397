-- Cashback is paid by the platform: before CASHBACK_MAX_PERCENT a merchant could set up to 100 % on
-- their own store. Every store above the default cap (10 %) comes down to it; an admin who means a
-- higher cashback sets it again (features/catalog/offer_limits.hpp).
UPDATE stores SET cashback_percent = 10, updated_at = now() WHERE cashback_percent > 10;

-- A ledger row is never changed except its status: the columns 0090 added are guarded too.
CREATE OR REPLACE FUNCTION wallet_transactions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'wallet ledger rows are never deleted' USING ERRCODE = 'P0001';
    END IF;
    IF (NEW.id, NEW.user_id, NEW.seq, NEW.type, NEW.credit, NEW.amount, NEW.description, NEW.source_type,
        NEW.source_reference, NEW.balance_before, NEW.balance_after, NEW.metadata, NEW.created_at, NEW.held,
        NEW.release_at)
       IS DISTINCT FROM
       (OLD.id, OLD.user_id, OLD.seq, OLD.type, OLD.credit, OLD.amount, OLD.description, OLD.source_type,
        OLD.source_reference, OLD.balance_before, OLD.balance_after, OLD.metadata, OLD.created_at, OLD.held,
        OLD.release_at) THEN
        RAISE EXCEPTION 'wallet ledger rows change only their status' USING ERRCODE = 'P0001';
    END IF;
    IF NEW.status IS DISTINCT FROM OLD.status AND OLD.status <> 'pending' THEN
        RAISE EXCEPTION 'a % wallet ledger row keeps its status', OLD.status USING ERRCODE = 'P0001';
    END IF;
    RETURN NEW;
END;
$$;
