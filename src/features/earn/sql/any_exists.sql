SELECT EXISTS (SELECT 1 FROM earn_projects) AS any
