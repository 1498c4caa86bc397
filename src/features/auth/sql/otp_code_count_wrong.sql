UPDATE otp_codes SET attempts = attempts + 1 WHERE phone_number = $1 RETURNING attempts
