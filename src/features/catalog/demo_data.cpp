#include "features/catalog/demo_data.hpp"

#include <array>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "features/users/demo_data.hpp"

namespace superapp::features::catalog::demo {

namespace asio = boost::asio;
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
constexpr long kBatch = 5000;

struct Leaf {
    std::string id;
    const Sub* sub;
};

asio::awaitable<long> insert_categories(Tx& tx, std::vector<Leaf>& leaves) {
    std::array<Column, 8> c;
    long index = 0;
    for (const Root& root : kRoots) {
        const std::string root_id = demo_id(kCategoryKind, index++);
        const std::string meta = std::string("{\"color\": \"") + root.color + "\", \"tags\": [\"" + root.type + "\"]}";
        const auto add = [&](const std::string& id, const char* name, const char* slug,
                             std::optional<std::string> parent, long order) {
            c[0].push_back(id), c[1].push_back(name), c[2].push_back(slug), c[3].push_back(root.type);
            c[4].push_back(parent ? *parent : "NULL");
            c[5].push_back(std::to_string(order)), c[6].push_back(std::string("/icons/") + slug + ".svg"),
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

asio::awaitable<long> load_all(Tx& tx, Options& options) {
    Random rng(options.seed);
    const bool big = options.products > 0;
    const long products = big ? options.products : 400;
    const long stores = big ? std::max(40L, products / 50) : 40;
    long rows = 0;

    std::vector<Leaf> leaves;
    rows += co_await insert_categories(tx, leaves);

    // Stores: spread over the cities, within ~8 km of the centre; a store sells one leaf category.
    std::vector<std::size_t> store_leaf(static_cast<std::size_t>(stores));
    {
        std::array<Column, 19> c;
        for (long i = 0; i < stores; ++i) {
            const City& city = kCities[i % std::size(kCities)];
            const std::size_t leaf = static_cast<std::size_t>(rng.below(static_cast<long>(leaves.size())));
            store_leaf[static_cast<std::size_t>(i)] = leaf;
            const double angle = rng.unit() * 6.283185307179586, km = rng.unit() * 8.0;
            const double lat = city.latitude + km * std::cos(angle) / 111.0;
            const double lng =
                city.longitude + km * std::sin(angle) / (111.0 * std::cos(city.latitude * 3.14159265 / 180));
            const std::string name = std::string(city.name) + " " + leaves[leaf].sub->name + " " +
                                     kStoreWords[static_cast<std::size_t>(rng.below(8))] + " " + std::to_string(i + 1);
            const long open_hour = 7 + rng.below(4);
            c[0].push_back(demo_id(kStoreKind, i)), c[1].push_back(name),
                c[2].push_back(std::string(leaves[leaf].sub->name) + " in " + city.name);
            c[3].push_back(leaves[leaf].id), c[4].push_back(std::string(users::demo::kMerchantId));
            c[5].push_back(std::to_string(1 + rng.below(200)) + ", MG Road"), c[6].push_back(city.name),
                c[7].push_back(city.pincode);
            c[8].push_back(number(lat)), c[9].push_back(number(lng)), c[10].push_back(std::to_string(2 + rng.below(9)));
            c[11].push_back("+9198" + std::to_string(10000000 + i)),
                c[12].push_back("store" + std::to_string(i + 1) + "@example.com");
            c[13].push_back(std::to_string(rng.below(11))), c[14].push_back(rng.below(3) == 0 ? "t" : "f");
            c[15].push_back(std::to_string(open_hour) + ":00"),
                c[16].push_back(std::to_string(20 + rng.below(4)) + ":00");
            c[17].push_back(std::to_string(20 + 5 * rng.below(4)) + "-" + std::to_string(40 + 5 * rng.below(4)) +
                            " mins");
            c[18].push_back(std::to_string(100 * (rng.below(5) * 50)));
        }
        const auto r =
            co_await tx.query(named_query("catalog.demo_stores"), c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8],
                              c[9], c[10], c[11], c[12], c[13], c[14], c[15], c[16], c[17], c[18]);
        rows += static_cast<long>(r.affected_rows());
    }

    // Products in batches, with variants for every third and reviews by the demo users.
    const std::array<std::string, 2> reviewers = {std::string(users::demo::kUserId),
                                                  std::string(users::demo::kAdminId)};
    long review_index = 0;
    for (long start = 0; start < products; start += kBatch) {
        const long end = std::min(products, start + kBatch);
        std::array<Column, 14> c;
        std::array<Column, 6> v;
        std::array<Column, 6> r;
        for (long i = start; i < end; ++i) {
            const long store = i % stores;
            const Leaf& leaf = leaves[store_leaf[static_cast<std::size_t>(store)]];
            const char* noun = leaf.sub->nouns[static_cast<std::size_t>(rng.below(6))];
            const char* adjective = kAdjectives[static_cast<std::size_t>(rng.below(8))];
            const std::string id = demo_id(kProductKind, i);
            const long original = (49 + rng.below(4950)) * 100;
            const long selling = original - original * rng.below(41) / 100 / 100 * 100;
            c[0].push_back(id), c[1].push_back(demo_id(kStoreKind, store)), c[2].push_back(leaf.id);
            c[3].push_back(std::string(adjective) + " " + noun + " " + std::to_string(i + 1));
            c[4].push_back(std::string(adjective) + " " + noun + ", from " + leaf.sub->name + ".");
            c[5].push_back(std::string("/uploads/placeholder-") + leaf.sub->slug + ".png");
            c[6].push_back(std::to_string(original)), c[7].push_back(std::to_string(selling));
            c[8].push_back(std::to_string(rng.below(8) == 0 ? 0 : rng.below(500)));
            c[9].push_back(std::string(leaf.sub->slug) + "," + (rng.below(2) ? "bestseller" : "new") + "," +
                           (rng.below(4) == 0 ? "veg" : "value"));
            c[10].push_back("[{\"key\": \"Brand\", \"value\": \"" + std::string(adjective) + "\"}]");
            c[11].push_back(std::to_string(rng.below(5000))), c[12].push_back(i % 10 == 0 ? "t" : "f");
            c[13].push_back(std::to_string(1704067200L + i * 60));  // a minute apart from 2024-01-01, newest last
            if (i % 3 == 0) {
                static constexpr const char* kSizes[] = {"S", "M", "L"};
                for (int k = 0; k < 3; ++k) {
                    v[0].push_back(id), v[1].push_back(std::to_string(k)), v[2].push_back("size"),
                        v[3].push_back(kSizes[k]);
                    v[4].push_back(std::to_string(selling + k * 2000)), v[5].push_back(std::to_string(rng.below(100)));
                }
            }
            for (std::size_t who = 0; who < reviewers.size(); ++who) {
                if (rng.below(3) != 0) continue;
                const long rating = 1 + rng.below(5);
                r[0].push_back(demo_id(kReviewKind, review_index++)), r[1].push_back(id),
                    r[2].push_back(reviewers[who]);
                r[3].push_back(std::to_string(rating)), r[4].push_back(kReviewTexts[static_cast<std::size_t>(rating)]);
                r[5].push_back(std::to_string(1704067200L + (i + 1) * 60 + static_cast<long>(who)));
            }
        }
        const auto pr = co_await tx.query(named_query("catalog.demo_products"), c[0], c[1], c[2], c[3], c[4], c[5],
                                          c[6], c[7], c[8], c[9], c[10], c[11], c[12], c[13]);
        rows += static_cast<long>(pr.affected_rows());
        if (!v[0].empty()) {
            const auto vr = co_await tx.query(named_query("catalog.demo_variants"), v[0], v[1], v[2], v[3], v[4], v[5]);
            rows += static_cast<long>(vr.affected_rows());
        }
        if (!r[0].empty()) {
            const auto rr = co_await tx.query(named_query("catalog.demo_reviews"), r[0], r[1], r[2], r[3], r[4], r[5]);
            rows += static_cast<long>(rr.affected_rows());
        }
        if (big) {
            std::printf("catalog: %ld/%ld products\n", end, products);
            std::fflush(stdout);
        }
    }
    co_await tx.query(named_query("catalog.demo_rating_totals"));
    co_return rows;
}

}  // namespace

asio::awaitable<bool> has_data(platform::db::Database& db) {
    const auto result = co_await db.query(named_query("catalog.any_exists"));
    co_return result[0].get<bool>("any");
}

asio::awaitable<long> load(platform::db::Database& db, Options options) { return db.transaction(load_all, options); }

}  // namespace superapp::features::catalog::demo
