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

// Writes the row once the wallet's figures moved: its account's figure (the balance, or the held
// total for a held row) after it, and before it.
asio::awaitable<Entry> write(platform::db::Tx& tx, Entry e, const WalletState& after, bool credit) {
    const Money account = e.held ? after.figures.pending : after.figures.balance;
    e.balance_after = account;
    e.balance_before = credit ? account - e.amount : account + e.amount;
    Entry written = co_await WalletRepository::insert_entry(tx, e, after.entries, credit);
    written.wallet = after.figures;
    co_return written;
}

// Takes a settled hold out of the held total with a held debit (a release or a reversal).
asio::awaitable<Entry> unhold(platform::db::Tx& tx, const Entry& hold, std::string description) {
    Entry e;
    e.id = platform::core::ObjectId::generate().to_string();
    e.user_id = hold.user_id;
    e.type = EntryType::cashback;
    e.amount = hold.amount;
    e.description = std::move(description);
    e.source = hold.source;
    e.metadata = hold.metadata;
    e.metadata["hold"] = hold.id;
    e.held = true;
    const std::optional<WalletState> after = co_await WalletRepository::unhold(tx, hold.user_id, hold.amount);
    if (!after) throw std::runtime_error("a pending hold is larger than the wallet's held cashback");
    co_return co_await write(tx, std::move(e), *after, false);
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

asio::awaitable<Entry> Ledger::hold_in(platform::db::Tx& tx, Change change, platform::core::Timestamp release_at) {
    if (change.type != EntryType::cashback) throw std::invalid_argument("only cashback is held");
    change.status = EntryStatus::pending;
    Entry e = entry_for(change);
    e.held = true;
    e.release_at = release_at;
    const WalletState after = co_await WalletRepository::hold(tx, e.user_id, e.amount);
    co_return co_await write(tx, std::move(e), after, true);
}

asio::awaitable<std::optional<Entry>> Ledger::release_in(platform::db::Tx& tx, const std::string& hold_id) {
    // Named: a temporary bound to a reference in a co_await expression is destroyed twice by GCC 12.
    const std::optional<std::string> id = hold_id;
    const std::optional<std::string> by_source;
    const std::optional<Entry> hold = co_await WalletRepository::settle_hold(tx, id, by_source, EntryStatus::completed);
    if (!hold) co_return std::nullopt;
    std::string description = "Cashback released: " + hold->description;
    co_await unhold(tx, *hold, std::move(description));
    Change credit{.user_id = hold->user_id,
                  .type = EntryType::cashback,
                  .amount = hold->amount,
                  .source = hold->source,
                  .description = hold->description,
                  .metadata = hold->metadata};
    credit.metadata["hold"] = hold->id;
    co_return co_await credit_in(tx, std::move(credit));
}

asio::awaitable<std::optional<Entry>> Ledger::reverse_hold_in(platform::db::Tx& tx, const std::string& source_reference,
                                                              std::string description) {
    const std::optional<std::string> by_id;
    const std::optional<std::string> source = source_reference;
    const std::optional<Entry> hold = co_await WalletRepository::settle_hold(tx, by_id, source, EntryStatus::failed);
    if (!hold) co_return std::nullopt;
    co_return co_await unhold(tx, *hold, std::move(description));
}

}  // namespace superapp::features::wallet
