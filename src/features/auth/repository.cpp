#include "features/auth/repository.hpp"

namespace superapp::features::auth::repository {

namespace asio = boost::asio;
using platform::db::named_query;

asio::awaitable<void> lock_phone(Tx& tx, const std::string& e164) {
    co_await tx.query(named_query("auth.otp_lock_phone"), e164);
}

asio::awaitable<otp::SendHistory> send_history(Tx& tx, const std::string& e164, const std::string& ip, Timestamp now) {
    const auto result = co_await tx.query(named_query("auth.otp_send_history"), e164, ip, now - std::chrono::hours(1));
    const auto row = result[0];
    otp::SendHistory h;
    h.last_to_phone = row.get_optional<Timestamp>("last_to_phone");
    h.phone_last_hour = static_cast<int>(row.get<std::int64_t>("phone_count"));
    h.oldest_phone_in_hour = row.get_optional<Timestamp>("phone_oldest");
    h.ip_last_hour = static_cast<int>(row.get<std::int64_t>("ip_count"));
    h.oldest_ip_in_hour = row.get_optional<Timestamp>("ip_oldest");
    co_return h;
}

asio::awaitable<std::int64_t> record_send(Tx& tx, const std::string& e164, const std::string& ip, Timestamp now) {
    const auto result = co_await tx.query(named_query("auth.otp_send_insert"), e164, ip, now);
    co_return result[0].get<std::int64_t>("id");
}

asio::awaitable<void> purge_sends(Tx& tx, Timestamp before) {
    co_await tx.query(named_query("auth.otp_sends_purge"), before);
}

asio::awaitable<void> forget_send(Database& db, std::int64_t id) {
    co_await db.query(named_query("auth.otp_send_delete"), id);
}

asio::awaitable<void> replace_code(Database& db, const std::string& e164, const std::string& hash, Timestamp expires_at,
                                   Timestamp now) {
    co_await db.query(named_query("auth.otp_code_replace"), e164, hash, expires_at, now);
}

asio::awaitable<std::optional<otp::StoredCode>> code_for_update(Tx& tx, const std::string& e164) {
    const auto result = co_await tx.query(named_query("auth.otp_code_for_update"), e164);
    if (result.empty()) co_return std::nullopt;
    const auto row = result[0];
    co_return otp::StoredCode{row.get<std::string>("code_hash"), row.get<Timestamp>("expires_at"),
                              row.get<std::int32_t>("attempts")};
}

asio::awaitable<int> count_wrong_try(Tx& tx, const std::string& e164) {
    const auto result = co_await tx.query(named_query("auth.otp_code_count_wrong"), e164);
    co_return result.empty() ? 0 : result[0].get<std::int32_t>("attempts");
}

asio::awaitable<void> delete_code(Tx& tx, const std::string& e164) {
    co_await tx.query(named_query("auth.otp_code_delete"), e164);
}

asio::awaitable<void> insert_refresh(Database& db, const NewRefresh& t) {
    co_await db.query(named_query("auth.refresh_insert"), t.token_hash, t.family_id, t.user_id, t.access_jti,
                      t.access_expires_at, t.created_at, t.expires_at);
}

asio::awaitable<void> insert_refresh(Tx& tx, const NewRefresh& t) {
    co_await tx.query(named_query("auth.refresh_insert"), t.token_hash, t.family_id, t.user_id, t.access_jti,
                      t.access_expires_at, t.created_at, t.expires_at);
}

asio::awaitable<std::optional<StoredRefresh>> refresh_for_update(Tx& tx, const std::string& token_hash) {
    const auto result = co_await tx.query(named_query("auth.refresh_for_update"), token_hash);
    if (result.empty()) co_return std::nullopt;
    const auto row = result[0];
    co_return StoredRefresh{row.get<std::string>("family_id"), row.get<std::string>("user_id"),
                            row.get<Timestamp>("expires_at"), row.get_optional<Timestamp>("used_at"),
                            row.get_optional<Timestamp>("revoked_at")};
}

asio::awaitable<void> mark_refresh_used(Tx& tx, const std::string& token_hash, Timestamp now) {
    co_await tx.query(named_query("auth.refresh_mark_used"), token_hash, now);
}

asio::awaitable<bool> revoke_family(Tx& tx, const std::string& family_id, Timestamp now) {
    const auto result = co_await tx.query(named_query("auth.family_revoke"), family_id, now);
    co_return result[0].get<std::int64_t>("revoked") > 0;
}

asio::awaitable<void> lock_family(Tx& tx, const std::string& family_id) {
    co_await tx.query(named_query("auth.family_lock"), family_id);
}

asio::awaitable<std::optional<RefreshOwner>> refresh_owner(Database& db, const std::string& token_hash) {
    const auto result = co_await db.query(named_query("auth.refresh_owner"), token_hash);
    if (result.empty()) co_return std::nullopt;
    co_return RefreshOwner{result[0].get<std::string>("family_id"), result[0].get<std::string>("user_id")};
}

asio::awaitable<void> purge_refresh(Database& db, Timestamp before) {
    co_await db.query(named_query("auth.refresh_purge"), before);
}

asio::awaitable<Timestamp> record_revocation(Tx& tx, const std::string& family_id, const std::string& user_id,
                                             EndReason reason) {
    const auto result =
        co_await tx.query(named_query("auth.revocation_insert"), family_id, user_id, std::string(reason_name(reason)));
    co_return result[0].get<Timestamp>("created_at");
}

asio::awaitable<std::vector<Revocation>> recent_revocations(Database& db, std::chrono::seconds within) {
    const auto result = co_await db.query(named_query("auth.revocations_recent"), std::int64_t{within.count()});
    std::vector<Revocation> out;
    out.reserve(result.size());
    for (std::size_t i = 0; i < result.size(); ++i) {
        const auto row = result[i];
        const auto reason = parse_reason(row.get<std::string_view>("reason"));
        if (!reason) continue;  // the table's CHECK allows none other
        Revocation r;
        r.family_id = row.get_optional<std::string>("family_id").value_or("");
        r.user_id = row.get<std::string>("user_id");
        r.version = row.get_optional<std::int64_t>("version");
        r.reason = *reason;
        r.at = row.get<Timestamp>("created_at");
        out.push_back(std::move(r));
    }
    co_return out;
}

asio::awaitable<void> purge_revocations(Database& db, std::chrono::seconds older_than) {
    co_await db.query(named_query("auth.revocations_purge"), std::int64_t{older_than.count()});
}

}  // namespace superapp::features::auth::repository
