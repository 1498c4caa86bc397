#pragma once
#include "features/auth/service.hpp"
#include "features/users/service.hpp"
#include "platform/http/router.hpp"

namespace superapp::features::auth {

using platform::http::Handler;

/// POST /auth/send-otp {phoneNumber} -> {message, phoneNumber, expiresIn, resendIn}
Handler handle_send_otp(AuthService& auth);
/// POST /auth/verify-otp {phoneNumber, otp} -> {accessToken, refreshToken, tokenType, expiresIn, user,
/// isNewUser}
Handler handle_verify_otp(AuthService& auth);
/// POST /auth/refresh {refreshToken} -> {accessToken, refreshToken, tokenType, expiresIn}
Handler handle_refresh(AuthService& auth);
/// POST /auth/logout [{refreshToken}] with or without a bearer token -> 204
Handler handle_logout(AuthService& auth);
/// GET /admin/users?q=&role=&limit=&cursor= -> {items, nextCursor}
Handler handle_list_users(users::UsersService& users);
/// PUT /admin/users/:id/role {role} -> the user; the user's older access tokens stop working at once
Handler handle_set_role(AuthService& auth, users::UsersService& users);

}  // namespace superapp::features::auth
