-- The projects a user can still do, newest first; served by earn_projects_active_created_idx.
-- The same rules as rules.cpp refusal(), kept in step with it (a pending submission does not hide a
-- project that allows more completions: the app shows it as under review).
-- $1 user id (its city is matched against a project's location), $2 category, $3 type, $4/$5 cursor, $6 limit.
SELECT id, title, description, category, type, min_words, min_duration, location, product_ids, reward_paise,
       bonus_multiplier_bp, payout_paise, max_completions, total_budget_paise, reserved_paise, expiry_date, status,
       created_at, updated_at
FROM earn_projects p
WHERE p.status = 'active'
  AND p.expiry_date > now()
  AND p.total_budget_paise - p.reserved_paise >= p.payout_paise
  AND (p.location IS NULL OR lower(btrim(p.location)) = (SELECT lower(btrim(u.city)) FROM users u WHERE u.id = $1))
  AND ($2::text IS NULL OR p.category = $2::text)
  AND ($3::text IS NULL OR p.type = $3::text)
  AND ($4::timestamptz IS NULL OR (p.created_at, p.id) < ($4::timestamptz, $5::text))
  AND (SELECT count(*)
       FROM earn_completions c
       WHERE c.user_id = $1 AND c.project_id = p.id AND c.status IN ('pending', 'approved')) < p.max_completions
ORDER BY p.created_at DESC, p.id DESC
LIMIT $6
