#pragma once
#include <string>
#include <utility>
#include <vector>

namespace superapp::features::catalog {

/// Settings every database session starts with for the catalog's queries (PoolOptions::session_settings).
/// `<%` (the typo-tolerant search) matches names whose closest word is at least 0.5 similar: the default
/// 0.6 misses one dropped letter in a 7-letter word ("basmti" vs "basmati" is 0.57). A session setting
/// rather than SET LOCAL, so a search is one statement and needs no transaction.
inline std::vector<std::pair<std::string, std::string>> session_settings() {
    return {{"pg_trgm.word_similarity_threshold", "0.5"}};
}

}  // namespace superapp::features::catalog
