#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace superapp::platform::core {

/// The variables a process is configured from: the real environment, over a `.env` file.
class Env {
  public:
    /// Reads `path` if it exists (KEY=VALUE lines, `#` comments, optional `export `, optional
    /// single or double quotes), then overlays the process environment, which wins.
    /// Throws std::runtime_error naming the line of a malformed `.env`.
    static Env load(const std::string& dotenv_path = ".env");
    /// Parses `.env` text; exposed for tests. Throws std::runtime_error on a malformed line.
    static std::map<std::string, std::string, std::less<>> parse_dotenv(std::string_view text);

    /// The value, or nullopt when unset. An empty value counts as unset.
    std::optional<std::string> get(std::string_view name) const;
    void set(std::string name, std::string value) { values_[std::move(name)] = std::move(value); }

  private:
    std::map<std::string, std::string, std::less<>> values_;
};

}  // namespace superapp::platform::core
