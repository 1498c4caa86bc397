#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace superapp::platform::db {

/// Rows in COPY's text format, for Tx::copy_in: fields tab-separated, one row per line, backslash,
/// tab, newline and carriage return escaped, NULL as \N. Any thread.
class CopyRows {
  public:
    CopyRows& text(std::string_view value);
    CopyRows& null();
    CopyRows& integer(std::int64_t value);
    CopyRows& boolean(bool value);
    /// A text[] value, every element quoted.
    CopyRows& array(const std::vector<std::string>& items);
    /// Ends the current row.
    void end_row();

    const std::string& data() const { return data_; }
    std::size_t rows() const { return rows_; }
    void clear();

  private:
    void separate();
    std::string data_;
    std::size_t rows_ = 0;
    bool row_open_ = false;
};

}  // namespace superapp::platform::db
