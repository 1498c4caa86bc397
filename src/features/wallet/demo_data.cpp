#include "features/wallet/demo_data.hpp"

#include "features/users/demo_data.hpp"
#include "features/wallet/ledger.hpp"

namespace superapp::features::wallet::demo {

namespace asio = boost::asio;
using platform::core::Money;
using platform::db::named_query;

namespace {

struct DemoRow {
    std::string_view user_id;
    EntryType type;
    std::int64_t paise;
    std::string_view source_type;
    std::string_view reference;
    std::string_view description;
};

// In posting order; the spending and cashback rows refer to fixed order ids.
constexpr DemoRow kRows[] = {
    {users::demo::kUserId, EntryType::earning, 500'00, "project", "64b7f0a1c2d3e4f5a6b7d001",
     "Reward for reviewing a store"},
    {users::demo::kUserId, EntryType::earning, 250'00, "referral", "64b7f0a1c2d3e4f5a6b7d002", "Referral bonus"},
    {users::demo::kUserId, EntryType::spending, 349'00, "order", "64b7f0a1c2d3e4f5a6b7d003", "Order paid from wallet"},
    {users::demo::kUserId, EntryType::cashback, 17'45, "cashback", "64b7f0a1c2d3e4f5a6b7d003",
     "5% cashback on your order"},
    {users::demo::kMerchantId, EntryType::earning, 1200'00, "project", "64b7f0a1c2d3e4f5a6b7d004",
     "Reward for a product video"},
};

asio::awaitable<long> post_all(platform::db::Tx& tx) {
    long rows = 0;
    for (const DemoRow& r : kRows) {
        Change change{.user_id = std::string(r.user_id),
                      .type = r.type,
                      .amount = Money::from_paise(r.paise),
                      .source = {std::string(r.source_type), std::string(r.reference)},
                      .description = std::string(r.description)};
        if (r.type == EntryType::spending) {
            co_await Ledger::debit_in(tx, std::move(change));
        } else {
            co_await Ledger::credit_in(tx, std::move(change));
        }
        ++rows;
    }
    co_return rows;
}

}  // namespace

asio::awaitable<bool> has_data(platform::db::Database& db) {
    const auto result = co_await db.query(named_query("wallet.any_exists"));
    co_return result[0].get<bool>("any");
}

asio::awaitable<long> load(platform::db::Database& db) {
    const bool seeded = co_await has_data(db);
    if (seeded) co_return 0;  // posting again would add to the balances
    co_return co_await db.transaction(post_all);
}

}  // namespace superapp::features::wallet::demo
