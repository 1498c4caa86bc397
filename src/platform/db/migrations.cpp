#include "platform/db/migrations.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <boost/json/array.hpp>
#include <chrono>
#include <cstdint>

#include "platform/core/log.hpp"

namespace superapp::platform::db::migrations {

namespace asio = boost::asio;

namespace {

// pg_advisory_xact_lock key shared by every process of this application ("superapp" in ASCII).
constexpr std::int64_t kLockKey = 0x7375706572617070;
// A migration may rebuild an index over a big table, or wait for another process's migration.
constexpr auto kMigrationTimeout = std::chrono::minutes(15);

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version text PRIMARY KEY,"
    " checksum text NOT NULL,"
    " applied_at timestamptz NOT NULL DEFAULT now())";

struct Applied {
    std::string version;
    std::string checksum;
};

std::vector<EmbeddedSql> sorted(const std::vector<EmbeddedSql>& migrations) {
    std::vector<EmbeddedSql> out = migrations;
    std::sort(out.begin(), out.end(), [](const EmbeddedSql& a, const EmbeddedSql& b) { return a.name < b.name; });
    return out;
}

asio::awaitable<std::vector<Applied>> read_applied(Database& db) {
    Result table = co_await db.execute("SELECT to_regclass('schema_migrations') IS NOT NULL");
    std::vector<Applied> applied;
    if (!table[0].get<bool>(0)) co_return applied;
    Result rows = co_await db.execute("SELECT version, checksum FROM schema_migrations ORDER BY version");
    for (const Row row : rows) applied.push_back({row.get<std::string>(0), row.get<std::string>(1)});
    co_return applied;
}

MigrationStatus compare(const std::vector<EmbeddedSql>& known, const std::vector<Applied>& applied) {
    MigrationStatus status;
    for (const auto& a : applied) {
        status.applied.push_back(a.version);
        auto it = std::find_if(known.begin(), known.end(), [&](const EmbeddedSql& m) { return m.name == a.version; });
        if (it == known.end())
            status.unknown.push_back(a.version);
        else if (sha256_hex(it->text) != a.checksum)
            status.changed.push_back(a.version);
    }
    for (const auto& m : known) {
        const bool done =
            std::any_of(applied.begin(), applied.end(), [&](const Applied& a) { return a.version == m.name; });
        if (!done) status.pending.emplace_back(m.name);
    }
    return status;
}

std::string changed_message(const std::string& version) {
    return "migration " + version +
           " was edited after it was applied (its checksum differs from schema_migrations); restore it and "
           "add a new migration instead";
}

asio::awaitable<void> lock_for_migrations(Tx& tx) {
    co_await tx.set_statement_timeout(kMigrationTimeout);
    co_await tx.execute("SELECT pg_advisory_xact_lock($1)", kLockKey);
}

asio::awaitable<void> create_table(Tx& tx) {
    co_await lock_for_migrations(tx);
    co_await tx.execute_script(kCreateTable);
}

// Returns false when another process applied the migration while this one waited for the lock.
asio::awaitable<bool> apply_one(Tx& tx, const std::string& version, const std::string& text,
                                const std::string& checksum) {
    co_await lock_for_migrations(tx);
    Result existing = co_await tx.execute("SELECT checksum FROM schema_migrations WHERE version = $1", version);
    if (!existing.empty()) {
        if (existing[0].get<std::string>(0) != checksum) throw MigrationError(changed_message(version));
        co_return false;
    }
    co_await tx.execute_script(text);
    co_await tx.execute("INSERT INTO schema_migrations (version, checksum) VALUES ($1, $2)", version, checksum);
    co_return true;
}

}  // namespace

std::string sha256_hex(std::string_view text) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
        throw std::runtime_error("SHA-256 failed");
    }
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(length * 2);
    for (unsigned int i = 0; i < length; ++i) {
        out += kHex[digest[i] >> 4];
        out += kHex[digest[i] & 0x0f];
    }
    return out;
}

asio::awaitable<MigrationStatus> status(Database& db, const std::vector<EmbeddedSql>& migrations) {
    const auto known = sorted(migrations);
    const auto applied = co_await read_applied(db);
    co_return compare(known, applied);
}

asio::awaitable<std::vector<std::string>> apply_pending(Database& db, const std::vector<EmbeddedSql>& migrations) {
    const auto known = sorted(migrations);
    co_await db.transaction(create_table);
    const MigrationStatus before = compare(known, co_await read_applied(db));
    if (!before.changed.empty()) throw MigrationError(changed_message(before.changed.front()));
    if (!before.unknown.empty()) {
        boost::json::array versions;
        for (const auto& v : before.unknown) versions.emplace_back(v);
        core::log::warn("the database has migrations this binary does not know", {{"versions", versions}});
    }

    std::vector<std::string> applied_now;
    for (const auto& name : before.pending) {
        const auto& migration =
            *std::find_if(known.begin(), known.end(), [&](const EmbeddedSql& m) { return m.name == name; });
        const auto started = std::chrono::steady_clock::now();
        const bool applied =
            co_await db.transaction(apply_one, name, std::string(migration.text), sha256_hex(migration.text));
        if (!applied) continue;
        const auto ms =
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
        core::log::info("migration applied", {{"version", name}, {"ms", ms.count()}});
        applied_now.push_back(name);
    }
    co_return applied_now;
}

}  // namespace superapp::platform::db::migrations
