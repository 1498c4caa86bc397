DELETE FROM otp_sends WHERE id = $1
