#include "platform/db/query.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "platform/db/embedded_sql.hpp"

namespace superapp::platform::db {
namespace {

TEST(NamedQuery, FindsEveryEmbeddedQuery) {
    for (const auto& q : embedded_queries()) {
        const Query found = named_query(q.name);
        EXPECT_EQ(found.name, q.name);
        EXPECT_EQ(found.text, q.text);
        EXPECT_LE(found.name.size(), 63u) << "PostgreSQL would truncate the statement name " << q.name;
    }
}

TEST(NamedQuery, UnknownNameIsAStartupBug) { EXPECT_THROW(named_query("nosuchfeature.nosuchquery"), std::logic_error); }

TEST(ShapedQuery, SameTextSameNameAndStableText) {
    std::string text = "SELECT 1 AS shaped_query_test WHERE $1::int > 0";
    const Query first = shaped_query("test.shape", text);
    text.assign(text.size(), 'x');  // the query keeps its own copy of the text
    const Query again = shaped_query("test.shape", "SELECT 1 AS shaped_query_test WHERE $1::int > 0");
    EXPECT_EQ(first.name, again.name);
    EXPECT_TRUE(first.name.starts_with("test.shape#"));
    EXPECT_EQ(first.text, "SELECT 1 AS shaped_query_test WHERE $1::int > 0");
    const Query other = shaped_query("test.shape", "SELECT 2 AS shaped_query_test");
    EXPECT_NE(other.name, first.name);
}

TEST(ShapedQuery, BeyondTheLimitTextsRunUnprepared) {
    std::vector<std::string> texts;
    for (std::size_t i = 0; i <= kMaxShapes; ++i) texts.push_back("SELECT " + std::to_string(i) + " AS shaped_limit");
    std::size_t unnamed = 0;
    for (const auto& t : texts) {
        const Query q = shaped_query("test.limit", t);
        EXPECT_EQ(q.text, t);
        if (q.name.empty()) ++unnamed;
    }
    EXPECT_GE(unnamed, 1u);
    EXPECT_TRUE(shaped_query("test.limit", "SELECT 0 AS shaped_limit").name.starts_with("test.limit#"));
}

}  // namespace
}  // namespace superapp::platform::db
