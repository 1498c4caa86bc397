#pragma once
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/core/time.hpp"

namespace superapp::features::catalog {

using platform::core::Timestamp;

struct Category {
    std::string id, name, slug;
    std::optional<std::string> description, icon, image;
    std::string type;
    std::optional<std::string> parent_id;
    bool is_active = true;
    int sort_order = 0;
    boost::json::value metadata;
    Timestamp created_at{}, updated_at{};
};

struct Store {
    std::string id, name;
    std::optional<std::string> description, logo, banner;
    std::string category_id;
    std::optional<std::string> owner_id, address;
    std::string city;
    std::optional<std::string> pincode;
    double latitude = 0, longitude = 0, delivery_radius_km = 0;
    std::optional<std::string> phone, email, website;
    double rating_average = 0;
    std::int64_t rating_count = 0;
    double cashback_percent = 0;
    bool is_partner = false;
    std::string opens_at, closes_at;  ///< "HH:MM", India time
    std::vector<std::string> open_days;
    std::optional<std::string> delivery_time;
    std::int64_t minimum_order_paise = 0;
    bool is_active = true;
    Timestamp created_at{}, updated_at{};
    std::optional<double> distance_m;  ///< from the point a nearby or distance query asked about
};

struct Variant {
    std::string type, value;
    std::int64_t price_paise = 0;
    std::int64_t stock = 0;
};

struct Product {
    std::string id, store_id, category_id, name;
    std::optional<std::string> description;
    std::vector<std::string> images;
    std::int64_t original_paise = 0, selling_paise = 0, stock = 0;
    std::vector<std::string> tags;
    boost::json::value specifications;
    double rating_average = 0;
    std::int64_t rating_count = 0, sold_count = 0;
    bool is_featured = false, is_active = true;
    Timestamp created_at{}, updated_at{};
    std::vector<Variant> variants;
};

struct Review {
    std::string id, product_id, user_id;
    int rating = 0;
    std::optional<std::string> text;
    bool verified_purchase = false;
    Timestamp created_at{}, updated_at{};
};

/// One page of a list and the cursor of the next one.
template <class T>
struct Page {
    std::vector<T> items;
    std::optional<std::string> next_cursor;
};

}  // namespace superapp::features::catalog
