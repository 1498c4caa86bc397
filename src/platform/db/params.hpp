#pragma once
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "platform/core/time.hpp"
#include "platform/db/text_codec.hpp"

namespace superapp::platform::db {

/// Statement parameters in PostgreSQL's text format; a missing value is SQL NULL.
class ParamList {
  public:
    /// Appends a text value. Throws DbError (query, 22021) when it holds a NUL byte. Any thread.
    void push(std::string value);
    /// Appends SQL NULL.
    void push_null() { values_.emplace_back(std::nullopt); }
    void reserve(std::size_t n) { values_.reserve(n); }
    /// Returns how many parameters there are.
    int size() const { return static_cast<int>(values_.size()); }
    /// Returns the value pointers libpq takes (nullptr for NULL); valid while this list lives unchanged.
    std::vector<const char*> pointers() const;

  private:
    std::vector<std::optional<std::string>> values_;
};

namespace detail {

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

template <class T>
struct is_vector : std::false_type {};
template <class T, class A>
struct is_vector<std::vector<T, A>> : std::true_type {};

template <class T>
struct is_sys_time : std::false_type {};
template <class D>
struct is_sys_time<std::chrono::sys_time<D>> : std::true_type {};

template <class T>
inline constexpr bool is_char_type =
    std::is_same_v<T, char> || std::is_same_v<T, signed char> || std::is_same_v<T, unsigned char> ||
    std::is_same_v<T, char8_t> || std::is_same_v<T, char16_t> || std::is_same_v<T, char32_t> ||
    std::is_same_v<T, wchar_t>;

template <class T>
inline constexpr bool is_json = std::is_same_v<T, boost::json::value> || std::is_same_v<T, boost::json::object> ||
                                std::is_same_v<T, boost::json::array> || std::is_same_v<T, boost::json::string>;

template <class>
inline constexpr bool unsupported = false;

}  // namespace detail

/// Appends one parameter: strings, bool, integers, double, core::Timestamp, boost::json values (serialized,
/// for json/jsonb), std::vector of strings or integers (array literal), std::optional<T> and std::nullopt.
template <class T>
void append_param(ParamList& out, const T& v) {
    if constexpr (std::is_same_v<T, std::nullopt_t>) {
        out.push_null();
    } else if constexpr (detail::is_optional<T>::value) {
        if (v)
            append_param(out, *v);
        else
            out.push_null();
    } else if constexpr (std::is_same_v<T, bool>) {
        out.push(v ? "t" : "f");
    } else if constexpr (detail::is_char_type<T>) {
        static_assert(detail::unsupported<T>, "pass a character as a string");
    } else if constexpr (std::is_integral_v<T>) {
        static_assert(sizeof(T) < 8 || std::is_signed_v<T>, "unsigned 64-bit integers do not fit bigint");
        out.push(text::encode_integer(static_cast<std::int64_t>(v)));
    } else if constexpr (std::is_floating_point_v<T>) {
        out.push(text::encode_double(static_cast<double>(v)));
    } else if constexpr (detail::is_json<T>) {
        out.push(boost::json::serialize(v));
    } else if constexpr (detail::is_sys_time<T>::value) {
        out.push(text::encode_timestamp(std::chrono::floor<std::chrono::microseconds>(v)));
    } else if constexpr (std::is_same_v<T, const char*> || std::is_same_v<T, char*>) {
        if (v == nullptr)
            out.push_null();
        else
            out.push(std::string(v));
    } else if constexpr (std::is_convertible_v<const T&, std::string_view>) {
        out.push(std::string(std::string_view(v)));
    } else if constexpr (detail::is_vector<T>::value) {
        using E = typename T::value_type;
        if constexpr (std::is_same_v<E, std::string> || std::is_same_v<E, std::string_view> ||
                      std::is_same_v<E, std::optional<std::string>> || std::is_same_v<E, std::int64_t>) {
            out.push(text::encode_array(v));
        } else if constexpr (std::is_integral_v<E> && !std::is_same_v<E, bool> && !detail::is_char_type<E>) {
            out.push(text::encode_array(std::vector<std::int64_t>(v.begin(), v.end())));
        } else {
            static_assert(detail::unsupported<T>, "unsupported array parameter element type");
        }
    } else {
        static_assert(detail::unsupported<T>, "unsupported parameter type");
    }
}

/// Returns the parameters $1, $2, ... in order. Throws DbError (query) for a string holding a NUL byte.
template <class... Ps>
ParamList encode_params(const Ps&... ps) {
    ParamList out;
    out.reserve(sizeof...(Ps));
    (append_param(out, ps), ...);
    return out;
}

}  // namespace superapp::platform::db
