-- Every project whatever its status, newest first (the admin's list); served by
-- earn_projects_created_idx. $1/$2 cursor, $3 limit.
SELECT id, title, description, category, type, min_words, min_duration, location, product_ids, reward_paise,
       bonus_multiplier_bp, payout_paise, max_completions, total_budget_paise, reserved_paise, expiry_date, status,
       created_at, updated_at
FROM earn_projects
WHERE ($1::timestamptz IS NULL OR (created_at, id) < ($1::timestamptz, $2::text))
ORDER BY created_at DESC, id DESC
LIMIT $3
