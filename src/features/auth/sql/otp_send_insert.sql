INSERT INTO otp_sends (phone_number, client_ip, created_at) VALUES ($1, $2, $3) RETURNING id
