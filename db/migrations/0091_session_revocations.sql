-- Sessions end at once on every process, without a lookup per request.
--
-- Access tokens carry the refresh family they belong to (fid) and the user's session version
-- (ver). Each process keeps in memory the families revoked and the versions bumped in the last
-- access-token lifetime, fed by the event relay and by polling session_revocations; a token of a
-- revoked family, or with a version below its user's, is refused.

-- Bumped whenever what a token says about its user stops being true (the role changed, the user
-- was deleted): tokens with a lower version are refused.
ALTER TABLE users ADD COLUMN session_version bigint NOT NULL DEFAULT 0;

-- Append-only log of ended sessions, kept for one access-token lifetime (then every token it
-- names has expired) and read by every process: a family revoked (family_id set: logout, refresh
-- token reuse) or a user's version raised (version set: role change, account deleted).
CREATE TABLE session_revocations (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    family_id  text,
    user_id    text NOT NULL,  -- no foreign key: a deleted user's row stays
    version    bigint,
    reason     text NOT NULL CHECK (reason IN ('logged_out', 'revoked', 'role_changed', 'account_deleted')),
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((family_id IS NULL) <> (version IS NULL))
);
CREATE INDEX session_revocations_created_idx ON session_revocations (created_at);

-- However the role changes (the admin API, `superapp admin grant`, ADMIN_PHONES, SQL by hand),
-- the user's tokens stop carrying the old role.
CREATE FUNCTION users_role_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.session_version := OLD.session_version + 1;
    INSERT INTO session_revocations (user_id, version, reason) VALUES (NEW.id, NEW.session_version, 'role_changed');
    RETURN NEW;
END
$$;
CREATE TRIGGER users_role_changed BEFORE UPDATE OF role ON users
    FOR EACH ROW WHEN (OLD.role IS DISTINCT FROM NEW.role) EXECUTE FUNCTION users_role_changed();

-- A deleted user's tokens stop working at once (their refresh tokens go with the row).
CREATE FUNCTION users_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO session_revocations (user_id, version, reason)
    VALUES (OLD.id, OLD.session_version + 1, 'account_deleted');
    RETURN OLD;
END
$$;
CREATE TRIGGER users_deleted AFTER DELETE ON users FOR EACH ROW EXECUTE FUNCTION users_deleted();

-- Revocation is by family now: the per-token list (one lookup per request) is gone.
DROP TABLE revoked_access_tokens;
