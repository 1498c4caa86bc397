#include "features/wallet/ledger.hpp"

#include <stdexcept>

#include "features/wallet/model.hpp"
#include "features/wallet/repository.hpp"
#include "platform/core/object_id.hpp"
#include "platform/http/api_error.hpp"

namespace superapp::features::wallet {

namespace asio = boost::asio;
using platform::core::Money;

namespace {

// A ledger row for `change`, before its balances are known.
Entry entry_for(Change& change) {
    if (change.amount <= Money()) throw std::invalid_argument("a ledger change needs a positive amount");
    Entry e;
    e.id = platform::core::ObjectId::generate().to_string();
    e.user_id = std::move(change.user_id);
    e.type = change.type;
    e.amount = change.amount;
    e.description = std::move(change.description);
    e.source = std::move(change.source);
    e.status = change.status;
    e.metadata = std::move(change.metadata);
    return e;
}

asio::awaitable<Entry> write(platform::db::Tx& tx, Entry e, const WalletState& after, bool credit) {
    e.balance_after = after.figures.balance;
    e.balance_before = credit ? after.figures.balance - e.amount : after.figures.balance + e.amount;
    Entry written = co_await WalletRepository::insert_entry(tx, e, after.entries, credit);
    written.total_earned = after.figures.total_earned;
    written.total_spent = after.figures.total_spent;
    co_return written;
}

}  // namespace

asio::awaitable<Entry> Ledger::credit_in(platform::db::Tx& tx, Change change) {
    if (!may_credit(change.type)) throw std::invalid_argument("this ledger entry type does not credit");
    Entry e = entry_for(change);
    const bool earned = e.type == EntryType::earning || e.type == EntryType::cashback;
    const WalletState after = co_await WalletRepository::credit(tx, e.user_id, e.amount, earned ? e.amount : Money());
    co_return co_await write(tx, std::move(e), after, true);
}

asio::awaitable<Entry> Ledger::debit_in(platform::db::Tx& tx, Change change) {
    if (!may_debit(change.type)) throw std::invalid_argument("this ledger entry type does not debit");
    Entry e = entry_for(change);
    const Money spent = e.type == EntryType::spending ? e.amount : Money();
    const std::optional<WalletState> after = co_await WalletRepository::debit(tx, e.user_id, e.amount, spent);
    if (!after) {
        throw platform::http::ApiError::conflict("the wallet balance is smaller than " + e.amount.to_string() + " INR",
                                                 "INSUFFICIENT_BALANCE");
    }
    co_return co_await write(tx, std::move(e), *after, false);
}

}  // namespace superapp::features::wallet
