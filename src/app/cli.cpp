#include "app/cli.hpp"

#include <cstdio>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>

#include "app/commands.hpp"
#include "platform/core/config.hpp"

namespace superapp::app {
namespace {

struct Command {
    std::string_view name;
    std::string_view summary;
    std::string_view usage;
    std::set<std::string_view> flags;
    std::set<std::string_view> options = {};      ///< take a value: "--phone X" or "--phone=X"
    std::set<std::string_view> subcommands = {};  ///< the first plain argument, if any
    bool options_optional = false;                ///< the options may be left out
};

const Command kCommands[] = {
    {"serve",
     "serve the HTTP API until SIGTERM or SIGINT",
     "usage: superapp serve\n\nConfigured by the environment (and .env): PORT, HOST, DATABASE_URL, DB_POOL_MAX,\n"
     "REDIS_URL, JWT_SECRET, CORS_ORIGINS, LOG_LEVEL, APP_ENV, IO_THREADS, MAX_BODY_BYTES,\n"
     "REQUEST_TIMEOUT_MS, IDLE_TIMEOUT_MS, MAX_CONNECTIONS, MIGRATE_ON_START, TRUST_PROXY; login:\n"
     "OTP_PROVIDER, SMS_GATEWAY_URL, SMS_API_KEY, OTP_TEST_NUMBERS, OTP_SECRET, DEFAULT_COUNTRY_CODE,\n"
     "ADMIN_PHONES, OTP_PER_PHONE_PER_HOUR, OTP_PER_IP_PER_HOUR, OTP_TTL_SECONDS, OTP_RESEND_SECONDS;\n"
     "uploads: UPLOAD_DIR; notifications: NOTIFICATION_SWEEP_MS, NOTIFICATION_BATCH_SIZE;\n"
     "wallet: WALLET_MIN_WITHDRAWAL; "
     "Idempotency-Key purge: IDEMPOTENCY_PURGE_MS; earn: EARN_EXPIRY_SWEEP_MS, EARN_MAX_IMAGE_BYTES,\n"
     "EARN_MAX_VIDEO_BYTES.\n"
     "Refuses to start with pending migrations unless MIGRATE_ON_START=1.\n",
     {}},
    {"migrate",
     "apply pending database migrations",
     "usage: superapp migrate [--status]\n\n  --status  list applied and pending migrations without applying any\n",
     {"--status"}},
    {"seed",
     "load demo data",
     "usage: superapp seed [--if-empty] [--seed N] [--scale small|N]\n\n"
     "  --if-empty     do nothing when the database already holds data\n"
     "  --seed N       the random generator's seed (default 1): the same seed, the same data\n"
     "  --scale small  a few hundred products (default); --scale N: N products, their stores and reviews\n",
     {"--if-empty"},
     {"--seed", "--scale"},
     {},
     true},
    {"routes", "list every HTTP route", "usage: superapp routes\n", {}},
    {"admin",
     "grant a user a role (e.g. the first admin)",
     "usage: superapp admin grant --phone <number> --role <user|merchant|admin>\n\n"
     "Gives the user of that mobile number the role, creating the user when the number has none,\n"
     "so that it logs in with that role. Numbers without a country code are read in\n"
     "DEFAULT_COUNTRY_CODE (91).\n",
     {},
     {"--phone", "--role"},
     {"grant"}},
    {"wallet",
     "check every wallet against its ledger",
     "usage: superapp wallet verify\n\n"
     "Recomputes each user's balance, totalEarned and totalSpent from the wallet ledger, checks that\n"
     "each ledger row's balanceBefore is the previous row's balanceAfter, and compares with the\n"
     "wallets. Prints one line per mismatch and a summary; exits 0 when all agree, 1 otherwise.\n",
     {},
     {},
     {"verify"}},
    {"version", "print the version", "usage: superapp version\n", {}},
};

void print_usage(std::FILE* out) {
    std::fprintf(out, "usage: superapp <command> [options]\n\ncommands:\n");
    for (const auto& c : kCommands) {
        std::fprintf(out, "  %-9.*s %.*s\n", static_cast<int>(c.name.size()), c.name.data(),
                     static_cast<int>(c.summary.size()), c.summary.data());
    }
    std::fprintf(out, "\nRun 'superapp <command> --help' for a command's options.\n");
}

const Command* find_command(std::string_view name) {
    for (const auto& c : kCommands) {
        if (c.name == name) return &c;
    }
    return nullptr;
}

// A decimal count without sign or spaces; nullopt otherwise.
std::optional<long long> parse_count(const std::string& text) {
    if (text.empty() || text.size() > 18) return std::nullopt;
    long long out = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        out = out * 10 + (c - '0');
    }
    return out;
}

}  // namespace

int run_cli(int argc, char** argv) {
    const std::span<char*> args(argv, static_cast<std::size_t>(argc));
    if (args.size() < 2) {
        print_usage(stderr);
        return 2;
    }
    const std::string_view name = args[1];
    if (name == "--help" || name == "-h" || name == "help") {
        print_usage(stdout);
        return 0;
    }
    if (name == "--version") {
        std::printf("superapp %s\n", SUPERAPP_VERSION);
        return 0;
    }
    const Command* command = find_command(name);
    if (!command) {
        std::fprintf(stderr, "superapp: unknown command '%.*s'\n\n", static_cast<int>(name.size()), name.data());
        print_usage(stderr);
        return 2;
    }
    const auto usage_error = [&](const std::string& why) {
        std::fprintf(stderr, "superapp %.*s: %s\n\n%.*s", static_cast<int>(name.size()), name.data(), why.c_str(),
                     static_cast<int>(command->usage.size()), command->usage.data());
        return 2;
    };
    std::set<std::string_view> given;
    std::map<std::string_view, std::string> values;
    std::string_view subcommand;
    const auto rest = args.subspan(2);
    for (std::size_t i = 0; i < rest.size(); ++i) {
        const std::string_view arg = rest[i];
        if (arg == "--help" || arg == "-h") {
            std::fputs(std::string(command->usage).c_str(), stdout);
            return 0;
        }
        const std::size_t eq = arg.find('=');
        if (eq != std::string_view::npos && command->options.contains(arg.substr(0, eq))) {
            values[arg.substr(0, eq)] = std::string(arg.substr(eq + 1));
            continue;
        }
        if (command->options.contains(arg)) {
            if (i + 1 >= rest.size()) return usage_error("option '" + std::string(arg) + "' needs a value");
            values[arg] = rest[++i];
            continue;
        }
        if (subcommand.empty() && i == 0 && command->subcommands.contains(arg)) {
            subcommand = arg;
            continue;
        }
        if (!command->flags.contains(arg)) return usage_error("unknown option '" + std::string(arg) + "'");
        given.insert(arg);
    }
    if (!command->subcommands.empty() && subcommand.empty()) return usage_error("which subcommand?");
    for (std::string_view option : command->options) {
        if (!values.contains(option) && !command->options_optional)
            return usage_error("option '" + std::string(option) + "' is required");
    }
    if (name == "version") {
        std::printf("superapp %s\n", SUPERAPP_VERSION);
        return 0;
    }

    platform::core::Config config;
    try {
        config = platform::core::load_config(platform::core::Env::load());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "superapp: %s\n", e.what());
        return 1;
    }
    if (name == "serve") return serve_command(config);
    if (name == "migrate") return migrate_command(config, given.contains("--status"));
    if (name == "seed") {
        SeedOptions options;
        if (values.contains("--seed")) {
            const auto seed = parse_count(values["--seed"]);
            if (!seed) {
                std::fprintf(stderr, "superapp seed: --seed takes a non-negative integer\n");
                return 2;
            }
            options.seed = static_cast<std::uint64_t>(*seed);
        }
        if (values.contains("--scale") && values["--scale"] != "small") {
            const auto scale = parse_count(values["--scale"]);
            if (!scale || *scale < 1 || *scale > 10'000'000) {
                std::fprintf(stderr, "superapp seed: --scale takes small or a number of products (1 to 10000000)\n");
                return 2;
            }
            options.products = static_cast<long>(*scale);
        }
        return seed_command(config, given.contains("--if-empty"), options);
    }
    if (name == "admin") return admin_grant_command(config, values["--phone"], values["--role"]);
    if (name == "wallet") return wallet_verify_command(config);
    return routes_command(config);
}

}  // namespace superapp::app
