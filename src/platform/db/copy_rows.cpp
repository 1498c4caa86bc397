#include "platform/db/copy_rows.hpp"

#include "platform/db/text_codec.hpp"

namespace superapp::platform::db {

void CopyRows::separate() {
    if (row_open_) data_ += '\t';
    row_open_ = true;
}

CopyRows& CopyRows::text(std::string_view value) {
    separate();
    for (char c : value) {
        switch (c) {
            case '\\': data_ += "\\\\"; break;
            case '\t': data_ += "\\t"; break;
            case '\n': data_ += "\\n"; break;
            case '\r': data_ += "\\r"; break;
            default: data_ += c;
        }
    }
    return *this;
}

CopyRows& CopyRows::null() {
    separate();
    data_ += "\\N";
    return *this;
}

CopyRows& CopyRows::integer(std::int64_t value) {
    separate();
    data_ += std::to_string(value);
    return *this;
}

CopyRows& CopyRows::boolean(bool value) {
    separate();
    data_ += value ? 't' : 'f';
    return *this;
}

CopyRows& CopyRows::array(const std::vector<std::string>& items) { return text(text::encode_array(items)); }

void CopyRows::end_row() {
    data_ += '\n';
    row_open_ = false;
    ++rows_;
}

void CopyRows::clear() {
    data_.clear();
    rows_ = 0;
    row_open_ = false;
}

}  // namespace superapp::platform::db
