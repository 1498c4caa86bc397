#include "platform/db/query.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

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

}  // namespace
}  // namespace superapp::platform::db
