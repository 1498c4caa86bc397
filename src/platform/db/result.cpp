#include "platform/db/result.hpp"

#include <libpq-fe.h>

#include <boost/json/parse.hpp>
#include <cstring>
#include <limits>

#include "platform/db/error.hpp"
#include "platform/db/text_codec.hpp"

namespace superapp::platform::db {
namespace {

// Type OIDs from pg_type.dat; stable across PostgreSQL versions.
constexpr unsigned kBool = 16;
constexpr unsigned kInt8 = 20;
constexpr unsigned kInt2 = 21;
constexpr unsigned kInt4 = 23;
constexpr unsigned kOid = 26;
constexpr unsigned kJson = 114;
constexpr unsigned kFloat4 = 700;
constexpr unsigned kFloat8 = 701;
constexpr unsigned kDate = 1082;
constexpr unsigned kTimestamp = 1114;
constexpr unsigned kTimestamptz = 1184;
constexpr unsigned kNumeric = 1700;
constexpr unsigned kJsonb = 3802;

bool is_integer_type(unsigned oid) {
    return oid == kInt2 || oid == kInt4 || oid == kInt8 || oid == kOid || oid == kNumeric;
}

template <class Int>
Int narrow(std::int64_t v, bool& ok) {
    ok = v >= std::numeric_limits<Int>::min() && v <= std::numeric_limits<Int>::max();
    return static_cast<Int>(v);
}

}  // namespace

// ---- Row ----

int Row::columns() const { return PQnfields(res_); }

int Row::column(std::string_view name) const {
    const int n = PQnfields(res_);
    for (int i = 0; i < n; ++i) {
        if (name == PQfname(res_, i)) return i;
    }
    throw DbError(DbError::Kind::decode, "no column named \"" + std::string(name) + "\"");
}

bool Row::is_null(int col) const {
    if (res_ == nullptr || col < 0 || col >= PQnfields(res_) || row_ < 0 || row_ >= PQntuples(res_)) {
        fail(col, "no such row or column");
    }
    return PQgetisnull(res_, row_, col) != 0;
}

unsigned Row::type_of(int col) const { return PQftype(res_, col); }

void Row::fail(int col, const std::string& why) const {
    std::string where = "column " + std::to_string(col);
    if (res_ != nullptr && col >= 0 && col < PQnfields(res_)) {
        where = "column \"" + std::string(PQfname(res_, col)) + "\"";
    }
    throw DbError(DbError::Kind::decode, where + ": " + why);
}

std::string_view Row::raw(int col, const char* wanted) const {
    if (is_null(col)) fail(col, std::string("is NULL, read as ") + wanted);
    return std::string_view(PQgetvalue(res_, row_, col), static_cast<std::size_t>(PQgetlength(res_, row_, col)));
}

void Row::decode(int col, std::string& out) const { out = std::string(raw(col, "string")); }

void Row::decode(int col, std::string_view& out) const { out = raw(col, "string"); }

void Row::decode(int col, bool& out) const {
    const auto text = raw(col, "bool");
    const unsigned oid = type_of(col);
    if (oid != kBool && oid != 0) fail(col, "type " + std::to_string(oid) + " read as bool");
    const auto v = text::parse_bool(text);
    if (!v) fail(col, "not a bool");
    out = *v;
}

void Row::decode(int col, std::int64_t& out) const {
    const auto text = raw(col, "integer");
    const unsigned oid = type_of(col);
    if (!is_integer_type(oid) && oid != 0) fail(col, "type " + std::to_string(oid) + " read as an integer");
    const auto v = text::parse_integer(text);
    if (!v) fail(col, "not an integer in range");
    out = *v;
}

void Row::decode(int col, std::int32_t& out) const {
    std::int64_t wide = 0;
    decode(col, wide);
    bool ok = false;
    out = narrow<std::int32_t>(wide, ok);
    if (!ok) fail(col, "does not fit int32");
}

void Row::decode(int col, std::int16_t& out) const {
    std::int64_t wide = 0;
    decode(col, wide);
    bool ok = false;
    out = narrow<std::int16_t>(wide, ok);
    if (!ok) fail(col, "does not fit int16");
}

void Row::decode(int col, double& out) const {
    const auto text = raw(col, "double");
    const unsigned oid = type_of(col);
    if (oid != kFloat4 && oid != kFloat8 && !is_integer_type(oid) && oid != 0) {
        fail(col, "type " + std::to_string(oid) + " read as double");
    }
    const auto v = text::parse_double(text);
    if (!v) fail(col, "not a number in double's range");
    out = *v;
}

void Row::decode(int col, core::Timestamp& out) const {
    const auto text = raw(col, "timestamp");
    const unsigned oid = type_of(col);
    std::optional<core::Timestamp> v;
    if (oid == kTimestamptz || oid == 0) {
        v = core::parse_postgres_timestamptz(text);
    } else if (oid == kTimestamp) {
        // Without a zone the session's UTC is implied.
        v = core::parse_postgres_timestamptz(std::string(text) + "+00");
    } else if (oid == kDate) {
        v = core::parse_iso8601(text);
    } else {
        fail(col, "type " + std::to_string(oid) + " read as timestamp");
    }
    if (!v) fail(col, "not a finite timestamp");
    out = *v;
}

void Row::decode(int col, boost::json::value& out) const {
    const auto text = raw(col, "json");
    const unsigned oid = type_of(col);
    if (oid != kJson && oid != kJsonb && oid != 0) fail(col, "type " + std::to_string(oid) + " read as json");
    boost::system::error_code ec;
    out = boost::json::parse(text, ec);
    if (ec) fail(col, "invalid json: " + ec.message());
}

void Row::decode(int col, std::vector<std::optional<std::string>>& out) const {
    auto items = text::parse_array(raw(col, "array"));
    if (!items) fail(col, "not a one-dimensional array");
    out = std::move(*items);
}

void Row::decode(int col, std::vector<std::string>& out) const {
    std::vector<std::optional<std::string>> items;
    decode(col, items);
    out.clear();
    out.reserve(items.size());
    for (auto& item : items) {
        if (!item) fail(col, "array holds NULL, read as std::vector<std::string>");
        out.push_back(std::move(*item));
    }
}

void Row::decode(int col, std::vector<std::int64_t>& out) const {
    std::vector<std::optional<std::string>> items;
    decode(col, items);
    out.clear();
    out.reserve(items.size());
    for (const auto& item : items) {
        if (!item) fail(col, "array holds NULL, read as std::vector<std::int64_t>");
        const auto v = text::parse_integer(*item);
        if (!v) fail(col, "array element is not an integer");
        out.push_back(*v);
    }
}

// ---- Result ----

void Result::Clear::operator()(pg_result* res) const noexcept { PQclear(res); }

std::size_t Result::size() const { return res_ ? static_cast<std::size_t>(PQntuples(res_.get())) : 0; }

std::int64_t Result::affected_rows() const {
    if (!res_) return 0;
    return text::parse_integer(PQcmdTuples(res_.get())).value_or(0);
}

int Result::columns() const { return res_ ? PQnfields(res_.get()) : 0; }

int Result::column(std::string_view name) const { return Row(res_.get(), 0).column(name); }

std::string_view Result::column_name(int col) const {
    const char* name = res_ ? PQfname(res_.get(), col) : nullptr;
    return name ? std::string_view(name) : std::string_view();
}

}  // namespace superapp::platform::db
