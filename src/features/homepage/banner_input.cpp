#include "features/homepage/banner_input.hpp"

#include "platform/core/validation.hpp"

namespace superapp::features::homepage {

namespace {

bool starts_with_any(const std::string& text, std::initializer_list<std::string_view> prefixes) {
    for (std::string_view p : prefixes) {
        if (text.size() > p.size() && text.starts_with(p)) return true;
    }
    return false;
}

}  // namespace

BannerInput read_banner(const boost::json::value& body) {
    platform::core::Validator v(body);
    BannerInput in;
    in.title = v.required_string("title", {.min = 1, .max = 120});
    in.subtitle = v.optional_string("subtitle", {.min = 1, .max = 200});
    in.image = v.required_string("image", {.min = 1, .max = 500});
    if (!in.image.empty() && !starts_with_any(in.image, {"https://", "/uploads/"})) {
        v.fail("image", "must be an https:// URL or a path under /uploads/");
    }
    in.link = v.optional_string("link", {.min = 1, .max = 500});
    if (in.link && !starts_with_any(*in.link, {"https://", "superapp://"})) {
        v.fail("link", "must be an https:// URL or a superapp:// deeplink");
    }
    in.position = static_cast<int>(v.optional_int("position", 0, 1000).value_or(0));
    in.starts_at = v.optional_timestamp("startsAt");
    in.ends_at = v.optional_timestamp("endsAt");
    if (in.starts_at && in.ends_at && *in.ends_at <= *in.starts_at) v.fail("endsAt", "must be after startsAt");
    in.is_active = v.optional_bool("isActive").value_or(true);
    v.finish();
    return in;
}

}  // namespace superapp::features::homepage
