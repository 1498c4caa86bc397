#include "platform/db/params.hpp"

#include <cstring>

#include "platform/db/error.hpp"

namespace superapp::platform::db {

void ParamList::push(std::string value) {
    // Text-format parameters are C strings: an embedded NUL would silently cut the value short.
    if (std::memchr(value.data(), '\0', value.size()) != nullptr) {
        throw DbError(DbError::Kind::query,
                      "parameter $" + std::to_string(values_.size() + 1) + " contains a NUL character", "22021");
    }
    values_.emplace_back(std::move(value));
}

std::vector<const char*> ParamList::pointers() const {
    std::vector<const char*> out;
    out.reserve(values_.size());
    for (const auto& v : values_) out.push_back(v ? v->c_str() : nullptr);
    return out;
}

}  // namespace superapp::platform::db
