#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace superapp::platform::http {

/// ASCII case-insensitive equality, as header names compare.
bool iequals(std::string_view a, std::string_view b);

/// Response headers in insertion order; names compare case-insensitively.
class Headers {
  public:
    /// Replaces any header of that name.
    void set(std::string_view name, std::string_view value);
    /// Adds another header of that name (e.g. a second Vary).
    void add(std::string_view name, std::string_view value);
    /// The first value of that name, or "" when absent.
    std::string_view get(std::string_view name) const;
    bool has(std::string_view name) const;
    void remove(std::string_view name);
    const std::vector<std::pair<std::string, std::string>>& all() const { return items_; }

  private:
    std::vector<std::pair<std::string, std::string>> items_;
};

}  // namespace superapp::platform::http
