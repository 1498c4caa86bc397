-- GET /admin/earn/projects: every project newest first, or those of one status, cursor on
-- (created_at, id); the admin sees paused, completed and expired projects too.
CREATE INDEX earn_projects_created_idx ON earn_projects (created_at DESC, id DESC);
CREATE INDEX earn_projects_status_created_idx ON earn_projects (status, created_at DESC, id DESC);
