#include "features/wallet/model.hpp"

#include <array>
#include <utility>

#include "platform/core/json_fields.hpp"

namespace superapp::features::wallet {

using platform::core::time_or_null;

namespace json = boost::json;

namespace {

// Also listed in db/migrations/0020_wallet.sql and docs/openapi.yaml (WalletTransaction).
constexpr std::array<std::pair<EntryType, std::string_view>, 6> kTypes = {{
    {EntryType::earning, "earning"},
    {EntryType::spending, "spending"},
    {EntryType::refund, "refund"},
    {EntryType::withdrawal, "withdrawal"},
    {EntryType::cashback, "cashback"},
    {EntryType::adjustment, "adjustment"},
}};
constexpr std::array<std::pair<EntryStatus, std::string_view>, 3> kStatuses = {{
    {EntryStatus::pending, "pending"},
    {EntryStatus::completed, "completed"},
    {EntryStatus::failed, "failed"},
}};

template <class E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& names, E value) {
    for (const auto& [v, name] : names) {
        if (v == value) return name;
    }
    return {};
}

template <class E, std::size_t N>
std::optional<E> value_of(const std::array<std::pair<E, std::string_view>, N>& names, std::string_view name) {
    for (const auto& [v, n] : names) {
        if (n == name) return v;
    }
    return std::nullopt;
}

json::value text_or_null(const std::string& text) { return text.empty() ? json::value(nullptr) : json::value(text); }

}  // namespace

std::string_view type_name(EntryType type) { return name_of(kTypes, type); }
std::optional<EntryType> parse_type(std::string_view name) { return value_of(kTypes, name); }
std::string_view status_name(EntryStatus status) { return name_of(kStatuses, status); }
std::optional<EntryStatus> parse_status(std::string_view name) { return value_of(kStatuses, name); }

bool may_credit(EntryType type) {
    return type == EntryType::earning || type == EntryType::refund || type == EntryType::cashback ||
           type == EntryType::adjustment;
}

bool may_debit(EntryType type) {
    return type == EntryType::spending || type == EntryType::withdrawal || type == EntryType::adjustment;
}

json::object entry_json(const Entry& e) {
    return {{"_id", e.id},
            {"user", e.user_id},
            {"type", type_name(e.type)},
            {"amount", e.amount.to_json()},
            {"description", e.description},
            {"source", json::object{{"type", e.source.type}, {"reference", e.source.reference}}},
            {"status", status_name(e.status)},
            {"balanceBefore", e.balance_before.to_json()},
            {"balanceAfter", e.balance_after.to_json()},
            {"metadata", e.metadata},
            {"processedAt", time_or_null(e.processed_at)},
            {"createdAt", platform::core::to_iso8601(e.created_at)},
            {"account", e.held ? "pending" : "balance"},
            {"releaseAt", time_or_null(e.release_at)}};
}

json::object withdrawal_json(const Withdrawal& w) {
    return {{"_id", w.id},
            {"user", w.user_id},
            {"amount", w.amount.to_json()},
            {"method", w.payout.method},
            {"upiId", text_or_null(w.payout.upi_id)},
            {"accountNumber", text_or_null(w.payout.account_number)},
            {"ifsc", text_or_null(w.payout.ifsc)},
            {"accountHolder", text_or_null(w.payout.account_holder)},
            {"status", status_name(w.status)},
            {"reason", w.reason ? json::value(*w.reason) : json::value(nullptr)},
            {"transaction", w.transaction_id},
            {"processedAt", time_or_null(w.processed_at)},
            {"createdAt", platform::core::to_iso8601(w.created_at)},
            {"updatedAt", platform::core::to_iso8601(w.updated_at)}};
}

platform::realtime::Event wallet_update(const Figures& figures, const Entry& entry) {
    return {{"user:" + entry.user_id},
            "wallet_update",
            json::object{{"balance", figures.balance.to_json()},
                         {"pending", figures.pending.to_json()},
                         {"totalEarned", figures.total_earned.to_json()},
                         {"totalSpent", figures.total_spent.to_json()},
                         {"transaction", entry_json(entry)}}};
}

platform::realtime::Event wallet_update_event(const Entry& entry) { return wallet_update(entry.wallet, entry); }

}  // namespace superapp::features::wallet
