-- Reviews written per product per UTC day over the last $1 days, age 0 = today (reviews_created_idx):
-- an input of the homepage's trending score.
SELECT product_id,
       (now() AT TIME ZONE 'UTC')::date - (created_at AT TIME ZONE 'UTC')::date AS age_days,
       count(*) AS count
FROM reviews
WHERE created_at >= (date_trunc('day', now() AT TIME ZONE 'UTC') - make_interval(days => $1::int - 1)) AT TIME ZONE 'UTC'
GROUP BY 1, 2
