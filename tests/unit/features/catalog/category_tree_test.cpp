#include "features/catalog/category_tree.hpp"

#include <gtest/gtest.h>

namespace superapp::features::catalog {
namespace {

Category category(std::string id, std::string slug, std::optional<std::string> parent = std::nullopt) {
    Category c;
    c.id = std::move(id);
    c.slug = std::move(slug);
    c.parent_id = std::move(parent);
    return c;
}

TEST(CategoryTree, ASubtreeIsTheCategoryAndItsDescendantsByIdOrSlug) {
    const CategoryTree tree({category("a1", "food"), category("b1", "groceries", "a1"), category("c1", "rice", "b1"),
                             category("b2", "restaurants", "a1"), category("z9", "play")});
    EXPECT_EQ(tree.subtree("food"), (std::vector<std::string>{"a1", "b1", "b2", "c1"}));
    EXPECT_EQ(tree.subtree("b1"), (std::vector<std::string>{"b1", "c1"}));
    EXPECT_EQ(tree.subtree("rice"), (std::vector<std::string>{"c1"}));
    EXPECT_TRUE(tree.subtree("nothing").empty());
}

TEST(CategoryTree, AnInactiveCategoryHidesItsBranch) {
    // "b1" is inactive, so it is not in the list; its child is not reachable from "a1".
    const CategoryTree tree({category("a1", "food"), category("c1", "rice", "b1")});
    EXPECT_EQ(tree.subtree("a1"), (std::vector<std::string>{"a1"}));
}

}  // namespace
}  // namespace superapp::features::catalog
