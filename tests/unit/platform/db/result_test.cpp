#include "platform/db/result.hpp"

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <boost/json/parse.hpp>
#include <cstring>

#include "platform/db/error.hpp"

namespace superapp::platform::db {
namespace {

struct Column {
    const char* name;
    Oid type;
};

// Builds a PGresult the way the server would have sent it: text values, typed columns, nullptr = NULL.
Result make_result(const std::vector<Column>& columns, const std::vector<std::vector<const char*>>& rows) {
    PGresult* res = PQmakeEmptyPGresult(nullptr, PGRES_TUPLES_OK);
    std::vector<PGresAttDesc> attrs;
    for (const auto& c : columns) {
        PGresAttDesc a{};
        a.name = const_cast<char*>(c.name);
        a.typid = c.type;
        a.typlen = -1;
        a.atttypmod = -1;
        attrs.push_back(a);
    }
    PQsetResultAttrs(res, static_cast<int>(attrs.size()), attrs.data());
    for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
        for (int c = 0; c < static_cast<int>(rows[r].size()); ++c) {
            const char* v = rows[r][c];
            PQsetvalue(res, r, c, const_cast<char*>(v), v ? static_cast<int>(std::strlen(v)) : -1);
        }
    }
    return Result(res);
}

constexpr Oid kBool = 16, kInt8 = 20, kInt2 = 21, kInt4 = 23, kText = 25, kJson = 114, kFloat8 = 701, kTextArray = 1009,
              kInt8Array = 1016, kDate = 1082, kTimestamp = 1114, kTimestamptz = 1184, kNumeric = 1700, kJsonb = 3802;

DbError::Kind decode_failure(const std::function<void()>& read) {
    try {
        read();
    } catch (const DbError& e) {
        return e.kind;
    }
    ADD_FAILURE() << "expected DbError";
    return DbError::Kind::query;
}

TEST(Row, ReadsEachSupportedType) {
    const Result r =
        make_result({{"s", kText},
                     {"b", kBool},
                     {"i2", kInt2},
                     {"i4", kInt4},
                     {"i8", kInt8},
                     {"d", kFloat8},
                     {"ts", kTimestamptz},
                     {"j", kJsonb},
                     {"names", kTextArray},
                     {"ids", kInt8Array}},
                    {{"héllo", "t", "-5", "70000", "9007199254740993", "2.25", "2026-11-24 23:16:22.123456+00",
                      R"({"a": [1, 2]})", R"({x,"y z",""})", "{1,-2,3}"}});
    ASSERT_EQ(r.size(), 1u);
    const Row row = r[0];
    EXPECT_EQ(row.get<std::string>(0), "héllo");
    EXPECT_EQ(row.get<std::string_view>("s"), "héllo");
    EXPECT_TRUE(row.get<bool>(1));
    EXPECT_EQ(row.get<std::int16_t>(2), -5);
    EXPECT_EQ(row.get<std::int32_t>(3), 70000);
    EXPECT_EQ(row.get<std::int64_t>(4), 9007199254740993);
    EXPECT_EQ(row.get<double>(5), 2.25);
    using namespace std::chrono;
    EXPECT_EQ(row.get<core::Timestamp>(6),
              sys_days{year{2026} / 11 / 24} + hours{23} + minutes{16} + seconds{22} + microseconds{123456});
    EXPECT_EQ(row.get<boost::json::value>("j"), boost::json::parse(R"({"a":[1,2]})"));
    EXPECT_EQ(row.get<std::vector<std::string>>("names"), (std::vector<std::string>{"x", "y z", ""}));
    EXPECT_EQ(row.get<std::vector<std::int64_t>>("ids"), (std::vector<std::int64_t>{1, -2, 3}));
}

TEST(Row, ReadsTimestampWithoutZoneAsUtcAndDateAsMidnight) {
    const Result r = make_result({{"ts", kTimestamp}, {"d", kDate}}, {{"2026-01-02 03:04:05", "2026-01-02"}});
    using namespace std::chrono;
    EXPECT_EQ(r[0].get<core::Timestamp>(0), sys_days{year{2026} / 1 / 2} + hours{3} + minutes{4} + seconds{5});
    EXPECT_EQ(r[0].get<core::Timestamp>(1), sys_days{year{2026} / 1 / 2});
}

TEST(Row, NullIsNulloptOrADecodeError) {
    const Result r = make_result({{"n", kInt4}, {"s", kText}}, {{nullptr, "x"}});
    const Row row = r[0];
    EXPECT_TRUE(row.is_null(0));
    EXPECT_TRUE(row.is_null("n"));
    EXPECT_FALSE(row.is_null("s"));
    EXPECT_EQ(row.get_optional<std::int32_t>(0), std::nullopt);
    EXPECT_EQ(row.get_optional<std::string>("s"), "x");
    EXPECT_EQ(decode_failure([&] { row.get<std::int32_t>(0); }), DbError::Kind::decode);
}

TEST(Row, WrongTypeIsADecodeError) {
    const Result r = make_result({{"s", kText}, {"big", kInt8}, {"j", kJson}, {"arr", kTextArray}},
                                 {{"12", "3000000000", "{bad json", "{1,NULL}"}});
    const Row row = r[0];
    EXPECT_EQ(decode_failure([&] { row.get<std::int64_t>("s"); }), DbError::Kind::decode);
    EXPECT_EQ(decode_failure([&] { row.get<bool>("s"); }), DbError::Kind::decode);
    EXPECT_EQ(decode_failure([&] { row.get<std::int32_t>("big"); }), DbError::Kind::decode);
    EXPECT_EQ(decode_failure([&] { row.get<boost::json::value>("j"); }), DbError::Kind::decode);
    EXPECT_EQ(decode_failure([&] { row.get<boost::json::value>("s"); }), DbError::Kind::decode);
    EXPECT_EQ(decode_failure([&] { row.get<std::vector<std::int64_t>>("arr"); }), DbError::Kind::decode);
    EXPECT_EQ(decode_failure([&] { row.get<std::vector<std::string>>("arr"); }), DbError::Kind::decode);
    EXPECT_EQ(decode_failure([&] { row.get<core::Timestamp>("s"); }), DbError::Kind::decode);
    // Any column reads as text.
    EXPECT_EQ(row.get<std::string>("big"), "3000000000");
}

TEST(Row, NullArrayElementsSurviveAsOptional) {
    const Result r = make_result({{"arr", kTextArray}}, {{R"({a,NULL,"NULL"})"}});
    EXPECT_EQ(r[0].get<std::vector<std::optional<std::string>>>(0),
              (std::vector<std::optional<std::string>>{"a", std::nullopt, "NULL"}));
}

TEST(Row, NumericReadsAsDoubleAndWholeNumericAsInteger) {
    const Result r = make_result({{"avg", kNumeric}, {"sum", kNumeric}}, {{"4.5000000000000000", "123"}});
    EXPECT_EQ(r[0].get<double>("avg"), 4.5);
    EXPECT_EQ(r[0].get<std::int64_t>("sum"), 123);
    EXPECT_EQ(decode_failure([&] { r[0].get<std::int64_t>("avg"); }), DbError::Kind::decode);
}

TEST(Row, ColumnNamesAreExactAndUnknownNamesFail) {
    const Result r = make_result({{"createdAt", kText}}, {{"x"}});
    EXPECT_EQ(r.column("createdAt"), 0);
    EXPECT_EQ(decode_failure([&] { r.column("createdat"); }), DbError::Kind::decode);
    EXPECT_EQ(decode_failure([&] { r[0].get<std::string>(3); }), DbError::Kind::decode);
}

TEST(Result, IteratesRowsInOrder) {
    const Result r = make_result({{"n", kInt4}}, {{"1"}, {"2"}, {"3"}});
    std::vector<int> seen;
    for (const Row row : r) seen.push_back(row.get<int>(0));
    EXPECT_EQ(seen, (std::vector<int>{1, 2, 3}));
    EXPECT_EQ(r.columns(), 1);
    EXPECT_EQ(r.column_name(0), "n");
    EXPECT_FALSE(r.empty());
}

TEST(Result, DefaultIsEmpty) {
    const Result r;
    EXPECT_TRUE(r.empty());
    EXPECT_EQ(r.affected_rows(), 0);
    EXPECT_EQ(r.begin(), r.end());
}

}  // namespace
}  // namespace superapp::platform::db
