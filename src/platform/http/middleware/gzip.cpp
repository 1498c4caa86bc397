#include "platform/http/middleware/gzip.hpp"

#include <zlib.h>

#include <charconv>

namespace superapp::platform::http::middleware {
namespace {

constexpr std::size_t kMinBytes = 1024;

std::string_view trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

bool compressible(std::string_view content_type) {
    return content_type.starts_with("application/json") || content_type.starts_with("application/problem+json") ||
           content_type.starts_with("text/") || content_type.starts_with("application/javascript") ||
           content_type.starts_with("application/yaml") || content_type.starts_with("image/svg+xml");
}

bool deflate_gzip(std::string_view input, std::string& output) {
    z_stream zs{};
    // windowBits 15 + 16 selects the gzip wrapper; level 5 trades little size for speed.
    if (deflateInit2(&zs, 5, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return false;
    output.resize(deflateBound(&zs, static_cast<uLong>(input.size())));
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
    zs.avail_in = static_cast<uInt>(input.size());
    zs.next_out = reinterpret_cast<Bytef*>(output.data());
    zs.avail_out = static_cast<uInt>(output.size());
    const int rc = deflate(&zs, Z_FINISH);
    output.resize(zs.total_out);
    deflateEnd(&zs);
    return rc == Z_STREAM_END;
}

}  // namespace

bool accepts_gzip(std::string_view accept_encoding) {
    bool star = false;
    while (!accept_encoding.empty()) {
        const std::size_t comma = accept_encoding.find(',');
        std::string_view item = trim(accept_encoding.substr(0, comma));
        accept_encoding = comma == std::string_view::npos ? std::string_view{} : accept_encoding.substr(comma + 1);
        std::string_view coding = trim(item.substr(0, item.find(';')));
        bool zero_q = false;
        if (const std::size_t q = item.find("q="); q != std::string_view::npos) {
            double value = 1;
            std::string_view text = item.substr(q + 2);
            std::from_chars(text.data(), text.data() + text.size(), value);
            zero_q = value <= 0;
        }
        if (coding == "gzip" || coding == "x-gzip") return !zero_q;
        if (coding == "*") star = !zero_q;
    }
    return star;
}

void gzip_if_accepted(const Request& req, Response& res) {
    // A streamed body (a stored file) goes out as it is: its types are compressed already.
    if (res.source || res.body.size() < kMinBytes || res.headers.has("Content-Encoding")) return;
    if (!compressible(res.headers.get("Content-Type"))) return;
    res.headers.add("Vary", "Accept-Encoding");
    if (!accepts_gzip(req.header("Accept-Encoding"))) return;
    std::string compressed;
    if (!deflate_gzip(res.body, compressed) || compressed.size() >= res.body.size()) return;
    res.body = std::move(compressed);
    res.headers.set("Content-Encoding", "gzip");
}

}  // namespace superapp::platform::http::middleware
