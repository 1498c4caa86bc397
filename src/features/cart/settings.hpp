#pragma once
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "features/cart/totals.hpp"
#include "platform/core/config.hpp"

namespace superapp::features::cart {

/// How carts are priced and kept.
struct Settings {
    std::int64_t gst_basis_points = 500;                               ///< CART_GST_PERCENT (default 5)
    std::map<std::string, std::int64_t, std::less<>> gst_by_category;  ///< CART_GST_BY_CATEGORY, by slug
    DeliveryRule delivery;  ///< CART_DELIVERY_FEE, CART_FREE_DELIVERY_ABOVE (rupees)
    std::chrono::milliseconds sweep_interval = std::chrono::hours(1);  ///< CART_SWEEP_MS

    /// The GST rate of a product in `category` (a slug), else of its parent category, else the default.
    std::int64_t gst_for(std::string_view category, const std::optional<std::string>& parent) const;
};

/// Reads the settings: CART_GST_PERCENT a whole percent 0-100; CART_GST_BY_CATEGORY
/// "electronics:18,fashion:12"; CART_DELIVERY_FEE and CART_FREE_DELIVERY_ABOVE amounts of rupees;
/// CART_SWEEP_MS 1000-86400000. Throws ConfigError naming every bad variable.
Settings load_settings(const platform::core::Env& env);

}  // namespace superapp::features::cart
