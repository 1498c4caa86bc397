#include "platform/http/range.hpp"

#include <gtest/gtest.h>

namespace superapp::platform::http {
namespace {

using Kind = RangeRequest::Kind;

void expect_partial(std::string_view header, std::uint64_t size, std::uint64_t first, std::uint64_t last) {
    const RangeRequest r = interpret_range(header, size);
    EXPECT_EQ(r.kind, Kind::partial) << header;
    EXPECT_EQ(r.first, first) << header;
    EXPECT_EQ(r.last, last) << header;
}

TEST(Range, ReadsTheThreeFormsOfOneByteRange) {
    expect_partial("bytes=0-99", 1000, 0, 99);
    expect_partial("bytes=500-", 1000, 500, 999);
    expect_partial("bytes=-100", 1000, 900, 999);
    expect_partial("Bytes = 10 - 19", 1000, 10, 19);
}

TEST(Range, ClampsToTheEnd) {
    expect_partial("bytes=900-5000", 1000, 900, 999);
    expect_partial("bytes=-5000", 1000, 0, 999);
    expect_partial("bytes=0-99999999999999999999999", 1000, 0, 999);
    expect_partial("bytes=999-999", 1000, 999, 999);
}

TEST(Range, StartAtOrPastTheEndIsUnsatisfiable) {
    for (std::string_view h : {"bytes=1000-", "bytes=1000-2000", "bytes=-0", "bytes=99999999999999999999999-"}) {
        EXPECT_EQ(interpret_range(h, 1000).kind, Kind::unsatisfiable) << h;
    }
    EXPECT_EQ(interpret_range("bytes=0-0", 0).kind, Kind::unsatisfiable);
    EXPECT_EQ(interpret_range("bytes=-1", 0).kind, Kind::unsatisfiable);
}

TEST(Range, IgnoresWhatItDoesNotServe) {
    for (std::string_view h : {"", "bytes", "bytes=", "bytes=-", "bytes=a-b", "bytes=5-1", "items=0-1", "bytes=0-1,5-6",
                               "bytes=+1-2", "bytes=0x10-", "bytes=1-2-3"}) {
        EXPECT_EQ(interpret_range(h, 1000).kind, Kind::whole) << h;
    }
}

TEST(Range, ContentRangeValues) {
    EXPECT_EQ(content_range({Kind::partial, 0, 99}, 1000), "bytes 0-99/1000");
    EXPECT_EQ(content_range({Kind::unsatisfiable}, 1000), "bytes */1000");
}

}  // namespace
}  // namespace superapp::platform::http
