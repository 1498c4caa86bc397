#include "platform/core/env.hpp"

#include <gtest/gtest.h>

#include "platform/core/config.hpp"

namespace superapp::platform::core {
namespace {

TEST(Dotenv, ParsesCommentsExportAndQuotes) {
    auto values = Env::parse_dotenv("# comment\nPORT=9000\nexport HOST=0.0.0.0\nA=\"x # y\"\nB='z'\nC=plain # note\n");
    EXPECT_EQ(values["PORT"], "9000");
    EXPECT_EQ(values["HOST"], "0.0.0.0");
    EXPECT_EQ(values["A"], "x # y");
    EXPECT_EQ(values["B"], "z");
    EXPECT_EQ(values["C"], "plain");
}

TEST(Dotenv, MalformedLineIsNamed) {
    try {
        Env::parse_dotenv("GOOD=1\nnot a setting\n");
        FAIL();
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos);
    }
}

Env env_of(std::initializer_list<std::pair<std::string, std::string>> values) {
    Env env;
    for (const auto& [k, v] : values) env.set(k, v);
    return env;
}

TEST(Config, DefaultsAreSafeForLocalUse) {
    Config c = load_config(env_of({}));
    EXPECT_EQ(c.host, "127.0.0.1");
    EXPECT_EQ(c.port, 8080);
    EXPECT_EQ(c.max_body_bytes, 1024u * 1024u);
}

TEST(Config, InvalidValuesAreRefusedNamingEachVariable) {
    try {
        load_config(env_of({{"PORT", "80a"}, {"IO_THREADS", "0"}, {"LOG_LEVEL", "loud"}}));
        FAIL();
    } catch (const ConfigError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("PORT"), std::string::npos);
        EXPECT_NE(message.find("IO_THREADS"), std::string::npos);
        EXPECT_NE(message.find("LOG_LEVEL"), std::string::npos);
    }
}

TEST(Config, ProductionRefusesTheDefaultJwtSecret) {
    EXPECT_THROW(load_config(env_of({{"APP_ENV", "production"}, {"METRICS_PORT", "9100"}})), ConfigError);
    EXPECT_NO_THROW(load_config(
        env_of({{"APP_ENV", "production"}, {"JWT_SECRET", std::string(40, 'k')}, {"METRICS_PORT", "9100"}})));
}

TEST(Config, ProductionNeedsAMetricsTokenOrPort) {
    const std::string secret(40, 'k');
    try {
        load_config(env_of({{"APP_ENV", "production"}, {"JWT_SECRET", secret}}));
        FAIL() << "an open /metrics in production";
    } catch (const ConfigError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("METRICS_TOKEN"), std::string::npos) << message;
        EXPECT_NE(message.find("METRICS_PORT"), std::string::npos) << message;
    }
    const Config with_token = load_config(
        env_of({{"APP_ENV", "production"}, {"JWT_SECRET", secret}, {"METRICS_TOKEN", "scrape-token-0123456789"}}));
    EXPECT_EQ(with_token.metrics_token, "scrape-token-0123456789");
    EXPECT_EQ(with_token.metrics_port, 0);
    const Config with_port = load_config(
        env_of({{"APP_ENV", "production"}, {"JWT_SECRET", secret}, {"METRICS_PORT", "9100"}, {"HOST", "10.0.0.5"}}));
    EXPECT_EQ(with_port.metrics_port, 9100);
    EXPECT_EQ(with_port.metrics_host, "127.0.0.1") << "loopback by default, whatever HOST is";
}

TEST(Config, MetricsSettingsAreChecked) {
    EXPECT_THROW(load_config(env_of({{"METRICS_TOKEN", "short"}})), ConfigError);
    EXPECT_THROW(load_config(env_of({{"METRICS_TOKEN", "has a space in it, 0123456789"}})), ConfigError);
    EXPECT_THROW(load_config(env_of({{"METRICS_PORT", "0"}})), ConfigError);
    EXPECT_THROW(load_config(env_of({{"METRICS_PORT", "70000"}})), ConfigError);
    EXPECT_EQ(load_config(env_of({{"METRICS_HOST", "0.0.0.0"}})).metrics_host, "0.0.0.0");
}

TEST(Config, CorsOriginsAreParsedAndChecked) {
    Config c = load_config(env_of({{"CORS_ORIGINS", "https://a.example, http://localhost:3000"}}));
    ASSERT_EQ(c.cors_origins.size(), 2u);
    EXPECT_EQ(c.cors_origins[1], "http://localhost:3000");
    EXPECT_THROW(load_config(env_of({{"CORS_ORIGINS", "a.example"}})), ConfigError);
}

TEST(RedactUrl, HidesThePassword) {
    EXPECT_EQ(redact_url("postgresql://app:s3cret@db:5432/x"), "postgresql://app:***@db:5432/x");
    EXPECT_EQ(redact_url("postgresql://app@db/x"), "postgresql://app@db/x");
}

}  // namespace
}  // namespace superapp::platform::core
