#include "features/users/demo_data.hpp"

namespace superapp::features::users::demo {

namespace asio = boost::asio;
using platform::db::named_query;

namespace {

struct DemoUser {
    std::string_view id, phone, email, role, first_name, last_name, gender, city, state, pincode;
    double longitude, latitude;
};

constexpr DemoUser kUsers[] = {
    {kAdminId, "+919999900001", "priya.admin@example.com", "admin", "Priya", "Sharma", "female", "Bengaluru",
     "Karnataka", "560001", 77.5946, 12.9716},
    {kMerchantId, "+919999900002", "ravi.store@example.com", "merchant", "Ravi", "Kumar", "male", "Mumbai",
     "Maharashtra", "400001", 72.8777, 19.0760},
    {kUserId, "+919999900003", "ananya@example.com", "user", "Ananya", "Iyer", "female", "Chennai", "Tamil Nadu",
     "600001", 80.2707, 13.0827},
};

asio::awaitable<long> insert_all(platform::db::Tx& tx) {
    long rows = 0;
    for (const DemoUser& u : kUsers) {
        const auto result =
            co_await tx.query(named_query("users.demo_insert"), u.id, u.phone, u.email, u.role, u.first_name,
                              u.last_name, u.gender, u.city, u.state, u.pincode, u.longitude, u.latitude);
        rows += static_cast<long>(result.affected_rows());
    }
    co_return rows;
}

}  // namespace

asio::awaitable<bool> has_data(platform::db::Database& db) {
    const auto result = co_await db.query(named_query("users.any_exists"));
    co_return result[0].get<bool>("any");
}

asio::awaitable<long> load(platform::db::Database& db) { return db.transaction(insert_all); }

}  // namespace superapp::features::users::demo
