#include "features/catalog/demo_data.hpp"

#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "features/catalog/rules.hpp"
#include "features/media/demo_files.hpp"
#include "features/users/demo_data.hpp"
#include "platform/core/blocking.hpp"
#include "platform/core/progress.hpp"
#include "platform/db/copy_rows.hpp"

namespace superapp::features::catalog::demo {

namespace asio = boost::asio;
using platform::db::CopyRows;
using platform::db::named_query;
using platform::db::Tx;
using Column = std::vector<std::string>;

namespace {

// splitmix64: the same numbers for the same seed on every platform.
class Random {
  public:
    explicit Random(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    long below(long n) { return static_cast<long>(next() % static_cast<std::uint64_t>(n)); }
    double unit() { return static_cast<double>(next() >> 11) / 9007199254740992.0; }

  private:
    std::uint64_t state_;
};

// Demo ids: a 4-hex kind and the index, so they are stable and never clash with generated ones.
std::string demo_id(unsigned kind, long index) {
    char out[25];
    std::snprintf(out, sizeof out, "%04x%020lx", kind, static_cast<unsigned long>(index));
    return out;
}

std::string number(double v) {
    char out[32];
    std::snprintf(out, sizeof out, "%.6f", v);
    return out;
}

struct City {
    const char* name;
    double latitude, longitude;
    const char* pincode;
};
// City centres and their head post office pincodes.
constexpr City kCities[] = {
    {"Mumbai", 19.0760, 72.8777, "400001"},    {"Delhi", 28.6139, 77.2090, "110001"},
    {"Bengaluru", 12.9716, 77.5946, "560001"}, {"Chennai", 13.0827, 80.2707, "600001"},
    {"Kolkata", 22.5726, 88.3639, "700001"},   {"Hyderabad", 17.3850, 78.4867, "500001"},
    {"Pune", 18.5204, 73.8567, "411001"},      {"Ahmedabad", 23.0225, 72.5714, "380001"},
    {"Jaipur", 26.9124, 75.7873, "302001"},    {"Lucknow", 26.8467, 80.9462, "226001"},
};

struct Sub {
    const char* name;
    const char* slug;
    std::array<const char*, 6> nouns;  // what its stores sell
};
struct Root {
    const char* name;
    const char* slug;
    const char* type;
    const char* color;
    std::array<Sub, 4> subs;
    bool has_stores;
};
const Root kRoots[] = {
    {"Home Delivery",
     "home-delivery",
     "home_delivery",
     "#FF6B35",
     {{{"Groceries",
        "groceries",
        {"Basmati Rice", "Toor Dal", "Whole Wheat Atta", "Cow Ghee", "Masala Chai", "Paneer"}},
       {"Food Delivery",
        "food-delivery",
        {"Chicken Biryani", "Masala Dosa", "Paneer Butter Masala", "Veg Thali", "Margherita Pizza", "Pav Bhaji"}},
       {"Fashion",
        "fashion",
        {"Cotton Kurta", "Silk Saree", "Denim Jeans", "Running Sneakers", "Linen Shirt", "Printed Dupatta"}},
       {"Electronics",
        "electronics",
        {"Wireless Earbuds", "Power Bank", "Smart Watch", "Bluetooth Speaker", "USB-C Charger", "Smartphone Cover"}}}},
     true},
    {"Going Out",
     "going-out",
     "going_out",
     "#4ECDC4",
     {{{"Restaurants",
        "restaurants",
        {"Dinner for Two", "Lunch Buffet", "Family Feast", "Chef Tasting Menu", "Sunday Brunch", "Kebab Platter"}},
       {"Cafes",
        "cafes",
        {"Filter Coffee", "Cold Brew", "Croissant Combo", "Masala Chai Pot", "Cheesecake Slice", "Breakfast Combo"}},
       {"Movies",
        "movies",
        {"Movie Ticket", "Recliner Seat", "Popcorn Combo", "IMAX Ticket", "Couple Pass", "Weekend Pass"}},
       {"Spa and Salon",
        "spa-and-salon",
        {"Head Massage", "Haircut", "Facial", "Manicure", "Full Body Massage", "Hair Spa"}}}},
     true},
    {"Earn",
     "earn",
     "earn",
     "#FFD93D",
     {{{"Surveys", "surveys", {}},
       {"App Tasks", "app-tasks", {}},
       {"Referrals", "referrals", {}},
       {"Reviews and Ratings", "review-tasks", {}}}},
     false},
    {"Play",
     "play",
     "play",
     "#6C5CE7",
     {{{"Quizzes", "quizzes", {}}, {"Puzzles", "puzzles", {}}, {"Arcade", "arcade", {}}, {"Contests", "contests", {}}}},
     false},
};
constexpr std::array<const char*, 8> kAdjectives = {"Classic", "Premium",  "Organic", "Fresh",
                                                    "Royal",   "Everyday", "Deluxe",  "Homestyle"};
constexpr std::array<const char*, 8> kStoreWords = {"Mart",  "Bazaar", "Corner", "Express",
                                                    "House", "Point",  "Hub",    "Depot"};
constexpr std::array<const char*, 6> kReviewTexts = {
    "Terrible, would not buy again.", "Not great, the quality could be better.", "Okay for the price.",
    "Good value, arrived on time.",   "Excellent! Exactly as described.",        "Loved it."};

constexpr unsigned kCategoryKind = 0x64c1, kStoreKind = 0x64c2, kProductKind = 0x64c3, kReviewKind = 0x64c4;
constexpr long kBatch = 20000;

struct Leaf {
    std::string id;
    const Sub* sub;
};

// The URLs of the demo images: each category's icon, and the image the products of a leaf with
// stores share.
struct DemoImages {
    std::map<std::string, std::string, std::less<>> icons;
    std::map<std::string, std::string, std::less<>> products;
};

media::Rgb hex_colour(std::string_view hex) {  // "#RRGGBB"
    const auto byte = [hex](std::size_t at) {
        return static_cast<std::uint8_t>(std::stoi(std::string(hex.substr(at, 2)), nullptr, 16));
    };
    return {byte(1), byte(3), byte(5)};
}

// A subcategory's colour: its root's, lighter or darker by its place.
media::Rgb sub_colour(media::Rgb root, std::size_t index) {
    static constexpr double kShades[] = {-0.25, -0.1, 0.1, 0.25};
    return media::shade(root, kShades[index % std::size(kShades)]);
}

// Writes the demo images that are not there yet (a few dozen, whatever the scale). Blocks: runs on
// the blocking pool.
DemoImages write_images(const std::filesystem::path& dir) {
    DemoImages images;
    for (const Root& root : kRoots) {
        const media::Rgb colour = hex_colour(root.color);
        images.icons[root.slug] =
            media::demo::placeholder_image(dir, std::string("category icon ") + root.slug, 128, 128, colour);
        for (std::size_t i = 0; i < root.subs.size(); ++i) {
            const Sub& sub = root.subs[i];
            const media::Rgb own = sub_colour(colour, i);
            images.icons[sub.slug] =
                media::demo::placeholder_image(dir, std::string("category icon ") + sub.slug, 128, 128, own);
            if (root.has_stores) {
                images.products[sub.slug] =
                    media::demo::placeholder_image(dir, std::string("product image ") + sub.slug, 600, 600, own);
            }
        }
    }
    return images;
}

asio::awaitable<long> insert_categories(Tx& tx, const DemoImages& images, std::vector<Leaf>& leaves) {
    std::array<Column, 8> c;
    long index = 0;
    for (const Root& root : kRoots) {
        const std::string root_id = demo_id(kCategoryKind, index++);
        const std::string meta = std::string("{\"color\": \"") + root.color + "\", \"tags\": [\"" + root.type + "\"]}";
        const auto add = [&](const std::string& id, const char* name, const char* slug,
                             std::optional<std::string> parent, long order) {
            c[0].push_back(id), c[1].push_back(name), c[2].push_back(slug), c[3].push_back(root.type);
            c[4].push_back(parent ? *parent : "NULL");
            c[5].push_back(std::to_string(order)), c[6].push_back(images.icons.find(slug)->second),
                c[7].push_back(meta);
        };
        add(root_id, root.name, root.slug, std::nullopt, static_cast<long>(&root - kRoots));
        for (const Sub& sub : root.subs) {
            const std::string id = demo_id(kCategoryKind, index++);
            add(id, sub.name, sub.slug, root_id, static_cast<long>(&sub - root.subs.data()));
            if (root.has_stores) leaves.push_back({id, &sub});
        }
    }
    // NULL must be an unquoted array element to be SQL NULL; text::encode_array quotes strings, so
    // the parent column is sent as a literal.
    std::string parents = "{";
    for (std::size_t i = 0; i < c[4].size(); ++i)
        parents += (i ? "," : "") + (c[4][i] == "NULL" ? c[4][i] : "\"" + c[4][i] + "\"");
    parents += "}";
    const auto r =
        co_await tx.query(named_query("catalog.demo_categories"), c[0], c[1], c[2], c[3], parents, c[5], c[6], c[7]);
    co_return static_cast<long>(r.affected_rows());
}

// COPY text of a Unix time: "2024-01-01 00:01:00+00".
std::string utc_time(long unix_seconds) {
    const std::time_t t = unix_seconds;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char out[32];
    std::strftime(out, sizeof out, "%Y-%m-%d %H:%M:%S+00", &tm);
    return out;
}

// Stores: spread over the cities, within ~8 km of the centre; a store sells one leaf category.
// Returns each store's leaf.
std::vector<std::size_t> stage_stores(CopyRows& rows, Random& rng, long stores, const std::vector<Leaf>& leaves) {
    std::vector<std::size_t> store_leaf(static_cast<std::size_t>(stores));
    for (long i = 0; i < stores; ++i) {
        const City& city = kCities[i % std::size(kCities)];
        const std::size_t leaf = static_cast<std::size_t>(rng.below(static_cast<long>(leaves.size())));
        store_leaf[static_cast<std::size_t>(i)] = leaf;
        const double angle = rng.unit() * 6.283185307179586, km = rng.unit() * 8.0;
        const double lat = city.latitude + km * std::cos(angle) / 111.0;
        const double lng = city.longitude + km * std::sin(angle) / (111.0 * std::cos(city.latitude * 3.14159265 / 180));
        const std::string name = std::string(city.name) + " " + leaves[leaf].sub->name + " " +
                                 kStoreWords[static_cast<std::size_t>(rng.below(8))] + " " + std::to_string(i + 1);
        const long open_hour = 7 + rng.below(4);
        rows.text(demo_id(kStoreKind, i)).text(name).text(std::string(leaves[leaf].sub->name) + " in " + city.name);
        rows.text(leaves[leaf].id).text(users::demo::kMerchantId);
        rows.text(std::to_string(1 + rng.below(200)) + ", MG Road").text(city.name).text(city.pincode);
        rows.text(number(lat)).text(number(lng)).integer(2 + rng.below(9));
        rows.text("+9198" + std::to_string(10000000 + i)).text("store" + std::to_string(i + 1) + "@example.com");
        rows.integer(rng.below(11)).boolean(rng.below(3) == 0);
        rows.text(std::to_string(open_hour) + ":00").text(std::to_string(20 + rng.below(4)) + ":00");
        const long fastest = 20 + 5 * rng.below(4);
        const long slowest = 40 + 5 * rng.below(4);
        rows.text(std::to_string(fastest) + "-" + std::to_string(slowest) + " mins");
        rows.integer(100 * (rng.below(5) * 50));
        rows.end_row();
    }
    return store_leaf;
}

// The COPY data of one batch of products, with variants for every third and reviews by the demo users.
struct ProductBatch {
    CopyRows products, variants, reviews;
};

void stage_products(ProductBatch& batch, Random& rng, long start, long end, long stores,
                    const std::vector<Leaf>& leaves, const std::vector<std::size_t>& store_leaf,
                    const DemoImages& images, long& review_index) {
    static constexpr std::array<std::string_view, 2> kReviewers = {users::demo::kUserId, users::demo::kAdminId};
    for (long i = start; i < end; ++i) {
        const long store = i % stores;
        const Leaf& leaf = leaves[store_leaf[static_cast<std::size_t>(store)]];
        const char* noun = leaf.sub->nouns[static_cast<std::size_t>(rng.below(6))];
        const char* adjective = kAdjectives[static_cast<std::size_t>(rng.below(8))];
        const std::string id = demo_id(kProductKind, i);
        const long original = (49 + rng.below(4950)) * 100;
        const long selling = original - original * rng.below(41) / 100 / 100 * 100;
        CopyRows& p = batch.products;
        p.text(id).text(demo_id(kStoreKind, store)).text(leaf.id);
        p.text(std::string(adjective) + " " + noun + " " + std::to_string(i + 1));
        p.text(std::string(adjective) + " " + noun + ", from " + leaf.sub->name + ".");
        p.array({images.products.find(leaf.sub->slug)->second});
        p.integer(original).integer(selling);
        p.integer(rng.below(8) == 0 ? 0 : rng.below(500));
        const bool bestseller = rng.below(2) != 0;
        const bool veg = rng.below(4) == 0;
        p.array({leaf.sub->slug, bestseller ? "bestseller" : "new", veg ? "veg" : "value"});
        p.text("[{\"key\": \"Brand\", \"value\": \"" + std::string(adjective) + "\"}]");
        p.integer(rng.below(5000)).boolean(i % 10 == 0);
        p.text(utc_time(1704067200L + i * 60));  // a minute apart from 2024-01-01, newest last
        if (i % 3 == 0) {
            static constexpr const char* kSizes[] = {"S", "M", "L"};
            for (int k = 0; k < 3; ++k) {
                batch.variants.text(id).integer(k).text("size").text(kSizes[k]);
                batch.variants.integer(selling + k * 2000).integer(rng.below(100)).end_row();
            }
        }
        long rating_sum = 0, rating_count = 0;
        for (std::size_t who = 0; who < kReviewers.size(); ++who) {
            if (rng.below(3) != 0) continue;
            const long rating = 1 + rng.below(5);
            rating_sum += rating, ++rating_count;
            batch.reviews.text(demo_id(kReviewKind, review_index++)).text(id).text(kReviewers[who]);
            batch.reviews.integer(rating).text(kReviewTexts[static_cast<std::size_t>(rating)]);
            batch.reviews.text(utc_time(1704067200L + (i + 1) * 60 + static_cast<long>(who))).end_row();
        }
        // The product's rating figures come with it (no update of every row afterwards).
        char average[16];
        std::snprintf(average, sizeof average, "%.2f", rating_average(rating_sum, rating_count));
        p.integer(rating_sum).integer(rating_count).text(average).end_row();
    }
}

// COPYs staged rows into `table` and moves them into the catalog with `insert`; returns the rows moved.
asio::awaitable<long> move_in(Tx& tx, const char* copy, const CopyRows& rows, const char* insert) {
    if (rows.rows() == 0) co_return 0;
    co_await tx.copy_in(copy, rows.data());
    const auto moved = co_await tx.query(named_query(insert));
    co_return static_cast<long>(moved.affected_rows());
}

// The rows go in with COPY through staging tables (demo_staging.sql): COPY is several times faster
// than INSERTs of unnest()ed arrays, and the staging keeps "ids already taken are skipped". The
// seed is a command-line job on its own io_context, so the copy's waits block no server thread.
asio::awaitable<long> load_all(Tx& tx, Options& options, const DemoImages& images) {
    Random rng(options.seed);
    const bool big = options.products > 0;
    const long products = big ? options.products : 400;
    const long stores = big ? std::max(40L, products / 50) : 40;
    long rows = 0;
    co_await tx.set_statement_timeout(std::chrono::milliseconds(0));  // a batch of a big set takes seconds
    co_await tx.execute_script(named_query("catalog.demo_staging").text);

    std::vector<Leaf> leaves;
    rows += co_await insert_categories(tx, images, leaves);

    std::vector<std::size_t> store_leaf;
    {
        CopyRows staged;
        store_leaf = stage_stores(staged, rng, stores, leaves);
        rows += co_await move_in(tx, "COPY demo_stores_in FROM STDIN", staged, "catalog.demo_stores");
    }

    std::optional<platform::core::Progress> progress;
    if (big) progress.emplace("catalog: products", products);
    long review_index = 0;
    ProductBatch batch;
    for (long start = 0; start < products; start += kBatch) {
        const long end = std::min(products, start + kBatch);
        batch.products.clear(), batch.variants.clear(), batch.reviews.clear();
        stage_products(batch, rng, start, end, stores, leaves, store_leaf, images, review_index);
        rows += co_await move_in(tx, "COPY demo_products_in FROM STDIN", batch.products, "catalog.demo_products");
        rows += co_await move_in(tx, "COPY demo_variants_in FROM STDIN", batch.variants, "catalog.demo_variants");
        rows += co_await move_in(tx, "COPY demo_reviews_in FROM STDIN", batch.reviews, "catalog.demo_reviews");
        co_await tx.query(named_query("catalog.demo_staging_clear"));
        if (progress) progress->update(end);
    }
    co_await tx.query(named_query("catalog.demo_rating_totals"));
    // Planner statistics that know the new rows, before anyone reads them.
    co_await tx.execute_script("ANALYZE categories, stores, products, product_variants, reviews");
    co_return rows;
}

}  // namespace

asio::awaitable<bool> has_data(platform::db::Database& db) {
    const auto result = co_await db.query(named_query("catalog.any_exists"));
    co_return result[0].get<bool>("any");
}

asio::awaitable<long> load(platform::db::Database& db, Options options) {
    // The files first: a transaction that fails leaves files the next run finds and keeps as they are.
    const std::filesystem::path dir = options.upload_dir;
    const DemoImages images = co_await platform::core::run_blocking([&dir] { return write_images(dir); });
    co_return co_await db.transaction(load_all, options, std::cref(images));
}

asio::awaitable<std::vector<std::string>> product_ids(platform::db::Database& db, std::string slug, int count) {
    const auto result = co_await db.query(named_query("catalog.demo_category_products"), slug, count);
    std::vector<std::string> ids;
    ids.reserve(result.size());
    for (const auto row : result) ids.push_back(row.get<std::string>("id"));
    co_return ids;
}

}  // namespace superapp::features::catalog::demo
