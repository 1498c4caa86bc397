-- No row when the id is taken (demo data loaded by another `superapp seed` at the same time).
INSERT INTO earn_projects (id, title, description, category, type, min_words, min_duration, location, product_ids,
                           reward_paise, bonus_multiplier_bp, payout_paise, max_completions, total_budget_paise,
                           expiry_date, status, created_by)
VALUES ($1, $2, $3, $4, $5, $6::integer, $7::integer, $8::text, $9::text[], $10, $11, $12, $13, $14,
        $15::timestamptz, $16, $17)
ON CONFLICT (id) DO NOTHING
RETURNING id, title, description, category, type, min_words, min_duration, location, product_ids, reward_paise,
       bonus_multiplier_bp, payout_paise, max_completions, total_budget_paise, reserved_paise, expiry_date, status,
       created_at, updated_at
