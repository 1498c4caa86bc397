-- Every editable field at once (the service merges an edit into the locked row first).
UPDATE earn_projects
SET title = $2, description = $3, category = $4, type = $5, min_words = $6::integer, min_duration = $7::integer,
    location = $8::text, product_ids = $9::text[], reward_paise = $10, bonus_multiplier_bp = $11, payout_paise = $12,
    max_completions = $13, total_budget_paise = $14, expiry_date = $15::timestamptz, status = $16, updated_at = now()
WHERE id = $1
RETURNING id, title, description, category, type, min_words, min_duration, location, product_ids, reward_paise,
       bonus_multiplier_bp, payout_paise, max_completions, total_budget_paise, reserved_paise, expiry_date, status,
       created_at, updated_at
