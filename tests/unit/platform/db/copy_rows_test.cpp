#include "platform/db/copy_rows.hpp"

#include <gtest/gtest.h>

namespace superapp::platform::db {
namespace {

TEST(CopyRows, EscapesWhatCopyTextFormatTreatsSpecially) {
    CopyRows rows;
    rows.text("a\tb\\c\nd\re").null().integer(-42).boolean(true).end_row();
    rows.text("").array({"x", "y \"z\""}).end_row();
    EXPECT_EQ(rows.data(), "a\\tb\\\\c\\nd\\re\t\\N\t-42\tt\n\t{\"x\",\"y \\\\\"z\\\\\"\"}\n");
    EXPECT_EQ(rows.rows(), 2u);
    rows.clear();
    EXPECT_EQ(rows.data(), "");
    EXPECT_EQ(rows.rows(), 0u);
}

}  // namespace
}  // namespace superapp::platform::db
