#pragma once
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "features/auth/otp.hpp"
#include "features/auth/session_registry.hpp"
#include "platform/db/database.hpp"

namespace superapp::features::auth {

using platform::core::Timestamp;

/// A refresh token as stored (found by its hash).
struct StoredRefresh {
    std::string family_id;
    std::string user_id;
    Timestamp expires_at{};
    std::optional<Timestamp> used_at;
    std::optional<Timestamp> revoked_at;
};

/// One refresh token and the access token issued with it, to be stored.
struct NewRefresh {
    std::string token_hash;
    std::string family_id;
    std::string user_id;
    std::string access_jti;
    Timestamp access_expires_at{};
    Timestamp created_at{};
    Timestamp expires_at{};
};

/// The only code that runs the auth feature's SQL. The functions taking a Tx run inside the
/// caller's transaction; the others run alone. Shard thread; throws DbError.
namespace repository {

using platform::db::Database;
using platform::db::Tx;

/// Holds the number's lock until the transaction ends.
boost::asio::awaitable<void> lock_phone(Tx& tx, const std::string& e164);
boost::asio::awaitable<otp::SendHistory> send_history(Tx& tx, const std::string& e164, const std::string& ip,
                                                      Timestamp now);
/// Records a send and returns its id.
boost::asio::awaitable<std::int64_t> record_send(Tx& tx, const std::string& e164, const std::string& ip, Timestamp now);
boost::asio::awaitable<void> purge_sends(Tx& tx, Timestamp before);
/// Forgets a send that did not happen.
boost::asio::awaitable<void> forget_send(Database& db, std::int64_t id);
/// Makes `hash` the number's live code, replacing any other.
boost::asio::awaitable<void> replace_code(Database& db, const std::string& e164, const std::string& hash,
                                          Timestamp expires_at, Timestamp now);
/// The number's live code, locked for this transaction.
boost::asio::awaitable<std::optional<otp::StoredCode>> code_for_update(Tx& tx, const std::string& e164);
/// Counts a wrong try and returns the tries so far.
boost::asio::awaitable<int> count_wrong_try(Tx& tx, const std::string& e164);
boost::asio::awaitable<void> delete_code(Tx& tx, const std::string& e164);

/// The family and user of a refresh token, read without locking.
struct RefreshOwner {
    std::string family_id;
    std::string user_id;
};

boost::asio::awaitable<void> insert_refresh(Database& db, const NewRefresh& token);
boost::asio::awaitable<void> insert_refresh(Tx& tx, const NewRefresh& token);
boost::asio::awaitable<std::optional<StoredRefresh>> refresh_for_update(Tx& tx, const std::string& token_hash);
boost::asio::awaitable<void> mark_refresh_used(Tx& tx, const std::string& token_hash, Timestamp now);
/// Holds the family's lock until the transaction ends; rotation and revocation both take it
/// before touching the family's rows, so a revocation never misses a token being added.
boost::asio::awaitable<void> lock_family(Tx& tx, const std::string& family_id);
/// Revokes the family's refresh tokens; false when none was live (revoked already).
boost::asio::awaitable<bool> revoke_family(Tx& tx, const std::string& family_id, Timestamp now);
boost::asio::awaitable<std::optional<RefreshOwner>> refresh_owner(Database& db, const std::string& token_hash);
boost::asio::awaitable<void> purge_refresh(Database& db, Timestamp before);

/// Records the family's revocation for every process; returns the time it counts from.
boost::asio::awaitable<Timestamp> record_revocation(Tx& tx, const std::string& family_id, const std::string& user_id,
                                                    EndReason reason);
/// The revocations recorded in the last `within` (by the database's clock), oldest first.
boost::asio::awaitable<std::vector<Revocation>> recent_revocations(Database& db, std::chrono::seconds within);
/// Removes (a batch of) the revocations older than `older_than`.
boost::asio::awaitable<void> purge_revocations(Database& db, std::chrono::seconds older_than);

}  // namespace repository
}  // namespace superapp::features::auth
