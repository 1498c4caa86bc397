-- The earn programme (the seed's Projects collection): projects users are paid for, and their
-- completions as rows of their own. Money is bigint paise. A project's payout_paise (reward x
-- bonus multiplier, rounded half up) is computed by features/earn/rules.cpp whenever the reward
-- or the multiplier changes; reserved_paise is what approved completions have taken of the budget.
CREATE TABLE earn_projects (
    id                  text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{24}$'),
    title               text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    description         text NOT NULL CHECK (char_length(description) BETWEEN 1 AND 5000),
    category            text NOT NULL CHECK (category ~ '^[a-z][a-z0-9_]{0,39}$'),
    type                text NOT NULL CHECK (type IN ('text', 'rating', 'image', 'video', 'link')),
    min_words           integer CHECK (min_words BETWEEN 1 AND 1000),
    min_duration        integer CHECK (min_duration BETWEEN 1 AND 3600),
    location            text CHECK (char_length(location) BETWEEN 1 AND 100),
    product_ids         text[] NOT NULL DEFAULT '{}',
    reward_paise        bigint NOT NULL CHECK (reward_paise > 0),
    currency            text NOT NULL DEFAULT 'INR' CHECK (currency = 'INR'),
    bonus_multiplier_bp integer NOT NULL DEFAULT 10000 CHECK (bonus_multiplier_bp BETWEEN 1 AND 100000),
    payout_paise        bigint NOT NULL CHECK (payout_paise > 0),
    max_completions     integer NOT NULL DEFAULT 1 CHECK (max_completions BETWEEN 1 AND 1000),
    total_budget_paise  bigint NOT NULL CHECK (total_budget_paise > 0),
    reserved_paise      bigint NOT NULL DEFAULT 0 CHECK (reserved_paise >= 0),
    expiry_date         timestamptz NOT NULL,
    status              text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'completed', 'expired')),
    created_by          text REFERENCES users (id),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    -- The budget is never overspent, whatever runs at the same time.
    CHECK (reserved_paise <= total_budget_paise)
);
-- GET /earn/projects: active projects newest first, cursor on (created_at, id).
CREATE INDEX earn_projects_active_created_idx ON earn_projects (created_at DESC, id DESC) WHERE status = 'active';
-- The expiry job.
CREATE INDEX earn_projects_expiry_idx ON earn_projects (expiry_date) WHERE status IN ('active', 'paused');

CREATE TABLE earn_completions (
    id              text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{24}$'),
    project_id      text NOT NULL REFERENCES earn_projects (id),
    user_id         text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    submission_type text NOT NULL CHECK (submission_type IN ('text', 'rating', 'image', 'video', 'link')),
    content         text NOT NULL,
    metadata        jsonb NOT NULL DEFAULT '{}',
    payout_paise    bigint CHECK (payout_paise > 0),
    reason          text,
    reviewed_by     text REFERENCES users (id),
    reviewed_at     timestamptz,
    paid_at         timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((status = 'approved') = (payout_paise IS NOT NULL AND paid_at IS NOT NULL)),
    CHECK (status <> 'rejected' OR reason IS NOT NULL)
);
-- One pending submission per user per project.
CREATE UNIQUE INDEX earn_completions_one_pending_key ON earn_completions (project_id, user_id) WHERE status = 'pending';
-- A user's standing on a project (GET /earn/projects filters on it), GET /earn/history and /earn/stats.
CREATE INDEX earn_completions_user_project_idx ON earn_completions (user_id, project_id, status);
CREATE INDEX earn_completions_user_created_idx ON earn_completions (user_id, created_at DESC, id DESC);
-- The review queue (GET /admin/earn/completions), oldest first, all projects or one.
CREATE INDEX earn_completions_status_created_idx ON earn_completions (status, created_at, id);
CREATE INDEX earn_completions_project_status_created_idx ON earn_completions (project_id, status, created_at, id);
