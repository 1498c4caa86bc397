#include "platform/db/error.hpp"

#include <gtest/gtest.h>

namespace superapp::platform::db {
namespace {

using Kind = DbError::Kind;

TEST(KindForSqlstate, RetryableConflictsAreSerialization) {
    EXPECT_EQ(kind_for_sqlstate("40001"), Kind::serialization);
    EXPECT_EQ(kind_for_sqlstate("40P01"), Kind::serialization);
}

TEST(KindForSqlstate, IntegrityViolationsAreConstraint) {
    EXPECT_EQ(kind_for_sqlstate("23505"), Kind::constraint);
    EXPECT_EQ(kind_for_sqlstate("23503"), Kind::constraint);
}

TEST(KindForSqlstate, StatementTimeoutIsTimeout) { EXPECT_EQ(kind_for_sqlstate("57014"), Kind::timeout); }

TEST(KindForSqlstate, LostSessionsAreUnavailable) {
    for (const char* state : {"57P01", "57P02", "57P03", "08006", "08001", "53300", "25P03"}) {
        EXPECT_EQ(kind_for_sqlstate(state), Kind::unavailable) << state;
        EXPECT_TRUE(is_connection_lost(state)) << state;
    }
}

TEST(KindForSqlstate, EverythingElseIsQuery) {
    EXPECT_EQ(kind_for_sqlstate("42601"), Kind::query);
    EXPECT_EQ(kind_for_sqlstate("22P02"), Kind::query);
    EXPECT_EQ(kind_for_sqlstate(""), Kind::query);
    EXPECT_FALSE(is_connection_lost("42601"));
}

TEST(DbError, NamesUniqueViolations) {
    const DbError e(Kind::constraint, "users.insert: duplicate key", "23505", "users_phone_key");
    EXPECT_TRUE(e.unique_violation());
    EXPECT_EQ(e.constraint, "users_phone_key");
    EXPECT_STREQ(e.what(), "users.insert: duplicate key");
    EXPECT_EQ(to_string(e.kind), "constraint");
}

}  // namespace
}  // namespace superapp::platform::db
