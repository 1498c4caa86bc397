#include "features/wallet/repository.hpp"

#include <stdexcept>

namespace superapp::features::wallet {

namespace asio = boost::asio;
using platform::core::Money;
using platform::core::Timestamp;
using platform::db::named_query;
using platform::db::Row;

namespace {

Money money(const Row& row, const char* column) { return Money::from_paise(row.get<std::int64_t>(column)); }

template <class T, class Parse>
T known(std::string_view name, Parse parse) {
    const auto value = parse(name);
    if (!value) throw std::runtime_error("unknown wallet enumeration value in the database");
    return *value;
}

Entry entry_from_row(const Row& row) {
    Entry e;
    e.id = row.get<std::string>("id");
    e.user_id = row.get<std::string>("user_id");
    e.type = known<EntryType>(row.get<std::string_view>("type"), parse_type);
    e.amount = money(row, "amount");
    e.description = row.get<std::string>("description");
    e.source = {row.get<std::string>("source_type"), row.get<std::string>("source_reference")};
    e.status = known<EntryStatus>(row.get<std::string_view>("status"), parse_status);
    e.balance_before = money(row, "balance_before");
    e.balance_after = money(row, "balance_after");
    const auto metadata = row.get<boost::json::value>("metadata");
    if (metadata.is_object()) e.metadata = metadata.as_object();
    e.processed_at = row.get_optional<Timestamp>("processed_at");
    e.created_at = row.get<Timestamp>("created_at");
    e.held = row.get<bool>("held");
    e.release_at = row.get_optional<Timestamp>("release_at");
    return e;
}

Figures figures_from_row(const Row& row) {
    return {money(row, "balance"), money(row, "total_earned"), money(row, "total_spent"), money(row, "pending")};
}

WalletState state_from_row(const Row& row) { return {figures_from_row(row), row.get<std::int64_t>("entries")}; }

Withdrawal withdrawal_from_row(const Row& row) {
    Withdrawal w;
    w.id = row.get<std::string>("id");
    w.user_id = row.get<std::string>("user_id");
    w.amount = money(row, "amount");
    w.payout.method = row.get<std::string>("method");
    w.payout.upi_id = row.get_optional<std::string>("upi_id").value_or("");
    w.payout.account_number = row.get_optional<std::string>("account_number").value_or("");
    w.payout.ifsc = row.get_optional<std::string>("ifsc").value_or("");
    w.payout.account_holder = row.get_optional<std::string>("account_holder").value_or("");
    w.status = known<EntryStatus>(row.get<std::string_view>("status"), parse_status);
    w.reason = row.get_optional<std::string>("reason");
    w.transaction_id = row.get<std::string>("transaction_id");
    w.processed_at = row.get_optional<Timestamp>("processed_at");
    w.created_at = row.get<Timestamp>("created_at");
    w.updated_at = row.get<Timestamp>("updated_at");
    return w;
}

std::optional<std::string> text_or_null(const std::string& text) {
    return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

}  // namespace

asio::awaitable<WalletState> WalletRepository::credit(platform::db::Tx& tx, const std::string& user_id, Money amount,
                                                      Money earned) {
    const auto result = co_await tx.query(named_query("wallet.credit"), user_id, amount.paise(), earned.paise());
    co_return state_from_row(result[0]);
}

asio::awaitable<std::optional<WalletState>> WalletRepository::debit(platform::db::Tx& tx, const std::string& user_id,
                                                                    Money amount, Money spent) {
    const auto result = co_await tx.query(named_query("wallet.debit"), user_id, amount.paise(), spent.paise());
    if (result.empty()) co_return std::nullopt;
    co_return state_from_row(result[0]);
}

asio::awaitable<WalletState> WalletRepository::hold(platform::db::Tx& tx, const std::string& user_id, Money amount) {
    const auto result = co_await tx.query(named_query("wallet.hold"), user_id, amount.paise());
    co_return state_from_row(result[0]);
}

asio::awaitable<std::optional<WalletState>> WalletRepository::unhold(platform::db::Tx& tx, const std::string& user_id,
                                                                     Money amount) {
    const auto result = co_await tx.query(named_query("wallet.unhold"), user_id, amount.paise());
    if (result.empty()) co_return std::nullopt;
    co_return state_from_row(result[0]);
}

asio::awaitable<std::optional<Entry>> WalletRepository::settle_hold(platform::db::Tx& tx,
                                                                    const std::optional<std::string>& id,
                                                                    const std::optional<std::string>& source_reference,
                                                                    EntryStatus status) {
    const auto result = co_await tx.query(named_query("wallet.settle_hold"), id, source_reference, status_name(status));
    if (result.empty()) co_return std::nullopt;
    co_return entry_from_row(result[0]);
}

asio::awaitable<std::vector<std::string>> WalletRepository::due_holds(int limit) {
    const auto result = co_await db_.query(named_query("wallet.due_holds"), limit);
    std::vector<std::string> ids;
    ids.reserve(result.size());
    for (const auto row : result) ids.push_back(row.get<std::string>("id"));
    co_return ids;
}

asio::awaitable<Entry> WalletRepository::insert_entry(platform::db::Tx& tx, const Entry& e, std::int64_t seq,
                                                      bool credit) {
    const auto result =
        co_await tx.query(named_query("wallet.insert_entry"), e.id, e.user_id, seq, type_name(e.type), credit,
                          e.amount.paise(), e.description, e.source.type, e.source.reference, status_name(e.status),
                          e.balance_before.paise(), e.balance_after.paise(), e.metadata, e.held, e.release_at);
    co_return entry_from_row(result[0]);
}

asio::awaitable<std::optional<std::pair<Entry, Figures>>> WalletRepository::settle_entry(platform::db::Tx& tx,
                                                                                         const std::string& id,
                                                                                         EntryStatus status) {
    const auto result = co_await tx.query(named_query("wallet.set_entry_status"), id, status_name(status));
    if (result.empty()) co_return std::nullopt;
    co_return std::pair{entry_from_row(result[0]), figures_from_row(result[0])};
}

asio::awaitable<Withdrawal> WalletRepository::insert_withdrawal(platform::db::Tx& tx, const Withdrawal& w) {
    const auto result =
        co_await tx.query(named_query("wallet.insert_withdrawal"), w.id, w.user_id, w.amount.paise(), w.payout.method,
                          text_or_null(w.payout.upi_id), text_or_null(w.payout.account_number),
                          text_or_null(w.payout.ifsc), text_or_null(w.payout.account_holder), w.transaction_id);
    co_return withdrawal_from_row(result[0]);
}

asio::awaitable<std::optional<Withdrawal>> WalletRepository::decide_withdrawal(
    platform::db::Tx& tx, const std::string& id, EntryStatus status, const std::optional<std::string>& reason) {
    const auto result = co_await tx.query(named_query("wallet.decide_withdrawal"), id, status_name(status), reason);
    if (result.empty()) co_return std::nullopt;
    co_return withdrawal_from_row(result[0]);
}

asio::awaitable<std::optional<Withdrawal>> WalletRepository::find_withdrawal(platform::db::Tx& tx,
                                                                             const std::string& id) {
    const auto result = co_await tx.query(named_query("wallet.find_withdrawal"), id);
    if (result.empty()) co_return std::nullopt;
    co_return withdrawal_from_row(result[0]);
}

asio::awaitable<std::pair<Figures, Money>> WalletRepository::figures(const std::string& user_id) {
    const auto result = co_await db_.query(named_query("wallet.figures"), user_id);
    co_return std::pair{figures_from_row(result[0]), money(result[0], "pending_withdrawals")};
}

asio::awaitable<std::vector<Entry>> WalletRepository::list_entries(const EntryQuery& q) {
    std::optional<Timestamp> at;
    std::optional<std::string> id;
    if (q.after) {
        at = q.after->created_at;
        id = q.after->id;
    }
    const auto result = co_await db_.query(named_query("wallet.list_entries"), q.user_id, q.type, q.status, q.from,
                                           q.before, at, id, q.limit);
    std::vector<Entry> items;
    items.reserve(result.size());
    for (const auto row : result) items.push_back(entry_from_row(row));
    co_return items;
}

asio::awaitable<std::vector<Withdrawal>> WalletRepository::list_withdrawals(const WithdrawalQuery& q) {
    std::optional<Timestamp> at;
    std::optional<std::string> id;
    if (q.after) {
        at = q.after->created_at;
        id = q.after->id;
    }
    const auto result = co_await db_.query(named_query("wallet.list_withdrawals"), q.status, at, id, q.limit);
    std::vector<Withdrawal> items;
    items.reserve(result.size());
    for (const auto row : result) items.push_back(withdrawal_from_row(row));
    co_return items;
}

asio::awaitable<std::vector<LedgerCheck>> WalletRepository::check_all() {
    const auto result = co_await db_.query(named_query("wallet.verify"));
    std::vector<LedgerCheck> checks;
    checks.reserve(result.size());
    for (const auto row : result) {
        LedgerCheck c;
        c.user_id = row.get<std::string>("user_id");
        c.has_wallet = row.get<bool>("has_wallet");
        c.wallet = {money(row, "wallet_balance"), money(row, "wallet_total_earned"), money(row, "wallet_total_spent"),
                    money(row, "wallet_pending")};
        c.wallet_entries = row.get<std::int64_t>("wallet_entries");
        c.ledger = {money(row, "ledger_balance"), money(row, "ledger_total_earned"), money(row, "ledger_total_spent"),
                    money(row, "ledger_pending")};
        c.ledger_entries = row.get<std::int64_t>("ledger_entries");
        c.open_holds = money(row, "ledger_open_holds");
        c.last_balance_after = money(row, "last_balance_after");
        c.last_pending_after = money(row, "last_pending_after");
        c.first_break = row.get_optional<std::string>("first_break");
        checks.push_back(std::move(c));
    }
    co_return checks;
}

}  // namespace superapp::features::wallet
