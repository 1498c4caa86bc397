#include "features/catalog/offer_limits.hpp"

#include "platform/core/config.hpp"

namespace superapp::features::catalog {

OfferLimits load_offer_limits(const platform::core::Env& env) {
    OfferLimits limits;
    long long percent = static_cast<long long>(limits.max_merchant_cashback_percent);
    platform::core::EnvReader reader(env);
    reader.integer("CASHBACK_MAX_PERCENT", percent, 0, 100);
    reader.throw_if_invalid();
    limits.max_merchant_cashback_percent = static_cast<double>(percent);
    return limits;
}

std::optional<std::string> cashback_refusal(double percent, bool admin, const OfferLimits& limits) {
    if (admin || percent <= limits.max_merchant_cashback_percent) return std::nullopt;
    std::string cap = std::to_string(static_cast<long long>(limits.max_merchant_cashback_percent));
    return "must be at most " + cap + " (a higher cashback is set by an admin)";
}

}  // namespace superapp::features::catalog
