#include "platform/http/router.hpp"

#include <gtest/gtest.h>

namespace superapp::platform::http {
namespace {

boost::asio::awaitable<Response> ok(Request&) { co_return Response::no_content(); }

class RouterTest : public ::testing::Test {
  protected:
    void SetUp() override {
        router.add(Method::get, "/stores", Role::anyone, ok);
        router.add(Method::get, "/stores/nearby", Role::anyone, ok);
        router.add(Method::get, "/stores/:id", Role::anyone, ok);
        router.add(Method::put, "/stores/:id", Role::merchant, ok);
        router.add(Method::get, "/stores/:id/products", Role::anyone, ok);
        router.add(Method::get, "/categories/:slug", Role::anyone, ok);
        router.add(Method::get, "/categories/:slug/stores/:storeId", Role::anyone, ok);
    }
    std::string pattern_of(Method m, std::string_view path) {
        auto match = router.match(m, path);
        return match.route ? match.route->pattern : "";
    }
    Router router;
};

TEST_F(RouterTest, StaticSegmentWinsOverParameter) {
    EXPECT_EQ(pattern_of(Method::get, "/stores/nearby"), "/stores/nearby");
    EXPECT_EQ(pattern_of(Method::get, "/stores/abc"), "/stores/:id");
}

TEST_F(RouterTest, BacktracksFromStaticDeadEndToParameter) {
    EXPECT_EQ(pattern_of(Method::get, "/stores/nearby/products"), "/stores/:id/products");
    auto match = router.match(Method::get, "/stores/nearby/products");
    ASSERT_EQ(match.params.size(), 1u);
    EXPECT_EQ(match.params[0].first, "id");
    EXPECT_EQ(match.params[0].second, "nearby");
}

TEST_F(RouterTest, ExtractsEveryParameterByName) {
    auto match = router.match(Method::get, "/categories/shoes/stores/42");
    ASSERT_NE(match.route, nullptr);
    ASSERT_EQ(match.params.size(), 2u);
    EXPECT_EQ(match.params[0], (std::pair<std::string, std::string>{"slug", "shoes"}));
    EXPECT_EQ(match.params[1], (std::pair<std::string, std::string>{"storeId", "42"}));
}

TEST_F(RouterTest, TrailingSlashMatchesTheSameRoute) { EXPECT_EQ(pattern_of(Method::get, "/stores/"), "/stores"); }

TEST_F(RouterTest, UnknownPathHasNoRouteAndNoAllowedMethods) {
    auto match = router.match(Method::get, "/nothing/here");
    EXPECT_EQ(match.route, nullptr);
    EXPECT_TRUE(match.allowed.empty());
}

TEST_F(RouterTest, KnownPathWithOtherMethodListsAllowedMethods) {
    auto match = router.match(Method::del, "/stores/7");
    EXPECT_EQ(match.route, nullptr);
    std::vector<Method> expected = {Method::get, Method::put, Method::head};
    EXPECT_EQ(match.allowed, expected);
}

TEST_F(RouterTest, HeadFallsBackToGet) { EXPECT_EQ(pattern_of(Method::head, "/stores/7"), "/stores/:id"); }

TEST_F(RouterTest, EmptySegmentDoesNotMatchParameter) { EXPECT_EQ(pattern_of(Method::get, "/stores//products"), ""); }

TEST_F(RouterTest, RouteKeepsItsRole) {
    auto match = router.match(Method::put, "/stores/7");
    ASSERT_NE(match.route, nullptr);
    EXPECT_EQ(match.route->role, Role::merchant);
}

TEST(RouterRegistration, DuplicateRouteIsRefused) {
    Router router;
    router.add(Method::get, "/a/:id", Role::anyone, ok);
    EXPECT_THROW(router.add(Method::get, "/a/:id", Role::anyone, ok), std::logic_error);
}

TEST(RouterRegistration, ConflictingParameterNamesAreRefused) {
    Router router;
    router.add(Method::get, "/a/:id", Role::anyone, ok);
    EXPECT_THROW(router.add(Method::get, "/a/:slug/b", Role::anyone, ok), std::logic_error);
}

TEST(RouterRegistration, PatternMustStartWithSlash) {
    Router router;
    EXPECT_THROW(router.add(Method::get, "a", Role::anyone, ok), std::logic_error);
}

TEST(ApiRoutes, ServesEveryRouteUnderVersionAndAlias) {
    Router router;
    ApiRoutes api(router);
    api.get("/cart", Role::user, ok);
    EXPECT_NE(router.match(Method::get, "/api/v1/cart").route, nullptr);
    EXPECT_NE(router.match(Method::get, "/api/cart").route, nullptr);
    EXPECT_EQ(router.match(Method::get, "/cart").route, nullptr);
}

TEST(RoleOrder, EachRoleIncludesTheOnesBeforeIt) {
    EXPECT_TRUE(static_cast<int>(Role::admin) > static_cast<int>(Role::merchant));
    EXPECT_TRUE(static_cast<int>(Role::merchant) > static_cast<int>(Role::user));
}

}  // namespace
}  // namespace superapp::platform::http
