-- Everything a user edits about themselves, written back after a locked read (user_for_update).
-- Returns the same columns as user_by_id.sql and repository.cpp's kUserColumns.
UPDATE users
SET email = $2,
    first_name = $3,
    last_name = $4,
    avatar_url = $5,
    date_of_birth = $6::date,
    gender = $7,
    address = $8,
    city = $9,
    state = $10,
    pincode = $11,
    longitude = $12,
    latitude = $13,
    language = $14,
    notifications = $15,
    preferred_categories = $16,
    theme = $17,
    is_onboarded = $18,
    updated_at = now()
WHERE id = $1
RETURNING id, phone_number, email, role,
          first_name, last_name, avatar_url, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth, gender,
          address, city, state, pincode, longitude, latitude,
          language, notifications, preferred_categories, theme,
          is_verified, is_onboarded, last_login, created_at, updated_at
