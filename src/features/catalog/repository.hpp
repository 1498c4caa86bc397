#pragma once
#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>
#include <vector>

#include "features/catalog/changes.hpp"
#include "features/catalog/model.hpp"
#include "features/catalog/rules.hpp"
#include "platform/db/database.hpp"

namespace superapp::features::catalog {

enum class ProductSort { relevance, price_asc, price_desc, rating, newest, popularity };
enum class StoreSort { rating, name, distance };
enum class ReviewSort { newest, highest, lowest };

/// What a product list selects; every filter optional.
struct ProductQuery {
    std::vector<std::string> category_ids;  ///< a category and its subcategories
    std::optional<std::string> store_id;
    std::optional<std::int64_t> min_price_paise, max_price_paise;
    std::vector<std::string> tags;  ///< any of them
    std::optional<double> min_rating;
    bool in_stock = false;
    std::optional<bool> featured;
    std::optional<std::string> q;
    ProductSort sort = ProductSort::newest;
    std::optional<Cursor> after;
    int limit = 20;
};

struct Point {
    double latitude = 0, longitude = 0;
};

/// What a store list selects.
struct StoreQuery {
    std::vector<std::string> category_ids;
    std::optional<std::string> city;
    std::optional<bool> is_partner;
    std::optional<double> min_rating;
    bool open_now = false;
    std::optional<Point> near;        ///< distance is reported (and sortable) from here
    std::optional<double> within_km;  ///< only stores this close to `near`
    StoreSort sort = StoreSort::rating;
    std::optional<Cursor> after;
    int limit = 20;
};

struct ReviewQuery {
    std::string product_id;
    ReviewSort sort = ReviewSort::newest;
    std::optional<Cursor> after;
    int limit = 20;
};

/// How many of something (reviews) a product had on one UTC day, `age_days` days ago.
struct DailyCount {
    std::string product_id;
    int age_days = 0;
    std::int64_t count = 0;
};

/// What a review write did to the product's ratings.
struct ReviewWrite {
    Review review;
    bool created = false;
};

std::string_view sort_name(ProductSort s);
std::string_view sort_name(StoreSort s);
std::string_view sort_name(ReviewSort s);

/// The only code that runs the catalog's SQL. Shard thread; throws DbError.
class CatalogRepository {
  public:
    explicit CatalogRepository(platform::db::Database& db) : db_(db) {}

    /// Active categories in display order (type, sortOrder, name), optionally of one type.
    boost::asio::awaitable<std::vector<Category>> categories(std::optional<std::string> type);
    /// An active category by id or slug.
    boost::asio::awaitable<std::optional<Category>> category(const std::string& id_or_slug);
    /// The ids of an active category (by id or slug) and all its active descendants; empty when none.
    boost::asio::awaitable<std::vector<std::string>> category_subtree(const std::string& id);
    /// The ids among `ids` that name no active category, in the order given.
    boost::asio::awaitable<std::vector<std::string>> unknown_category_ids(const std::vector<std::string>& ids);
    boost::asio::awaitable<std::vector<Category>> categories_by_ids(const std::vector<std::string>& ids);

    boost::asio::awaitable<Page<Store>> stores(const StoreQuery& q);
    boost::asio::awaitable<std::optional<Store>> store(const std::string& id);
    boost::asio::awaitable<std::vector<Store>> stores_by_ids(const std::vector<std::string>& ids);

    boost::asio::awaitable<Page<Product>> products(const ProductQuery& q);
    boost::asio::awaitable<std::optional<Product>> product(const std::string& id);

    boost::asio::awaitable<Page<Review>> reviews(const ReviewQuery& q);
    /// Counts of ratings 1..5 of a product's reviews.
    boost::asio::awaitable<std::array<std::int64_t, 5>> rating_histogram(const std::string& product_id);
    /// Adds the user's review of an active product or replaces their earlier one, and moves the
    /// product's and its store's rating sums in the same transaction. nullopt: no such product.
    boost::asio::awaitable<std::optional<ReviewWrite>> upsert_review(const std::string& product_id,
                                                                     const std::string& user_id, int rating,
                                                                     std::optional<std::string> text);

    // ---- writes (admins and merchants); inactive rows included ----

    /// Creates (no `id_or_slug`) or updates a category in one transaction that holds the tree still:
    /// `type` and `parent` (absent: kept; null: a root) are checked by placement_errors against the tree
    /// as it is then. Throws ValidationFailed (422), ApiError 404 (no such category), DbError
    /// (unique_violation() for a taken slug).
    boost::asio::awaitable<Category> save_category(std::optional<std::string> id_or_slug, Changes changes,
                                                   std::optional<std::optional<std::string>> parent,
                                                   std::optional<std::string> type);
    /// Hides a category (by id or slug); false when there is none.
    boost::asio::awaitable<bool> deactivate_category(const std::string& id_or_slug);

    boost::asio::awaitable<std::optional<Store>> store_any(const std::string& id);
    boost::asio::awaitable<Store> insert_store(Changes changes);
    boost::asio::awaitable<std::optional<Store>> update_store(std::string id, Changes changes);

    boost::asio::awaitable<std::optional<Product>> product_any(const std::string& id);
    /// The product and its variants in one transaction.
    boost::asio::awaitable<Product> insert_product(Changes changes, std::vector<Variant> variants);
    /// Replaces the variants too when they are given.
    boost::asio::awaitable<std::optional<Product>> update_product(std::string id, Changes changes,
                                                                  std::optional<std::vector<Variant>> variants);
    /// Sets the product's images to `images` if they are still `expected`; false when they changed
    /// meanwhile (or there is no such product).
    boost::asio::awaitable<bool> swap_images(const std::string& id, const std::vector<std::string>& expected,
                                             const std::vector<std::string>& images);
    /// -1 done; -2 no active product. Throws ApiError (422) for a variant the product has not; nothing changes then.
    boost::asio::awaitable<int> set_stock(std::string product_id, std::optional<std::int64_t> stock,
                                          std::vector<Variant> variants);

    /// The role of a user ("user", "merchant", "admin"); nullopt when there is no such user.
    boost::asio::awaitable<std::optional<std::string>> user_role(const std::string& user_id);

    // ---- the homepage's reads ----

    /// Active products (of active stores and categories) among `ids`, with variants, in no set order.
    boost::asio::awaitable<std::vector<Product>> products_by_ids(const std::vector<std::string>& ids);
    /// Reviews written per product per UTC day over the last `days` days (age 0: today).
    boost::asio::awaitable<std::vector<DailyCount>> daily_reviews(int days);

  private:
    platform::db::Database& db_;
};

}  // namespace superapp::features::catalog
