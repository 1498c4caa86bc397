DELETE FROM otp_codes WHERE phone_number = $1
