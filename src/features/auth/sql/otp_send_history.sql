-- $1 phone number, $2 client address, $3 the start of the past hour.
SELECT (SELECT max(created_at) FROM otp_sends WHERE phone_number = $1) AS last_to_phone,
       (SELECT count(*) FROM otp_sends WHERE phone_number = $1 AND created_at > $3) AS phone_count,
       (SELECT min(created_at) FROM otp_sends WHERE phone_number = $1 AND created_at > $3) AS phone_oldest,
       (SELECT count(*) FROM otp_sends WHERE client_ip = $2 AND created_at > $3) AS ip_count,
       (SELECT min(created_at) FROM otp_sends WHERE client_ip = $2 AND created_at > $3) AS ip_oldest
