-- Records the revocation of family $1 (user $2, reason $3) for every process; `created_at` is
-- the time the entry counts from.
INSERT INTO session_revocations (family_id, user_id, reason) VALUES ($1, $2, $3) RETURNING created_at
