SELECT EXISTS (SELECT 1 FROM wallet_transactions) AS any
