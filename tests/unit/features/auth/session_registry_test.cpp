#include "features/auth/session_registry.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace superapp::features::auth {
namespace {

using namespace std::chrono_literals;

const Timestamp t0 = Timestamp(std::chrono::seconds(1'800'000'000));

Revocation family(std::string id, Timestamp at, EndReason reason = EndReason::logged_out) {
    return Revocation{std::move(id), "65a1f0c2e4b0a1b2c3d4e5f6", std::nullopt, reason, at};
}

Revocation version(std::string user, std::int64_t v, Timestamp at) {
    return Revocation{"", std::move(user), v, EndReason::role_changed, at};
}

TEST(SessionRegistry, RefusesTokensOfARevokedFamilyOnly) {
    SessionRegistry registry(960s);
    EXPECT_EQ(registry.check("u1", "f1", 0), SessionVerdict::live);
    EXPECT_TRUE(registry.apply(family("f1", t0), t0));
    EXPECT_EQ(registry.check("u1", "f1", 0), SessionVerdict::revoked);
    EXPECT_EQ(registry.check("u1", "f2", 0), SessionVerdict::live);
}

TEST(SessionRegistry, RefusesTokensBelowTheUsersVersionAsStale) {
    SessionRegistry registry(960s);
    EXPECT_TRUE(registry.apply(version("u1", 2, t0), t0));
    EXPECT_EQ(registry.check("u1", "f1", 1), SessionVerdict::stale);
    EXPECT_EQ(registry.check("u1", "f1", 2), SessionVerdict::live);
    EXPECT_EQ(registry.check("u2", "f1", 0), SessionVerdict::live);
    // An older version heard late (an out-of-order relay message) changes nothing.
    EXPECT_FALSE(registry.apply(version("u1", 1, t0), t0));
    EXPECT_EQ(registry.check("u1", "f1", 1), SessionVerdict::stale);
    EXPECT_TRUE(registry.apply(version("u1", 3, t0 + 1s), t0 + 1s));
    EXPECT_EQ(registry.check("u1", "f1", 2), SessionVerdict::stale);
}

TEST(SessionRegistry, TellsTheListenerOnceForEachRevocation) {
    SessionRegistry registry(960s);
    std::vector<std::string> heard;
    registry.set_listener([&](const Revocation& r) { heard.push_back(r.family_id.empty() ? r.user_id : r.family_id); });
    // The same revocation arrives from this process, the relay and the poll.
    EXPECT_TRUE(registry.apply(family("f1", t0), t0));
    EXPECT_FALSE(registry.apply(family("f1", t0), t0 + 1s));
    EXPECT_FALSE(registry.apply(family("f1", t0 + 1ms), t0 + 2s));
    EXPECT_TRUE(registry.apply(version("u1", 1, t0), t0));
    EXPECT_FALSE(registry.apply(version("u1", 1, t0), t0 + 1s));
    EXPECT_EQ(heard, (std::vector<std::string>{"f1", "u1"}));
}

TEST(SessionRegistry, ForgetsEntriesOnceEveryTokenTheyRefuseHasExpired) {
    SessionRegistry registry(960s);
    registry.apply(family("f1", t0), t0);
    registry.apply(version("u1", 1, t0 + 10s), t0 + 10s);
    EXPECT_EQ(registry.size(), 2u);
    registry.purge(t0 + 959s);
    EXPECT_EQ(registry.size(), 2u);
    registry.purge(t0 + 960s);
    EXPECT_EQ(registry.size(), 1u);
    EXPECT_EQ(registry.check("u1", "f1", 0), SessionVerdict::stale);
    registry.purge(t0 + 970s);
    EXPECT_EQ(registry.size(), 0u);
}

TEST(SessionRegistry, ARaisedVersionKeepsTheUserUntilItsOwnTime) {
    SessionRegistry registry(960s);
    registry.apply(version("u1", 1, t0), t0);
    registry.apply(version("u1", 2, t0 + 500s), t0 + 500s);
    registry.purge(t0 + 960s);  // the first entry's time, not the second's
    EXPECT_EQ(registry.check("u1", "f", 1), SessionVerdict::stale);
    registry.purge(t0 + 1460s);
    EXPECT_EQ(registry.size(), 0u);
}

TEST(SessionRegistry, IgnoresRevocationsOlderThanAnyLiveToken) {
    SessionRegistry registry(960s);
    EXPECT_FALSE(registry.apply(family("f1", t0), t0 + 960s));
    EXPECT_EQ(registry.size(), 0u);
}

TEST(SessionRegistry, HoldsOnlyTheRevocationsOfTheLastLifetime) {
    // A revocation a second for an hour: the registry never holds more than a lifetime's worth.
    SessionRegistry registry(960s);
    std::size_t most = 0;
    for (int i = 0; i < 3600; ++i) {
        const Timestamp now = t0 + std::chrono::seconds(i);
        registry.apply(family("f" + std::to_string(i), now), now);
        most = std::max(most, registry.size());
    }
    EXPECT_LE(most, 961u);
    EXPECT_EQ(registry.check("u", "f0", 0), SessionVerdict::live);
    EXPECT_EQ(registry.check("u", "f3599", 0), SessionVerdict::revoked);
}

TEST(SessionRegistry, RevocationEventsRoundTripAndRefuseOtherEvents) {
    const Revocation r = family("f1", t0, EndReason::revoked);
    const auto back = parse_revocation_event(revocation_event(r));
    ASSERT_TRUE(back);
    EXPECT_EQ(back->family_id, "f1");
    EXPECT_EQ(back->user_id, r.user_id);
    EXPECT_EQ(back->reason, EndReason::revoked);
    EXPECT_EQ(back->at, t0);
    EXPECT_FALSE(back->version);
    const auto v = parse_revocation_event(revocation_event(version("u1", 4, t0)));
    ASSERT_TRUE(v);
    EXPECT_EQ(v->version, 4);
    EXPECT_TRUE(v->family_id.empty());

    auto in_a_room = revocation_event(r);
    in_a_room.rooms = {"user:u1"};  // a client-facing event of the same name is not one
    EXPECT_FALSE(parse_revocation_event(in_a_room));
    auto neither = revocation_event(r);
    neither.data.as_object().erase("familyId");
    EXPECT_FALSE(parse_revocation_event(neither));
    auto bad_reason = revocation_event(r);
    bad_reason.data.as_object()["reason"] = "whatever";
    EXPECT_FALSE(parse_revocation_event(bad_reason));
}

}  // namespace
}  // namespace superapp::features::auth
