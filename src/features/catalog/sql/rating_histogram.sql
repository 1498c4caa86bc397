-- How many reviews of a product gave each rating.
SELECT rating, count(*) AS n FROM reviews WHERE product_id = $1 GROUP BY rating
