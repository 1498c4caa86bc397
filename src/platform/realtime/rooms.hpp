#pragma once
// Room bookkeeping of one shard: room -> members and member -> rooms. Pure, no I/O; one thread.
#include <algorithm>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace superapp::platform::realtime {

/// Which members (sockets) are in which rooms. Member is a small copyable handle (a pointer).
template <class Member>
class RoomIndex {
  public:
    /// Puts the member in the room; returns false (and changes nothing) when it is in it already.
    /// Constant time.
    bool join(const std::string& room, Member m) {
        if (!members_[room].insert(m).second) return false;
        rooms_[m].push_back(room);
        return true;
    }

    /// Takes the member out of the room; a room left empty is forgotten. Constant time for a room the
    /// member is not in, else linear in the member's rooms (which the socket's caller keeps few).
    void leave(const std::string& room, Member m) {
        auto it = members_.find(room);
        if (it == members_.end() || it->second.erase(m) == 0) return;
        if (it->second.empty()) members_.erase(it);
        auto mine = rooms_.find(m);
        if (mine == rooms_.end()) return;
        auto& list = mine->second;
        if (auto at = std::find(list.begin(), list.end(), room); at != list.end()) {
            *at = std::move(list.back());
            list.pop_back();
        }
        if (list.empty()) rooms_.erase(mine);
    }

    /// The rooms the member is in (no order); valid until it joins or leaves one.
    std::span<const std::string> rooms_of(Member m) const {
        auto it = rooms_.find(m);
        if (it == rooms_.end()) return {};
        return it->second;
    }

    /// Takes the member out of every room it is in.
    void leave_all(Member m) {
        auto it = rooms_.find(m);
        if (it == rooms_.end()) return;
        for (const auto& room : it->second) {
            auto found = members_.find(room);
            found->second.erase(m);
            if (found->second.empty()) members_.erase(found);
        }
        rooms_.erase(it);
    }

    /// Every member of any of the rooms, each once.
    std::vector<Member> members_of(std::span<const std::string> rooms) const {
        std::vector<Member> out;
        if (rooms.size() == 1) {
            if (auto it = members_.find(rooms.front()); it != members_.end())
                out.assign(it->second.begin(), it->second.end());
            return out;
        }
        std::unordered_set<Member> seen;
        for (const auto& room : rooms) {
            auto it = members_.find(room);
            if (it == members_.end()) continue;
            for (Member m : it->second) {
                if (seen.insert(m).second) out.push_back(m);
            }
        }
        return out;
    }

    /// Whether the member is in the room.
    bool contains(const std::string& room, Member m) const {
        auto it = members_.find(room);
        return it != members_.end() && it->second.contains(m);
    }

    /// How many rooms have members.
    std::size_t room_count() const { return members_.size(); }

  private:
    std::unordered_map<std::string, std::unordered_set<Member>> members_;
    std::unordered_map<Member, std::vector<std::string>> rooms_;
};

}  // namespace superapp::platform::realtime
