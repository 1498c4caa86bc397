#include "features/catalog/repository.hpp"

#include <algorithm>

#include "platform/core/object_id.hpp"
#include "platform/http/api_error.hpp"

namespace superapp::features::catalog {

namespace asio = boost::asio;
using platform::db::named_query;
using platform::db::ParamList;
using platform::db::Row;

namespace {

// The same columns as sql/categories_all.sql, category_by_id_or_slug.sql, categories_by_ids.sql.
constexpr std::string_view kStoreColumns =
    "s.id, s.name, s.description, s.logo, s.banner, s.category_id, s.owner_id, s.address, s.city, s.pincode, "
    "s.latitude, s.longitude, s.delivery_radius_km, s.phone, s.email, s.website, "
    "s.rating_average::float8 AS rating_average, s.rating_count, s.cashback_percent::float8 AS cashback_percent, "
    "s.is_partner, to_char(s.opens_at, 'HH24:MI') AS opens_at, to_char(s.closes_at, 'HH24:MI') AS closes_at, "
    "s.open_days, s.delivery_time, s.minimum_order_paise, s.is_active, s.created_at, s.updated_at";
// The same columns as sql/product_by_id.sql; the variants come along as one JSON array per product
// ([type, value, price_paise, stock] each), so a page of products is one round trip.
constexpr std::string_view kProductColumns =
    "p.id, p.store_id, p.category_id, p.name, p.description, p.images, p.original_paise, p.selling_paise, "
    "p.stock, p.tags, p.specifications, p.rating_average::float8 AS rating_average, p.rating_count, "
    "p.sold_count, p.is_featured, p.is_active, p.created_at, p.updated_at, "
    "coalesce((SELECT json_agg(json_build_array(v.type, v.value, v.price_paise, v.stock) ORDER BY v.position) "
    "FROM product_variants v WHERE v.product_id = p.id), '[]') AS variants";
constexpr std::string_view kReviewColumns =
    "r.id, r.product_id, r.user_id, r.rating, r.text, r.verified_purchase, r.created_at, r.updated_at";

Category category_from(const Row& row) {
    Category c;
    c.id = row.get<std::string>("id");
    c.name = row.get<std::string>("name");
    c.slug = row.get<std::string>("slug");
    c.description = row.get_optional<std::string>("description");
    c.icon = row.get_optional<std::string>("icon");
    c.image = row.get_optional<std::string>("image");
    c.type = row.get<std::string>("type");
    c.parent_id = row.get_optional<std::string>("parent_id");
    c.is_active = row.get<bool>("is_active");
    c.sort_order = row.get<std::int32_t>("sort_order");
    c.metadata = row.get<boost::json::value>("metadata");
    c.created_at = row.get<Timestamp>("created_at");
    c.updated_at = row.get<Timestamp>("updated_at");
    return c;
}

Store store_from(const Row& row) {
    Store s;
    s.id = row.get<std::string>("id");
    s.name = row.get<std::string>("name");
    s.description = row.get_optional<std::string>("description");
    s.logo = row.get_optional<std::string>("logo");
    s.banner = row.get_optional<std::string>("banner");
    s.category_id = row.get<std::string>("category_id");
    s.owner_id = row.get_optional<std::string>("owner_id");
    s.address = row.get_optional<std::string>("address");
    s.city = row.get<std::string>("city");
    s.pincode = row.get_optional<std::string>("pincode");
    s.latitude = row.get<double>("latitude");
    s.longitude = row.get<double>("longitude");
    s.delivery_radius_km = row.get<double>("delivery_radius_km");
    s.phone = row.get_optional<std::string>("phone");
    s.email = row.get_optional<std::string>("email");
    s.website = row.get_optional<std::string>("website");
    s.rating_average = row.get<double>("rating_average");
    s.rating_count = row.get<std::int32_t>("rating_count");
    s.cashback_percent = row.get<double>("cashback_percent");
    s.is_partner = row.get<bool>("is_partner");
    s.opens_at = row.get<std::string>("opens_at");
    s.closes_at = row.get<std::string>("closes_at");
    s.open_days = row.get<std::vector<std::string>>("open_days");
    s.delivery_time = row.get_optional<std::string>("delivery_time");
    s.minimum_order_paise = row.get<std::int64_t>("minimum_order_paise");
    s.is_active = row.get<bool>("is_active");
    s.created_at = row.get<Timestamp>("created_at");
    s.updated_at = row.get<Timestamp>("updated_at");
    return s;
}

Product product_from(const Row& row) {
    Product p;
    p.id = row.get<std::string>("id");
    p.store_id = row.get<std::string>("store_id");
    p.category_id = row.get<std::string>("category_id");
    p.name = row.get<std::string>("name");
    p.description = row.get_optional<std::string>("description");
    p.images = row.get<std::vector<std::string>>("images");
    p.original_paise = row.get<std::int64_t>("original_paise");
    p.selling_paise = row.get<std::int64_t>("selling_paise");
    p.stock = row.get<std::int32_t>("stock");
    p.tags = row.get<std::vector<std::string>>("tags");
    p.specifications = row.get<boost::json::value>("specifications");
    p.rating_average = row.get<double>("rating_average");
    p.rating_count = row.get<std::int32_t>("rating_count");
    p.sold_count = row.get<std::int64_t>("sold_count");
    p.is_featured = row.get<bool>("is_featured");
    p.is_active = row.get<bool>("is_active");
    p.created_at = row.get<Timestamp>("created_at");
    p.updated_at = row.get<Timestamp>("updated_at");
    const boost::json::value variants = row.get<boost::json::value>("variants");
    for (const boost::json::value& v : variants.as_array()) {
        const boost::json::array& f = v.as_array();
        p.variants.push_back({std::string(f.at(0).as_string()), std::string(f.at(1).as_string()),
                              f.at(2).to_number<std::int64_t>(), f.at(3).to_number<std::int64_t>()});
    }
    return p;
}

Review review_from(const Row& row) {
    Review r;
    r.id = row.get<std::string>("id");
    r.product_id = row.get<std::string>("product_id");
    r.user_id = row.get<std::string>("user_id");
    r.rating = row.get<std::int16_t>("rating");
    r.text = row.get_optional<std::string>("text");
    r.verified_purchase = row.get<bool>("verified_purchase");
    r.created_at = row.get<Timestamp>("created_at");
    r.updated_at = row.get<Timestamp>("updated_at");
    return r;
}

// Numbers the parameters of a query built from fixed fragments; values never enter the SQL text.
class Params {
  public:
    template <class T>
    std::string add(const T& value) {
        platform::db::append_param(list_, value);
        return "$" + std::to_string(list_.size());
    }
    ParamList take() { return std::move(list_); }

  private:
    ParamList list_;
};

// One sort of a keyset-paginated list: ORDER BY key dir, id dir; the cursor carries key::text.
struct Order {
    std::string key;        // an SQL expression
    std::string_view type;  // its SQL type, to read the cursor's text back
    bool descending = false;
    // The key is a distance that a GiST index returns rows in (KNN), ascending: see page_clause.
    bool nearest_first = false;
};

// Appends "AND (key, id) >/< (cursor)" and "ORDER BY ... LIMIT" for a keyset page; `id` is the
// table's id column.
void page_clause(std::string& sql, Params& params, const Order& order, std::string_view id,
                 const std::optional<Cursor>& after, int limit, std::string_view sort) {
    if (after) {
        if (after->sort != sort) {
            throw platform::http::ApiError::invalid_field("cursor", "belongs to a list in another sort order");
        }
        if (!cursor_key_fits(after->key, order.type)) {
            throw platform::http::ApiError::invalid_field("cursor",
                                                          "belongs to another list: pass nextCursor as it came");
        }
        sql += " AND (" + order.key + ", " + std::string(id) + ") " + (order.descending ? "<" : ">") + " (" +
               params.add(after->key) + "::" + std::string(order.type) + ", " + params.add(after->id) + ")";
    }
    if (order.nearest_first) {
        // A KNN index scan orders by the distance alone, so the rows tied with the last one are all
        // taken (WITH TIES): full_rows then orders them by id too and cuts the page, which stays
        // exact when a page ends inside a tie.
        sql += " ORDER BY " + order.key + " FETCH FIRST " + std::to_string(limit + 1) + " ROWS WITH TIES";
        return;
    }
    const std::string_view dir = order.descending ? " DESC" : "";
    sql += " ORDER BY " + order.key + std::string(dir) + ", " + std::string(id) + std::string(dir);
    sql += " LIMIT " + std::to_string(limit + 1);
}

// A keyset page read in two steps: `inner` ("SELECT <alias>.id, <order.key> AS k FROM ... WHERE ...",
// then page_clause) finds the page's ids and keys looking at only those per row, and `columns` are read
// for the page's rows alone. A sort over many rows (a nearby or search list) would otherwise compute
// every column of each row it looks at.
std::string full_rows(std::string_view columns, std::string_view table, std::string_view alias,
                      const std::string& inner, const Order& order, int limit) {
    const std::string dir = order.descending ? " DESC" : "";
    return "SELECT " + std::string(columns) + ", w.k::text AS sort_key FROM (" + inner + ") w JOIN " +
           std::string(table) + " " + std::string(alias) + " ON " + std::string(alias) + ".id = w.id ORDER BY w.k" +
           dir + ", w.id" + dir + " LIMIT " + std::to_string(limit + 1);
}

template <class T>
Page<T> page_from(const platform::db::Result& result, int limit, std::string_view sort, T (*read)(const Row&)) {
    Page<T> page;
    const std::size_t n = std::min<std::size_t>(result.size(), static_cast<std::size_t>(limit));
    page.items.reserve(n);
    for (std::size_t i = 0; i < n; ++i) page.items.push_back(read(result[i]));
    if (result.size() > n && n > 0) {
        const Row last = result[n - 1];
        page.next_cursor =
            encode_cursor({std::string(sort), last.get<std::string>("sort_key"), last.get<std::string>("id")});
    }
    return page;
}

std::string in_categories(Params& params, std::string_view column, const std::vector<std::string>& ids) {
    if (ids.size() == 1) return " AND " + std::string(column) + " = " + params.add(ids[0]);
    return " AND " + std::string(column) + " = ANY(" + params.add(ids) + "::text[])";
}

}  // namespace

std::string_view sort_name(ProductSort s) {
    switch (s) {
        case ProductSort::relevance: return "relevance";
        case ProductSort::price_asc: return "price_asc";
        case ProductSort::price_desc: return "price_desc";
        case ProductSort::rating: return "rating";
        case ProductSort::newest: return "newest";
        case ProductSort::popularity: return "popularity";
    }
    return "newest";
}

std::string_view sort_name(StoreSort s) {
    switch (s) {
        case StoreSort::rating: return "rating";
        case StoreSort::name: return "name";
        case StoreSort::distance: return "distance";
    }
    return "rating";
}

std::string_view sort_name(ReviewSort s) {
    switch (s) {
        case ReviewSort::newest: return "newest";
        case ReviewSort::highest: return "highest";
        case ReviewSort::lowest: return "lowest";
    }
    return "newest";
}

asio::awaitable<std::vector<Category>> CatalogRepository::categories(std::optional<std::string> type) {
    const auto result = co_await db_.query(named_query("catalog.categories_all"), type);
    std::vector<Category> out;
    for (const Row row : result) out.push_back(category_from(row));
    co_return out;
}

asio::awaitable<std::optional<Category>> CatalogRepository::category(const std::string& id_or_slug) {
    const auto result = co_await db_.query(named_query("catalog.category_by_id_or_slug"), id_or_slug);
    if (result.empty()) co_return std::nullopt;
    co_return category_from(result[0]);
}

asio::awaitable<std::vector<std::string>> CatalogRepository::category_subtree(const std::string& id) {
    const auto result = co_await db_.query(named_query("catalog.category_subtree"), id);
    std::vector<std::string> ids;
    for (const Row row : result) ids.push_back(row.get<std::string>(0));
    co_return ids;
}

asio::awaitable<std::vector<std::string>> CatalogRepository::unknown_category_ids(const std::vector<std::string>& ids) {
    const auto result = co_await db_.query(named_query("catalog.unknown_category_ids"), ids);
    std::vector<std::string> unknown;
    for (const Row row : result) unknown.push_back(row.get<std::string>(0));
    co_return unknown;
}

asio::awaitable<std::vector<Category>> CatalogRepository::categories_by_ids(const std::vector<std::string>& ids) {
    std::vector<Category> out;
    if (ids.empty()) co_return out;
    const auto result = co_await db_.query(named_query("catalog.categories_by_ids"), ids);
    for (const Row row : result) out.push_back(category_from(row));
    co_return out;
}

// Served by stores_rating_idx / stores_name_idx (with a category or city: the composite ones),
// and by stores_location_idx for a radius (nearby); a distance sort then orders the stores inside it.
asio::awaitable<Page<Store>> CatalogRepository::stores(const StoreQuery& q) {
    Params params;
    // The point asked about, computed once per query (a sub-select runs once; ll_to_earth itself
    // would run per row in a prepared plan), against each store's stored `location`.
    std::string here;
    std::string distance;
    if (q.near) {
        here = "(SELECT ll_to_earth(" + params.add(q.near->latitude) + "::float8, " + params.add(q.near->longitude) +
               "::float8))";
        distance = "earth_distance(" + here + ", s.location)";
    }
    Order order;
    switch (q.sort) {
        case StoreSort::rating: order = {"s.rating_average", "numeric", true}; break;
        case StoreSort::name: order = {"s.name", "text", false}; break;
        // The straight-line (chord) distance orders stores as the great-circle one does, for one
        // cube_distance a row, and stores_location_idx returns stores nearest first in it (KNN).
        case StoreSort::distance: order = {"(s.location <-> " + here + ")", "float8", false, true}; break;
    }
    std::string sql = "SELECT s.id, " + order.key + " AS k FROM stores s WHERE s.is_active";
    if (!q.category_ids.empty()) sql += in_categories(params, "s.category_id", q.category_ids);
    if (q.city) sql += " AND s.city = " + params.add(*q.city);
    if (q.is_partner) sql += " AND s.is_partner = " + params.add(*q.is_partner);
    if (q.min_rating) sql += " AND s.rating_average >= " + params.add(*q.min_rating) + "::numeric";
    if (q.open_now) {
        constexpr std::string_view kLocal = "(now() AT TIME ZONE 'Asia/Kolkata')";
        sql += " AND s.open_days @> ARRAY[to_char(" + std::string(kLocal) +
               ", 'fmday')] AND CASE WHEN s.opens_at <= s.closes_at THEN " + std::string(kLocal) +
               "::time >= s.opens_at AND " + std::string(kLocal) + "::time < s.closes_at ELSE " + std::string(kLocal) +
               "::time >= s.opens_at OR " + std::string(kLocal) + "::time < s.closes_at END";
    }
    if (q.near && q.within_km) {
        const std::string meters = params.add(*q.within_km * 1000.0) + "::float8";
        sql += " AND earth_box(" + here + ", " + meters + ") @> s.location AND " + distance + " <= " + meters;
    }
    page_clause(sql, params, order, "s.id", q.after, q.limit, sort_name(q.sort));
    const std::string columns = std::string(kStoreColumns) + (distance.empty() ? ", NULL::float8 AS distance_m"
                                                                               : ", " + distance + " AS distance_m");
    sql = full_rows(columns, "stores", "s", sql, order, q.limit);
    const auto result = co_await db_.query_params(platform::db::shaped_query("catalog.stores", sql), params.take());
    Page<Store> page = page_from<Store>(result, q.limit, sort_name(q.sort), store_from);
    for (std::size_t i = 0; i < page.items.size(); ++i) {
        page.items[i].distance_m = result[i].get_optional<double>("distance_m");
    }
    co_return page;
}

asio::awaitable<std::optional<Store>> CatalogRepository::store(const std::string& id) {
    const std::vector<std::string> ids{id};
    std::vector<Store> found = co_await stores_by_ids(ids);
    if (found.empty()) co_return std::nullopt;
    co_return std::move(found[0]);
}

asio::awaitable<std::vector<Store>> CatalogRepository::stores_by_ids(const std::vector<std::string>& ids) {
    std::vector<Store> out;
    if (ids.empty()) co_return out;
    const auto result = co_await db_.query(named_query("catalog.stores_by_ids"), ids);
    for (const Row row : result) out.push_back(store_from(row));
    co_return out;
}

// Served by products_{price,rating,newest,popular}_idx, their category_/store_ variants, and the
// search indexes for q. Products of inactive stores or categories are left out.
asio::awaitable<Page<Product>> CatalogRepository::products(const ProductQuery& q) {
    Params params;
    std::string where;
    std::string score;
    if (q.q) {
        const std::string text = params.add(*q.q);
        const std::string tsquery = prefix_tsquery(*q.q);
        // An exact name first, then the products holding the words by full-text rank, then those
        // only spelt like them by closeness of spelling (computed for those alone: it is the dear part).
        const std::string exact = "(lower(p.name) = lower(" + text + "))::int * 10";
        const std::string spelling = "word_similarity(" + text + ", p.name)";
        if (tsquery.empty()) {
            score = "(" + exact + " + " + spelling + ")::real";
            where += " AND " + text + " <% p.name";
        } else {
            const std::string ts = "to_tsquery('english', " + params.add(tsquery) + ")";
            score = "(" + exact + " + CASE WHEN p.search @@ " + ts + " THEN 1 + ts_rank(p.search, " + ts + ") ELSE " +
                    spelling + " END)::real";
            where += " AND (p.search @@ " + ts + " OR " + text + " <% p.name)";
        }
    }
    Order order;
    switch (q.sort) {
        case ProductSort::relevance:
            order = score.empty() ? Order{"p.created_at", "timestamptz", true} : Order{score, "real", true};
            break;
        case ProductSort::price_asc: order = {"p.selling_paise", "bigint", false}; break;
        case ProductSort::price_desc: order = {"p.selling_paise", "bigint", true}; break;
        case ProductSort::rating: order = {"p.rating_average", "numeric", true}; break;
        case ProductSort::newest: order = {"p.created_at", "timestamptz", true}; break;
        case ProductSort::popularity: order = {"p.sold_count", "bigint", true}; break;
    }
    if (!q.category_ids.empty()) where += in_categories(params, "p.category_id", q.category_ids);
    if (q.store_id) where += " AND p.store_id = " + params.add(*q.store_id);
    if (q.min_price_paise) where += " AND p.selling_paise >= " + params.add(*q.min_price_paise) + "::bigint";
    if (q.max_price_paise) where += " AND p.selling_paise <= " + params.add(*q.max_price_paise) + "::bigint";
    if (!q.tags.empty()) where += " AND p.tags && " + params.add(q.tags) + "::text[]";
    if (q.min_rating) where += " AND p.rating_average >= " + params.add(*q.min_rating) + "::numeric";
    if (q.in_stock) where += " AND p.stock > 0";
    if (q.featured) where += " AND p.is_featured = " + params.add(*q.featured);
    std::string sql = "SELECT p.id, " + order.key +
                      " AS k FROM products p"
                      " JOIN stores s ON s.id = p.store_id AND s.is_active"
                      " JOIN categories c ON c.id = p.category_id AND c.is_active"
                      " WHERE p.is_active" +
                      where;
    page_clause(sql, params, order, "p.id", q.after, q.limit, sort_name(q.sort));
    sql = full_rows(kProductColumns, "products", "p", sql, order, q.limit);
    // A search runs unprepared, planned for its words: the generic plan of a prepared one (words
    // unknown) took 44 to 60 ms for q=basmati at 200,000 products, planned for the words 19 to 29 ms.
    const platform::db::Query query =
        q.q ? platform::db::Query{{}, sql} : platform::db::shaped_query("catalog.products", sql);
    const auto result = co_await db_.query_params(query, params.take());
    co_return page_from<Product>(result, q.limit, sort_name(q.sort), product_from);
}

asio::awaitable<std::optional<Product>> CatalogRepository::product(const std::string& id) {
    const auto result = co_await db_.query(named_query("catalog.product_by_id"), id);
    if (result.empty()) co_return std::nullopt;
    co_return product_from(result[0]);
}

// Served by reviews_newest_idx / reviews_rating_idx.
asio::awaitable<Page<Review>> CatalogRepository::reviews(const ReviewQuery& q) {
    Params params;
    Order order;
    switch (q.sort) {
        case ReviewSort::newest: order = {"r.updated_at", "timestamptz", true}; break;
        case ReviewSort::highest: order = {"r.rating", "smallint", true}; break;
        case ReviewSort::lowest: order = {"r.rating", "smallint", false}; break;
    }
    std::string sql = "SELECT " + std::string(kReviewColumns) + ", (" + order.key +
                      ")::text AS sort_key FROM reviews r WHERE r.product_id = " + params.add(q.product_id);
    page_clause(sql, params, order, "r.id", q.after, q.limit, sort_name(q.sort));
    const auto result = co_await db_.query_params(platform::db::shaped_query("catalog.reviews", sql), params.take());
    co_return page_from<Review>(result, q.limit, sort_name(q.sort), review_from);
}

asio::awaitable<std::array<std::int64_t, 5>> CatalogRepository::rating_histogram(const std::string& product_id) {
    const auto result = co_await db_.query(named_query("catalog.rating_histogram"), product_id);
    std::array<std::int64_t, 5> counts{};
    for (const Row row : result) {
        const int rating = row.get<std::int16_t>("rating");
        if (rating >= 1 && rating <= 5) counts[static_cast<std::size_t>(rating - 1)] = row.get<std::int64_t>("n");
    }
    co_return counts;
}

namespace {

// The product row lock makes one product's reviews take turns, so reading the user's earlier
// review and moving the sums by the difference is exact under any concurrency. Locks are taken
// product first, then store (by the UPDATE), in every review transaction: no deadlock.
asio::awaitable<std::optional<ReviewWrite>> write_review(platform::db::Tx& tx, std::string& product_id,
                                                         std::string& user_id, int& rating,
                                                         std::optional<std::string>& text) {
    const auto locked = co_await tx.query(named_query("catalog.product_lock"), product_id);
    if (locked.empty()) co_return std::nullopt;
    const std::string store_id = locked[0].get<std::string>("store_id");
    const auto earlier = co_await tx.query(named_query("catalog.review_of_user"), product_id, user_id);
    ReviewWrite out;
    std::int64_t sum_delta = rating;
    std::int64_t count_delta = 1;
    if (earlier.empty()) {
        const auto row =
            co_await tx.query(named_query("catalog.review_insert"), platform::core::ObjectId::generate().to_string(),
                              product_id, user_id, rating, text);
        out.review = review_from(row[0]);
        out.created = true;
    } else {
        sum_delta = rating - earlier[0].get<std::int16_t>("rating");
        count_delta = 0;
        const auto row =
            co_await tx.query(named_query("catalog.review_update"), earlier[0].get<std::string>("id"), rating, text);
        out.review = review_from(row[0]);
    }
    co_await tx.query(named_query("catalog.product_rating_add"), product_id, sum_delta, count_delta);
    co_await tx.query(named_query("catalog.store_rating_add"), store_id, sum_delta, count_delta);
    co_return out;
}

}  // namespace

asio::awaitable<std::optional<ReviewWrite>> CatalogRepository::upsert_review(const std::string& product_id,
                                                                             const std::string& user_id, int rating,
                                                                             std::optional<std::string> text) {
    return db_.transaction(write_review, product_id, user_id, rating, std::move(text));
}

// ---- writes ----

namespace {

constexpr std::string_view kCategoryReturning =
    "id, name, slug, description, icon, image, type, parent_id, is_active, sort_order, metadata, created_at, "
    "updated_at";

// Inserts the variants of a product in the given order.
asio::awaitable<void> insert_variants(platform::db::Tx& tx, const std::string& product_id,
                                      const std::vector<Variant>& variants) {
    if (variants.empty()) co_return;
    std::vector<std::string> types, values;
    std::vector<std::int64_t> prices, stocks;
    for (const Variant& v : variants) {
        types.push_back(v.type);
        values.push_back(v.value);
        prices.push_back(v.price_paise);
        stocks.push_back(v.stock);
    }
    co_await tx.execute(
        "INSERT INTO product_variants (product_id, position, type, value, price_paise, stock) "
        "SELECT $1, (x.ord - 1)::smallint, x.t, x.v, x.p, x.s "
        "FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bigint[]) WITH ORDINALITY AS x(t, v, p, s, ord)",
        product_id, types, values, prices, stocks);
}

asio::awaitable<Product> insert_product_tx(platform::db::Tx& tx, std::string& sql, ParamList& params,
                                           std::vector<Variant>& variants) {
    const auto row = co_await tx.execute_params(sql, params);
    Product p = product_from(row[0]);  // its variants are not in yet
    co_await insert_variants(tx, p.id, variants);
    p.variants = variants;
    co_return p;
}

asio::awaitable<std::optional<Product>> update_product_tx(platform::db::Tx& tx, std::string& sql, ParamList& params,
                                                          std::optional<std::vector<Variant>>& variants) {
    const auto row = co_await tx.execute_params(sql, params);
    if (row.empty()) co_return std::nullopt;
    Product p = product_from(row[0]);
    if (variants) {
        co_await tx.execute("DELETE FROM product_variants WHERE product_id = $1", p.id);
        co_await insert_variants(tx, p.id, *variants);
    }
    co_return p;
}

// Sets the stock of the product and of the named variants, all or nothing; -2 when the product is
// not there. Throws ApiError (422) naming a variant the product has not.
asio::awaitable<int> set_stock_tx(platform::db::Tx& tx, std::string& product_id, std::optional<std::int64_t>& stock,
                                  std::vector<Variant>& variants) {
    const auto locked =
        co_await tx.execute("SELECT id FROM products WHERE id = $1 AND is_active FOR UPDATE", product_id);
    if (locked.empty()) co_return -2;
    if (stock) {
        co_await tx.execute("UPDATE products SET stock = $2, updated_at = now() WHERE id = $1", product_id, *stock);
    } else {
        co_await tx.execute("UPDATE products SET updated_at = now() WHERE id = $1", product_id);
    }
    for (std::size_t i = 0; i < variants.size(); ++i) {
        const auto done = co_await tx.execute(
            "UPDATE product_variants SET stock = $4 WHERE product_id = $1 AND type = $2 AND value = $3 RETURNING "
            "position",
            product_id, variants[i].type, variants[i].value, variants[i].stock);
        if (done.empty()) {
            // Thrown, not returned: the stock set before it is rolled back.
            throw platform::http::ApiError::invalid_field("variants[" + std::to_string(i) + "]",
                                                          "is not one of the product's variants (type and value)");
        }
    }
    co_return -1;
}

}  // namespace

namespace {

// Reads where the category is to sit (see placement_errors) under the tree's lock, then writes it.
asio::awaitable<Category> save_category_tx(platform::db::Tx& tx, std::optional<std::string>& id_or_slug,
                                           Changes& changes, std::optional<std::optional<std::string>>& parent,
                                           std::optional<std::string>& type) {
    co_await tx.query(named_query("catalog.category_tree_lock"));
    std::optional<std::string> id;
    std::optional<std::string> kept_parent;
    CategoryPlacement placement;
    if (id_or_slug) {
        const auto existing = co_await tx.query(named_query("catalog.category_for_write"), *id_or_slug);
        if (existing.empty()) throw platform::http::ApiError::not_found("no category with this id or slug");
        id = existing[0].get<std::string>("id");
        kept_parent = existing[0].get_optional<std::string>("parent_id");
        const std::string current_type = existing[0].get<std::string>("type");
        placement.type = type.value_or(current_type);
        placement.sets_type = placement.type != current_type;
    } else {
        placement.type = type.value_or("");
        placement.sets_type = true;
    }
    const std::optional<std::string> parent_id = parent ? *parent : kept_parent;
    placement.names_parent = parent && *parent;
    if (parent_id) {
        const auto found = co_await tx.query(named_query("catalog.category_brief"), *parent_id);
        if (placement.names_parent && (found.empty() || !found[0].get<bool>("is_active"))) {
            placement.parent_problem = ParentProblem::not_active;
        } else if (placement.names_parent && id) {
            const auto inside = co_await tx.query(named_query("catalog.category_is_ancestor"), *parent_id, *id);
            if (inside[0].get<bool>("found")) placement.parent_problem = ParentProblem::inside;
        }
        if (!found.empty()) placement.parent_type = found[0].get<std::string>("type");
    }
    if (id && placement.sets_type) {
        const auto children = co_await tx.query(named_query("catalog.category_child_types"), *id);
        for (const Row row : children) placement.child_types.push_back(row.get<std::string>("type"));
    }
    if (auto errors = placement_errors(placement); !errors.empty()) {
        throw platform::core::ValidationFailed(std::move(errors));
    }
    if (parent) changes.set("parent_id", *parent);
    const std::string sql = id ? changes.update_sql("categories", *id, "", kCategoryReturning)
                               : changes.insert_sql("categories", kCategoryReturning);
    const auto written = co_await tx.execute_params(sql, changes.take_params());
    co_return category_from(written[0]);
}

}  // namespace

asio::awaitable<Category> CatalogRepository::save_category(std::optional<std::string> id_or_slug, Changes changes,
                                                           std::optional<std::optional<std::string>> parent,
                                                           std::optional<std::string> type) {
    return db_.transaction(save_category_tx, std::move(id_or_slug), std::move(changes), std::move(parent),
                           std::move(type));
}

asio::awaitable<bool> CatalogRepository::deactivate_category(const std::string& id_or_slug) {
    const auto result = co_await db_.query(named_query("catalog.category_deactivate"), id_or_slug);
    co_return !result.empty();
}

asio::awaitable<std::optional<Store>> CatalogRepository::store_any(const std::string& id) {
    const auto result =
        co_await db_.execute("SELECT " + std::string(kStoreColumns) + " FROM stores s WHERE s.id = $1", id);
    if (result.empty()) co_return std::nullopt;
    co_return store_from(result[0]);
}

asio::awaitable<Store> CatalogRepository::insert_store(Changes changes) {
    const std::string sql = changes.insert_sql("stores AS s", kStoreColumns);
    const auto result = co_await db_.execute_params(sql, changes.take_params());
    co_return store_from(result[0]);
}

asio::awaitable<std::optional<Store>> CatalogRepository::update_store(std::string id, Changes changes) {
    const std::string sql = changes.update_sql("stores AS s", id, "", kStoreColumns);
    const auto result = co_await db_.execute_params(sql, changes.take_params());
    if (result.empty()) co_return std::nullopt;
    co_return store_from(result[0]);
}

asio::awaitable<std::optional<Product>> CatalogRepository::product_any(const std::string& id) {
    const auto result =
        co_await db_.execute("SELECT " + std::string(kProductColumns) + " FROM products p WHERE p.id = $1", id);
    if (result.empty()) co_return std::nullopt;
    co_return product_from(result[0]);
}

asio::awaitable<Product> CatalogRepository::insert_product(Changes changes, std::vector<Variant> variants) {
    std::string sql = changes.insert_sql("products AS p", kProductColumns);
    return db_.transaction(insert_product_tx, std::move(sql), changes.take_params(), std::move(variants));
}

asio::awaitable<std::optional<Product>> CatalogRepository::update_product(
    std::string id, Changes changes, std::optional<std::vector<Variant>> variants) {
    std::string sql = changes.update_sql("products AS p", id, "", kProductColumns);
    return db_.transaction(update_product_tx, std::move(sql), changes.take_params(), std::move(variants));
}

asio::awaitable<bool> CatalogRepository::swap_images(const std::string& id, const std::vector<std::string>& expected,
                                                     const std::vector<std::string>& images) {
    const auto result = co_await db_.query(named_query("catalog.product_images_swap"), id, expected, images);
    co_return !result.empty();
}

asio::awaitable<int> CatalogRepository::set_stock(std::string product_id, std::optional<std::int64_t> stock,
                                                  std::vector<Variant> variants) {
    return db_.transaction(set_stock_tx, std::move(product_id), stock, std::move(variants));
}

asio::awaitable<std::optional<std::string>> CatalogRepository::user_role(const std::string& user_id) {
    const auto result = co_await db_.execute("SELECT role FROM users WHERE id = $1", user_id);
    if (result.empty()) co_return std::nullopt;
    co_return result[0].get<std::string>("role");
}

asio::awaitable<std::vector<Product>> CatalogRepository::products_by_ids(const std::vector<std::string>& ids) {
    const auto result = co_await db_.query(named_query("catalog.products_by_ids"), ids);
    std::vector<Product> out;
    out.reserve(result.size());
    for (const auto row : result) out.push_back(product_from(row));
    co_return out;
}

asio::awaitable<std::vector<DailyCount>> CatalogRepository::daily_reviews(int days) {
    const auto result = co_await db_.query(named_query("catalog.daily_reviews"), days);
    std::vector<DailyCount> out;
    out.reserve(result.size());
    for (const auto row : result) {
        out.push_back(
            {row.get<std::string>("product_id"), row.get<std::int32_t>("age_days"), row.get<std::int64_t>("count")});
    }
    co_return out;
}

}  // namespace superapp::features::catalog
