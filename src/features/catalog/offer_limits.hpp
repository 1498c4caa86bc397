#pragma once
// How much a store may give back: the cap on the cashback a merchant sets on their own store.
#include <optional>
#include <string>

#include "platform/core/env.hpp"

namespace superapp::features::catalog {

/// CASHBACK_MAX_PERCENT (0 to 100, default 10): the most cashback a merchant offers on their store;
/// only an admin sets more, up to 100. Cashback is paid by the platform, so a merchant who could set
/// 100 % and buy from themselves would mint money.
struct OfferLimits {
    double max_merchant_cashback_percent = 10;
};

/// Throws ConfigError naming an invalid CASHBACK_MAX_PERCENT.
OfferLimits load_offer_limits(const platform::core::Env& env);

/// Why `percent` may not be set as a store's cashback by this writer, or nullopt when it may. Pure.
std::optional<std::string> cashback_refusal(double percent, bool admin, const OfferLimits& limits);

}  // namespace superapp::features::catalog
