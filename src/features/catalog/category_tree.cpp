#include "features/catalog/category_tree.hpp"

#include <unordered_set>

namespace superapp::features::catalog {

CategoryTree::CategoryTree(const std::vector<Category>& active) {
    for (const Category& c : active) {
        id_of_.emplace(c.slug, c.id);
        if (c.parent_id) children_[*c.parent_id].push_back(c.id);
    }
    // Ids win over slugs (a 24-hex slug could equal another category's id).
    for (const Category& c : active) id_of_[c.id] = c.id;
}

std::vector<std::string> CategoryTree::subtree(std::string_view id_or_slug) const {
    std::vector<std::string> ids;
    const auto found = id_of_.find(std::string(id_or_slug));
    if (found == id_of_.end()) return ids;
    // A set of the ids taken keeps a large subtree linear (each request with a category filter walks it).
    std::unordered_set<std::string_view> taken{found->second};
    ids.push_back(found->second);
    for (std::size_t i = 0; i < ids.size(); ++i) {  // each id once: bounded even if the data had a cycle
        const auto kids = children_.find(ids[i]);
        if (kids == children_.end()) continue;
        for (const std::string& kid : kids->second) {
            if (taken.insert(kid).second) ids.push_back(kid);
        }
    }
    return ids;
}

}  // namespace superapp::features::catalog
