#include "platform/db/connection.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace superapp::platform::db {
namespace {

std::string param(const ConnectSpec& spec, std::string_view key) {
    for (const auto& [k, v] : spec.params()) {
        if (k == key) return v;
    }
    return "<absent>";
}

ConnectSpec spec_for(std::string conninfo, std::chrono::milliseconds query_timeout = std::chrono::seconds(5)) {
    PoolOptions options;
    options.conninfo = std::move(conninfo);
    options.query_timeout = query_timeout;
    return ConnectSpec(options);
}

TEST(ConnectSpec, AddsSessionSettingsBeforeTheCallersOwnOptions) {
    const auto spec = spec_for("postgresql://app:secret@127.0.0.1:5433/shop?options=-c%20search_path%3Dshop");
    EXPECT_EQ(param(spec, "options"), "-c TimeZone=UTC -c DateStyle=ISO -c statement_timeout=5000 -c search_path=shop");
    EXPECT_EQ(param(spec, "client_encoding"), "UTF8");
    EXPECT_EQ(param(spec, "application_name"), "superapp");
    EXPECT_EQ(param(spec, "dbname"), "shop");
    EXPECT_EQ(param(spec, "port"), "5433");
}

TEST(ConnectSpec, ZeroQueryTimeoutDisablesStatementTimeout) {
    EXPECT_EQ(param(spec_for("host=/tmp dbname=x", std::chrono::milliseconds(0)), "options"),
              "-c TimeZone=UTC -c DateStyle=ISO -c statement_timeout=0");
}

TEST(ConnectSpec, KeepsTheCallersApplicationName) {
    EXPECT_EQ(param(spec_for("host=/tmp application_name=worker"), "application_name"), "worker");
}

TEST(ConnectSpec, ResolvesOnlyASingleHostName) {
    EXPECT_EQ(spec_for("postgresql://db.internal:6432/x").resolve_host(), "db.internal");
    EXPECT_EQ(spec_for("postgresql://db.internal:6432/x").resolve_port(), "6432");
    EXPECT_EQ(spec_for("postgresql://localhost/x").resolve_port(), "5432");
    EXPECT_EQ(spec_for("postgresql://127.0.0.1/x").resolve_host(), "");
    EXPECT_EQ(spec_for("host=::1 dbname=x").resolve_host(), "");
    EXPECT_EQ(spec_for("host=/var/run/postgresql dbname=x").resolve_host(), "");
    EXPECT_EQ(spec_for("host=a,b dbname=x").resolve_host(), "");
    EXPECT_EQ(spec_for("host=a hostaddr=10.0.0.1 dbname=x").resolve_host(), "");
}

TEST(ConnectSpec, MalformedConninfoIsRejected) {
    EXPECT_THROW(spec_for("host=x nonsense_keyword=1"), std::invalid_argument);
    EXPECT_THROW(spec_for("postgresql://[::1"), std::invalid_argument);
}

}  // namespace
}  // namespace superapp::platform::db
