-- Takes one reward from the project's budget when what is left pays it; no row when it does not.
-- A conditional update: approvals racing for the last rewards never overspend the budget. The
-- project is completed when what is left cannot pay another reward.
UPDATE earn_projects
SET reserved_paise = reserved_paise + payout_paise,
    status = CASE WHEN total_budget_paise - reserved_paise - payout_paise < payout_paise AND status = 'active'
                  THEN 'completed' ELSE status END,
    updated_at = now()
WHERE id = $1 AND total_budget_paise - reserved_paise >= payout_paise
RETURNING payout_paise
