#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "platform/db/params.hpp"

namespace superapp::features::catalog {

/// The columns a catalog write sets and their values. Column names and casts come from code,
/// never from input; values travel as parameters.
class Changes {
  public:
    template <class T>
    void set(std::string_view column, const T& value, std::string_view cast = "") {
        platform::db::append_param(params_, value);
        columns_.push_back(std::string(column));
        placeholders_.push_back("$" + std::to_string(params_.size()) + std::string(cast));
    }
    bool empty() const { return columns_.empty(); }
    bool has(std::string_view column) const {
        for (const auto& c : columns_) {
            if (c == column) return true;
        }
        return false;
    }

    /// "INSERT INTO table (a, b) VALUES ($1, $2) RETURNING returning"
    std::string insert_sql(std::string_view table, std::string_view returning) const {
        std::string cols, vals;
        for (std::size_t i = 0; i < columns_.size(); ++i) {
            cols += (i ? ", " : "") + columns_[i];
            vals += (i ? ", " : "") + placeholders_[i];
        }
        return "INSERT INTO " + std::string(table) + " (" + cols + ") VALUES (" + vals + ") RETURNING " +
               std::string(returning);
    }
    /// "UPDATE table SET a = $1, updated_at = now() WHERE id = $n [AND where] RETURNING returning";
    /// adds the id parameter.
    std::string update_sql(std::string_view table, const std::string& id, std::string_view where,
                           std::string_view returning) {
        std::string sql = "UPDATE " + std::string(table) + " SET ";
        for (std::size_t i = 0; i < columns_.size(); ++i) sql += columns_[i] + " = " + placeholders_[i] + ", ";
        platform::db::append_param(params_, id);
        sql += "updated_at = now() WHERE id = $" + std::to_string(params_.size());
        if (!where.empty()) sql += " AND " + std::string(where);
        return sql + " RETURNING " + std::string(returning);
    }
    platform::db::ParamList take_params() { return std::move(params_); }

  private:
    std::vector<std::string> columns_, placeholders_;
    platform::db::ParamList params_;
};

}  // namespace superapp::features::catalog
