#pragma once
#include <boost/asio/awaitable.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <vector>

#include "features/catalog/category_tree.hpp"
#include "features/catalog/model.hpp"
#include "features/catalog/offer_limits.hpp"
#include "features/catalog/reply_cache.hpp"
#include "features/catalog/repository.hpp"
#include "features/catalog/rules.hpp"
#include "features/media/service.hpp"
#include "features/users/ports.hpp"
#include "platform/db/database.hpp"
#include "platform/realtime/event_bus.hpp"

namespace superapp::features::catalog {

/// Who is writing: admins may change anything, merchants their own stores and products.
struct Actor {
    std::string user_id;
    bool admin = false;
};

/// How a read shapes its documents: `?fields=` and `?expand=`.
struct Shape {
    FieldList fields;
    bool expand_store = false;
    bool expand_category = false;
    bool expand_parent = false;  ///< categories: parentCategory
};

/// The seed's Categories document; `subcategories` is added by the tree.
boost::json::object category_json(const Category& c);
/// The seed's Stores document; `distance` (km) and `deliversHere` when a point was asked about.
boost::json::object store_json(const Store& s);
/// The seed's Products document; money in rupees, discount derived.
boost::json::object product_json(const Product& p);
boost::json::object review_json(const Review& r);

/// How long a cached categories reply may show the categories as they were.
inline constexpr std::chrono::milliseconds kCategoriesTtl{2000};
/// How long a cached search page may show the catalog as it was (the lists say max-age=30).
inline constexpr std::chrono::milliseconds kSearchTtl{5000};
/// How long a cached product, page of products or page of stores may show the catalog as it was.
inline constexpr std::chrono::milliseconds kPageTtl{2000};

/// The catalog as the public and signed-in users read it. Shard thread; throws ApiError (404) and
/// DbError.
/// The catalog's rules. It is also the users feature's directory of categories (preferences).
class CatalogService final : public users::CategoryDirectory {
  public:
    /// Publishes data_changed "catalog" after each write commits.
    CatalogService(platform::db::Database& db, media::MediaService& media, platform::realtime::EventPublisher& events,
                   OfferLimits offer_limits = {})
        : repo_(db), media_(media), events_(events), offer_limits_(offer_limits) {}

    /// The cap on the cashback a merchant sets (CASHBACK_MAX_PERCENT).
    const OfferLimits& offer_limits() const { return offer_limits_; }

    /// Active categories as sent to the public: a tree (roots with nested `subcategories`) or flat in
    /// display order. From a cache that any catalog write here empties and that reads again after
    /// kCategoriesTtl (other processes' writes; see TtlCache).
    boost::asio::awaitable<std::shared_ptr<const CachedReply>> categories_reply(std::optional<std::string> type,
                                                                                bool flat, Shape shape);
    /// One active category by id or slug, with its direct `subcategories`.
    boost::asio::awaitable<boost::json::value> category(std::string id_or_slug, Shape shape);
    /// The ids of an active category (by id or slug) and its active descendants, from the cached tree
    /// (see categories_reply); 404 when none.
    boost::asio::awaitable<std::vector<std::string>> category_subtree(std::string id_or_slug);
    /// As category_subtree, but empty when there is no such active category (a filter matching nothing).
    boost::asio::awaitable<std::vector<std::string>> category_subtree_or_none(std::string id_or_slug);
    /// The ids among `ids` that name no active category, in the order given.
    boost::asio::awaitable<std::vector<std::string>> unknown(std::vector<std::string> ids) override;

    boost::asio::awaitable<boost::json::value> stores(StoreQuery query, Shape shape);
    /// A page of active stores as sent, from a cache that any catalog write here empties and that
    /// reads again after kPageTtl.
    boost::asio::awaitable<std::shared_ptr<const CachedReply>> stores_reply(StoreQuery query, Shape shape);
    boost::asio::awaitable<boost::json::value> store(std::string id, Shape shape);
    /// 404 unless the store is active.
    boost::asio::awaitable<void> require_store(std::string id);

    /// A page of active products as sent, from a cache that any catalog write here and any order's
    /// stock move empties and that reads again after kPageTtl (kSearchTtl for a search, which ranks
    /// every match: tens of ms over 200,000 products).
    boost::asio::awaitable<std::shared_ptr<const CachedReply>> products_reply(ProductQuery query, Shape shape);
    boost::asio::awaitable<boost::json::value> product(std::string id, Shape shape);
    /// An active product as sent, cached as products_reply's pages are.
    boost::asio::awaitable<std::shared_ptr<const CachedReply>> product_reply(std::string id, Shape shape);
    /// Empties the caches of replies that show stock: an order took or returned some (after its
    /// transaction committed, in this process or another). Any thread.
    void stock_moved();

    /// A page of reviews with the product's `ratings` and `histogram`.
    boost::asio::awaitable<boost::json::value> reviews(ReviewQuery query, Shape shape);
    /// The review and whether it is new (201) or replaced the user's earlier one (200).
    boost::asio::awaitable<std::pair<boost::json::value, bool>> add_review(std::string product_id, std::string user_id,
                                                                           int rating, std::optional<std::string> text);

    // ---- writes: admins, and merchants on their own stores and products. Throw ApiError (403,
    // 404, 409, 422). ----

    /// `parent`: absent leaves it, a null clears it (updates only). A subcategory has its parent's
    /// `type` (also set in `changes`); a category never sits inside itself (422, see placement_errors).
    boost::asio::awaitable<boost::json::value> create_category(Changes changes, std::optional<std::string> parent,
                                                               std::string type);
    /// The category by id or slug, of any state.
    boost::asio::awaitable<boost::json::value> update_category(std::string id_or_slug, Changes changes,
                                                               std::optional<std::optional<std::string>> parent,
                                                               std::optional<std::string> type);
    boost::asio::awaitable<void> deactivate_category(std::string id_or_slug);

    /// `category` is an id or a slug, stored as the id; 422 naming `category` unless it is an active category.
    boost::asio::awaitable<boost::json::value> create_store(Actor actor, Changes changes, std::string category,
                                                            std::optional<std::string> owner_id);
    boost::asio::awaitable<boost::json::value> update_store(Actor actor, std::string id, Changes changes,
                                                            std::optional<std::string> category);
    boost::asio::awaitable<void> deactivate_store(Actor actor, std::string id);
    boost::asio::awaitable<boost::json::value> assign_store_owner(std::string id, std::string owner_id);

    /// `variants` with price 0 take the product's selling price. `category` as for stores.
    boost::asio::awaitable<boost::json::value> create_product(Actor actor, Changes changes, std::string store_id,
                                                              std::string category, std::int64_t original_paise,
                                                              std::int64_t selling_paise,
                                                              std::vector<Variant> variants);
    boost::asio::awaitable<boost::json::value> update_product(Actor actor, std::string id, Changes changes,
                                                              std::optional<std::string> category,
                                                              std::optional<std::int64_t> original_paise,
                                                              std::optional<std::int64_t> selling_paise,
                                                              std::optional<std::vector<Variant>> variants);
    boost::asio::awaitable<void> deactivate_product(Actor actor, std::string id);
    /// Sets the product's stock and/or its variants' (by type and value); 422 for a variant it has not.
    boost::asio::awaitable<boost::json::value> set_stock(Actor actor, std::string id, std::optional<std::int64_t> stock,
                                                         std::vector<Variant> variants);

    /// Keeps the image (sniffed: JPEG, PNG, WebP) as the store's `logo` or `banner`; the file it
    /// replaces is removed once the change is committed.
    boost::asio::awaitable<boost::json::value> set_store_image(Actor actor, std::string id, std::string field,
                                                               std::string bytes);
    /// Adds the images to the product's, at most kMaxProductImages in all (422 `images`); 409 when its
    /// images changed meanwhile.
    boost::asio::awaitable<boost::json::value> add_product_images(Actor actor, std::string id,
                                                                  std::vector<std::string> images);
    /// Removes one image (by position from 0, URL or stored file name; 404 when none) and its file.
    boost::asio::awaitable<boost::json::value> remove_product_image(Actor actor, std::string id, std::string image);
    /// Puts the product's images in the given order, which names each of them once by URL or file name
    /// (422 `images`).
    boost::asio::awaitable<boost::json::value> reorder_product_images(Actor actor, std::string id,
                                                                      std::vector<std::string> order);

    // ---- the homepage's reads ----

    /// The active categories of one type as a tree (the `items` of GET /categories?type=).
    boost::asio::awaitable<boost::json::array> category_rail(std::string type);
    /// Active featured products, newest first, at most `limit`, as sent.
    boost::asio::awaitable<boost::json::array> featured_products(int limit);
    /// Active products, best sellers first, at most `limit`; of these categories when any are given.
    boost::asio::awaitable<std::vector<Product>> popular_products(std::vector<std::string> category_ids, int limit);
    /// The active products among `ids`, in no set order.
    boost::asio::awaitable<std::vector<Product>> products_by_ids(std::vector<std::string> ids);
    /// The active stores among `ids`, in no set order.
    boost::asio::awaitable<std::vector<Store>> stores_by_ids(std::vector<std::string> ids);
    /// Reviews written per product per UTC day over the last `days` days.
    boost::asio::awaitable<std::vector<DailyCount>> daily_reviews(int days);

  private:
    boost::asio::awaitable<boost::json::value> categories(std::optional<std::string> type, bool flat, Shape shape);
    boost::asio::awaitable<boost::json::value> products(ProductQuery query, Shape shape);
    /// Empties the reply caches: the catalog changed (after the change commits).
    void changed();
    /// After a write to the product: empties the reply caches, then returns the active product as the
    /// API shows it (404).
    boost::asio::awaitable<boost::json::value> changed_product(const std::string& id);
    /// The active product (`any_state`: or inactive), 404; 403 unless the actor is an admin or owns its store.
    boost::asio::awaitable<Product> owned_product(const Actor& actor, const std::string& id, bool any_state = false);
    /// The active store (`any_state`: or inactive), 404; 403 unless the actor is an admin or its owner.
    boost::asio::awaitable<Store> owned_store(const Actor& actor, const std::string& id, bool any_state = false);
    boost::asio::awaitable<boost::json::value> save_category(std::optional<std::string> id_or_slug, Changes changes,
                                                             std::optional<std::optional<std::string>> parent,
                                                             std::optional<std::string> type);
    /// The id of the active category named by id or slug; 422 on `field` when there is none.
    boost::asio::awaitable<std::string> resolve_category(std::string id_or_slug, std::string field);
    boost::asio::awaitable<void> expand(std::vector<boost::json::object>& docs, const Shape& shape);
    /// A page as sent: the documents expanded, then projected.
    boost::asio::awaitable<boost::json::value> shaped_list(std::vector<boost::json::object> docs,
                                                           std::optional<std::string> next, Shape shape);
    /// One document as sent: expanded, then projected.
    boost::asio::awaitable<boost::json::value> shaped_one(boost::json::object doc, Shape shape);
    CatalogRepository repo_;
    media::MediaService& media_;
    /// The active categories as of at most kCategoriesTtl ago (cached as the categories reply is).
    boost::asio::awaitable<std::shared_ptr<const CategoryTree>> category_tree();
    boost::asio::awaitable<std::shared_ptr<const CategoryTree>> read_category_tree();
    ReplyCache categories_cache_{kCategoriesTtl, 64};
    TtlCache<CategoryTree> tree_cache_{kCategoriesTtl, 1};
    ReplyCache search_cache_{kSearchTtl, 1024};
    platform::realtime::EventPublisher& events_;
    OfferLimits offer_limits_;
    ReplyCache products_cache_{kPageTtl, 1024};
    ReplyCache product_cache_{kPageTtl, 8192};
    ReplyCache stores_cache_{kPageTtl, 1024};
};

inline constexpr std::size_t kMaxCatalogImageBytes = 5 * 1024 * 1024;
inline constexpr std::size_t kMaxProductImages = 10;
/// A request with one store image, or with up to 5 product images.
inline constexpr std::size_t kMaxStoreImageRequestBytes = kMaxCatalogImageBytes + 64 * 1024;
inline constexpr std::size_t kMaxProductImagesPerRequest = 5;
inline constexpr std::size_t kMaxProductImagesRequestBytes =
    kMaxProductImagesPerRequest * kMaxCatalogImageBytes + 64 * 1024;

}  // namespace superapp::features::catalog
