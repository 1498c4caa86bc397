#pragma once
#include "features/users/service.hpp"
#include "platform/http/router.hpp"

namespace superapp::features::users {

using platform::http::Handler;

/// GET /users/profile -> the profile (profile_json)
Handler handle_get_profile(ProfileService& profiles);
/// PUT /users/profile {email?, profile?{firstName?, lastName?, dateOfBirth?, gender?, location?}} -> the profile
Handler handle_update_profile(ProfileService& profiles);
/// GET /users/preferences -> {language, notifications, categories, theme}
Handler handle_get_preferences(ProfileService& profiles);
/// PUT /users/preferences {language?, notifications?, categories?, theme?} -> the preferences
Handler handle_update_preferences(ProfileService& profiles);
/// POST /users/upload-avatar, multipart/form-data with a file field `avatar` -> the profile
Handler handle_upload_avatar(ProfileService& profiles);

}  // namespace superapp::features::users
