#pragma once
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "features/catalog/model.hpp"

namespace superapp::features::catalog {

/// The active categories as a tree, for resolving a list's category filter without a query. Pure;
/// unit-tested in tests/unit/features/catalog/category_tree_test.cpp.
class CategoryTree {
  public:
    /// `active`: every active category (an inactive one's children are left out with it).
    explicit CategoryTree(const std::vector<Category>& active);
    /// The ids of the category with this id or slug and of its descendants, that category first; empty
    /// when there is no such active category. As sql/category_subtree.sql reads it.
    std::vector<std::string> subtree(std::string_view id_or_slug) const;

  private:
    std::unordered_map<std::string, std::string> id_of_;  // id and slug -> id
    std::unordered_map<std::string, std::vector<std::string>> children_;
};

}  // namespace superapp::features::catalog
