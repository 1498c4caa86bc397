#include "features/cart/settings.hpp"

#include <charconv>

namespace superapp::features::cart {

namespace {

constexpr std::int64_t kPercent = 100;  // basis points per percent

std::optional<std::int64_t> whole_percent(std::string_view text) {
    std::int64_t value = -1;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < 0 || value > 100) return std::nullopt;
    return value * kPercent;
}

void read_money(platform::core::EnvReader& reader, const platform::core::Env& env, const char* name, Money& out) {
    const auto text = env.get(name);
    if (!text) return;
    const auto money = Money::parse(*text);
    if (money) {
        out = *money;
    } else {
        reader.fail(name, "must be an amount of rupees such as 40 or 499.50");
    }
}

}  // namespace

std::int64_t Settings::gst_for(std::string_view category, const std::optional<std::string>& parent) const {
    if (auto it = gst_by_category.find(category); it != gst_by_category.end()) return it->second;
    if (parent) {
        if (auto it = gst_by_category.find(*parent); it != gst_by_category.end()) return it->second;
    }
    return gst_basis_points;
}

Settings load_settings(const platform::core::Env& env) {
    Settings s;
    platform::core::EnvReader reader(env);
    long long percent = s.gst_basis_points / kPercent;
    reader.integer("CART_GST_PERCENT", percent, 0, 100);
    s.gst_basis_points = percent * kPercent;
    if (const auto list = env.get("CART_GST_BY_CATEGORY")) {
        for (const auto& entry : platform::core::split_list(*list)) {
            const auto colon = entry.find(':');
            const auto rate = colon == std::string::npos ? std::nullopt : whole_percent(entry.substr(colon + 1));
            if (!rate || colon == 0) {
                reader.fail("CART_GST_BY_CATEGORY", "must be slug:percent pairs such as electronics:18,fashion:12");
                break;
            }
            s.gst_by_category[entry.substr(0, colon)] = *rate;
        }
    }
    read_money(reader, env, "CART_DELIVERY_FEE", s.delivery.fee);
    read_money(reader, env, "CART_FREE_DELIVERY_ABOVE", s.delivery.free_above);
    reader.millis("CART_SWEEP_MS", s.sweep_interval, 1000, 86'400'000);
    reader.throw_if_invalid();
    return s;
}

}  // namespace superapp::features::cart
