#pragma once
#include <boost/json/value.hpp>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/time.hpp"

struct pg_result;  // libpq's PGresult

namespace superapp::platform::db {

/// One row of a Result; a view, valid while its Result lives. Columns are 0-based.
class Row {
  public:
    Row(const pg_result* res, int row) : res_(res), row_(row) {}

    /// Returns the value of column `col` as T: std::string, std::string_view (into the Result), bool,
    /// std::int16_t/int32_t/int64_t, double, core::Timestamp, boost::json::value (json/jsonb),
    /// std::vector<std::string>, std::vector<std::optional<std::string>>, std::vector<std::int64_t>.
    /// Throws DbError (decode) when the value is NULL or does not fit T. Any thread.
    template <class T>
    T get(int col) const {
        T out{};
        decode(col, out);
        return out;
    }
    /// Same, by column name (exact, case-sensitive). Throws DbError (decode) when there is no such column.
    template <class T>
    T get(std::string_view name) const {
        return get<T>(column(name));
    }
    /// Returns nullopt for NULL, else as get<T>.
    template <class T>
    std::optional<T> get_optional(int col) const {
        if (is_null(col)) return std::nullopt;
        return get<T>(col);
    }
    template <class T>
    std::optional<T> get_optional(std::string_view name) const {
        return get_optional<T>(column(name));
    }
    /// Returns true when the value is SQL NULL. Throws DbError (decode) for a bad column.
    bool is_null(int col) const;
    bool is_null(std::string_view name) const { return is_null(column(name)); }
    /// Returns the index of the named column. Throws DbError (decode) when absent.
    int column(std::string_view name) const;
    /// Returns how many columns there are.
    int columns() const;

  private:
    std::string_view raw(int col, const char* wanted) const;  // the non-NULL text, or throws
    unsigned type_of(int col) const;
    [[noreturn]] void fail(int col, const std::string& why) const;

    void decode(int col, std::string& out) const;
    void decode(int col, std::string_view& out) const;
    void decode(int col, bool& out) const;
    void decode(int col, std::int16_t& out) const;
    void decode(int col, std::int32_t& out) const;
    void decode(int col, std::int64_t& out) const;
    void decode(int col, double& out) const;
    void decode(int col, core::Timestamp& out) const;
    void decode(int col, boost::json::value& out) const;
    void decode(int col, std::vector<std::string>& out) const;
    void decode(int col, std::vector<std::optional<std::string>>& out) const;
    void decode(int col, std::vector<std::int64_t>& out) const;

    const pg_result* res_;
    int row_;
};

/// The rows a statement returned; owns the PGresult. Move-only.
class Result {
  public:
    class iterator {
      public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = Row;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = Row;

        iterator() = default;
        iterator(const pg_result* res, int row) : res_(res), row_(row) {}
        Row operator*() const { return Row(res_, row_); }
        iterator& operator++() {
            ++row_;
            return *this;
        }
        iterator operator++(int) {
            iterator old = *this;
            ++row_;
            return old;
        }
        bool operator==(const iterator& other) const { return row_ == other.row_; }

      private:
        const pg_result* res_ = nullptr;
        int row_ = 0;
    };

    Result() = default;
    /// Takes ownership of `res` (PQclear on destruction).
    explicit Result(pg_result* res) : res_(res) {}

    /// Returns the number of rows.
    std::size_t size() const;
    bool empty() const { return size() == 0; }
    /// Returns row `i`; reading a row past the end throws DbError (decode).
    Row operator[](std::size_t i) const { return Row(res_.get(), static_cast<int>(i)); }
    iterator begin() const { return iterator(res_.get(), 0); }
    iterator end() const { return iterator(res_.get(), static_cast<int>(size())); }
    /// Returns the row count of INSERT/UPDATE/DELETE/SELECT/MERGE (PQcmdTuples), 0 for other commands.
    std::int64_t affected_rows() const;
    /// Returns the number of columns.
    int columns() const;
    /// Returns the index of the named column. Throws DbError (decode) when absent.
    int column(std::string_view name) const;
    /// Returns the name of column `col`.
    std::string_view column_name(int col) const;

  private:
    struct Clear {
        void operator()(pg_result* res) const noexcept;
    };
    std::unique_ptr<pg_result, Clear> res_;
};

}  // namespace superapp::platform::db
