#include "features/wallet/input.hpp"

#include <algorithm>

#include "platform/core/config.hpp"
#include "platform/core/validation.hpp"

namespace superapp::features::wallet {

using platform::core::Money;
using platform::core::Validator;

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_alpha(char c) { return is_upper(c) || (c >= 'a' && c <= 'z'); }
bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
bool is_handle_char(char c) { return is_alnum(c) || c == '.' || c == '_' || c == '-'; }
bool is_upper_or_digit(char c) { return is_upper(c) || is_digit(c); }

bool all_of(std::string_view text, bool (*accept)(char)) { return std::all_of(text.begin(), text.end(), accept); }

// Whether the validator already reported this field (so a rule across values would be noise).
bool reported(const platform::core::FieldValidator& v, std::string_view field) {
    return std::any_of(v.errors().begin(), v.errors().end(), [field](const auto& e) { return e.field == field; });
}

std::string upper(std::string text) {
    for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return text;
}

}  // namespace

Settings load_settings(const platform::core::Env& env) {
    Settings s;
    platform::core::EnvReader reader(env);
    std::string minimum;
    reader.string("WALLET_MIN_WITHDRAWAL", minimum);
    if (!minimum.empty()) {
        const auto amount = Money::parse(minimum);
        if (!amount || *amount <= Money()) {
            reader.fail("WALLET_MIN_WITHDRAWAL", "must be a positive amount of rupees, e.g. 100");
        } else {
            s.min_withdrawal = *amount;
        }
    }
    reader.millis("CASHBACK_RELEASE_MS", s.release_interval, 100, 86'400'000);
    reader.throw_if_invalid();
    return s;
}

bool valid_upi_id(std::string_view text) {
    const std::size_t at = text.find('@');
    if (at == std::string_view::npos) return false;
    const std::string_view handle = text.substr(0, at);
    const std::string_view provider = text.substr(at + 1);
    return handle.size() >= 2 && handle.size() <= 256 && all_of(handle, is_handle_char) && provider.size() >= 2 &&
           provider.size() <= 64 && is_alpha(provider[0]) && all_of(provider, is_alnum);
}

bool valid_account_number(std::string_view text) {
    return text.size() >= 9 && text.size() <= 18 && all_of(text, is_digit);
}

bool valid_ifsc(std::string_view text) {
    return text.size() == 11 && all_of(text.substr(0, 4), is_upper) && text[4] == '0' &&
           all_of(text.substr(5), is_upper_or_digit);
}

WithdrawalRequest read_withdrawal(const boost::json::value& body, Money minimum) {
    Validator v(body);
    WithdrawalRequest r;
    r.amount = v.required_money("amount");
    if (!reported(v, "amount") && r.amount < minimum)
        v.fail("amount", "must be at least " + minimum.to_string() + " INR");
    r.payout.method = v.required_enum("method", {"upi", "bank"});
    if (r.payout.method == "upi") {
        r.payout.upi_id = v.required_string("upiId", {.min = 1, .max = 321});
        if (!r.payout.upi_id.empty() && !valid_upi_id(r.payout.upi_id)) {
            v.fail("upiId", "must be a UPI id such as name@okbank");
        }
    } else if (r.payout.method == "bank") {
        r.payout.account_number = v.required_string("accountNumber", {.min = 1, .max = 32});
        if (!r.payout.account_number.empty() && !valid_account_number(r.payout.account_number)) {
            v.fail("accountNumber", "must be 9 to 18 digits");
        }
        r.payout.ifsc = upper(v.required_string("ifsc", {.min = 1, .max = 32}));
        if (!r.payout.ifsc.empty() && !valid_ifsc(r.payout.ifsc)) {
            v.fail("ifsc", "must be an IFSC such as SBIN0001234");
        }
        r.payout.account_holder = v.required_string("accountHolder", {.min = 1, .max = 100});
    }
    v.finish();
    return r;
}

Decision read_decision(const boost::json::value& body) {
    Validator v(body);
    Decision d;
    const std::string status = v.required_enum("status", {"completed", "failed"});
    d.status = status == "failed" ? EntryStatus::failed : EntryStatus::completed;
    d.reason = v.optional_string("reason", {.min = 1, .max = 500});
    if (status == "failed" && !d.reason && !v.has("reason")) v.fail("reason", "is required when the withdrawal failed");
    v.finish();
    return d;
}

Adjustment read_adjustment(const boost::json::value& body) {
    Validator v(body);
    Adjustment a;
    a.user_id = v.required_object_id("user").to_string();
    a.amount = v.required_money("amount", {.min = Money::from_paise(-Money::kMaxPaise)});
    if (!reported(v, "amount") && a.amount == Money()) v.fail("amount", "must not be zero");
    a.reason = v.required_string("reason", {.min = 1, .max = 500});
    v.finish();
    return a;
}

}  // namespace superapp::features::wallet
