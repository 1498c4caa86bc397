#include "platform/http/middleware/request_id.hpp"

#include "platform/core/object_id.hpp"

namespace superapp::platform::http::middleware {

std::string request_id_for(std::string_view incoming) {
    const bool sane =
        !incoming.empty() && incoming.size() <= 128 &&
        incoming.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:-") ==
            std::string_view::npos;
    return sane ? std::string(incoming) : core::ObjectId::generate().to_string();
}

}  // namespace superapp::platform::http::middleware
