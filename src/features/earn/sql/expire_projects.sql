-- At most $1 projects past their expiry date become expired; several processes may run it at once
-- (SKIP LOCKED). Served by earn_projects_expiry_idx.
UPDATE earn_projects
SET status = 'expired', updated_at = now()
WHERE id IN (SELECT id FROM earn_projects
             WHERE status IN ('active', 'paused') AND expiry_date <= now()
             ORDER BY expiry_date
             LIMIT $1
             FOR UPDATE SKIP LOCKED)
