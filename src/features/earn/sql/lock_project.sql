-- The project an edit changes, locked until its transaction ends (approvals of it wait).
SELECT id, title, description, category, type, min_words, min_duration, location, product_ids, reward_paise,
       bonus_multiplier_bp, payout_paise, max_completions, total_budget_paise, reserved_paise, expiry_date, status,
       created_at, updated_at
FROM earn_projects
WHERE id = $1
FOR NO KEY UPDATE
