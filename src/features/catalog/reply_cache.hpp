#pragma once
#include <string>

#include "platform/core/ttl_cache.hpp"

namespace superapp::features::catalog {

using platform::core::TtlCache;

/// A public reply as sent: its JSON text and the weak ETag of that text.
struct CachedReply {
    std::string body;
    std::string etag;
};
using ReplyCache = TtlCache<CachedReply>;

}  // namespace superapp::features::catalog
