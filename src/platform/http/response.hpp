#pragma once
#include <boost/json/fwd.hpp>
#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "platform/http/headers.hpp"

namespace superapp::platform::http {

inline constexpr std::string_view kJsonType = "application/json; charset=utf-8";
inline constexpr std::string_view kProblemType = "application/problem+json";

/// A body too large to hold in memory (a stored file or a part of it), read piece by piece while
/// the server writes it. The server calls read() on the blocking pool, one call at a time, and
/// destroys the source on an io thread once the response is written.
class BodySource {
  public:
    virtual ~BodySource() = default;
    /// The body's length in bytes: the response's Content-Length.
    virtual std::uint64_t size() const = 0;
    /// Copies up to `out.size()` bytes of the body from `offset` (below size()) into `out`; returns
    /// how many, fewer only at the end of what is there (0: the source is shorter than it said).
    /// May block on the file system. Throws std::system_error.
    virtual std::size_t read(std::uint64_t offset, std::span<char> out) const = 0;
};

/// One HTTP response before it is written: status, headers, and a complete body or a source the
/// body is streamed from.
struct Response {
    unsigned status = 200;
    Headers headers;
    std::string body;
    /// When set, the body instead of `body` (which stays empty): streamed, never held whole.
    std::shared_ptr<const BodySource> source;

    /// The body's length, whichever way it is held.
    std::uint64_t body_size() const { return source ? source->size() : body.size(); }
    /// Drops the body (a 304, a problem in place of a file).
    void clear_body() {
        body.clear();
        source.reset();
    }

    /// A JSON response; money and other doubles are written without exponents.
    static Response json(const boost::json::value& value, unsigned status = 200);
    /// A JSON response that is the caller's own and must not be stored by any cache (Cache-Control: no-store).
    static Response private_json(const boost::json::value& value, unsigned status = 200);
    /// A response with the given type and body.
    static Response text(std::string body, std::string_view content_type, unsigned status = 200);
    /// A response whose body is streamed from `source` (not compressed, not hashed for an ETag).
    static Response streamed(std::shared_ptr<const BodySource> source, std::string_view content_type,
                             unsigned status = 200);
    /// 204 No Content.
    static Response no_content();
};

}  // namespace superapp::platform::http
