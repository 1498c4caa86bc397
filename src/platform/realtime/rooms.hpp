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
    /// Puts the member in the room; joining twice changes nothing.
    void join(const std::string& room, Member m) {
        members_[room].insert(m);
        auto& rooms = rooms_[m];
        if (std::find(rooms.begin(), rooms.end(), room) == rooms.end()) rooms.push_back(room);
    }

    /// Takes the member out of the room; a room left empty is forgotten.
    void leave(const std::string& room, Member m) {
        if (auto it = members_.find(room); it != members_.end()) {
            it->second.erase(m);
            if (it->second.empty()) members_.erase(it);
        }
        if (auto it = rooms_.find(m); it != rooms_.end()) {
            std::erase(it->second, room);
            if (it->second.empty()) rooms_.erase(it);
        }
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
