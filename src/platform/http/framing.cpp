#include "platform/http/framing.hpp"

#include <boost/beast/core/string.hpp>
#include <boost/url/parse.hpp>
#include <string>
#include <vector>

namespace superapp::platform::http {

namespace {

constexpr std::string_view kEndOfHeader = "\r\n\r\n";

ApiError refused(std::string_view field, std::string_view message) {
    return ApiError(400, "BAD_REQUEST", std::string(field) + " " + std::string(message),
                    {{std::string(field), std::string(message)}});
}

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

// A control character other than HTAB (a CR or LF here is a bare one: lines are cut at CRLF).
bool has_control(std::string_view s) {
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u == 0x7f) return true;
    }
    return false;
}

bool is_digits(std::string_view s) {
    if (s.empty()) return false;
    for (const char c : s) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

// The elements of a comma-separated list (RFC 9110 section 5.6.1), empty ones dropped.
void append_list(std::string_view value, std::vector<std::string_view>& out) {
    for (;;) {
        const auto comma = value.find(',');
        const std::string_view item = trim(value.substr(0, comma));
        if (!item.empty()) out.push_back(item);
        if (comma == std::string_view::npos) return;
        value.remove_prefix(comma + 1);
    }
}

// uri-host [ ":" port ] (RFC 9110 section 7.2); empty is allowed for a target without an authority.
bool valid_host(std::string_view host) {
    if (host.empty()) return true;
    const auto authority = boost::urls::parse_authority(host);
    return authority && !authority->has_userinfo() && !authority->host().empty();
}

}  // namespace

std::size_t header_block_size(std::string_view bytes) {
    const auto end = bytes.find(kEndOfHeader);
    return end == std::string_view::npos ? 0 : end + kEndOfHeader.size();
}

std::optional<ApiError> framing_error(std::string_view header) {
    if (header.ends_with(kEndOfHeader)) header.remove_suffix(2);  // each line below ends with its CRLF
    const auto line_end = header.find("\r\n");
    if (line_end == std::string_view::npos) return std::nullopt;  // not a request line: Beast refuses it
    const std::string_view request_line = header.substr(0, line_end);
    if (has_control(request_line)) return refused("request line", "has a control character or a bare CR or LF");
    const bool http10 = request_line.ends_with(" HTTP/1.0");

    std::vector<std::string_view> codings;
    std::size_t transfer_encodings = 0;
    std::size_t content_lengths = 0;
    std::size_t hosts = 0;
    for (std::string_view rest = header.substr(line_end + 2); !rest.empty();) {
        const auto end = rest.find("\r\n");
        const std::string_view line = rest.substr(0, end);
        rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 2);

        if (!line.empty() && is_space(line.front())) {
            return refused("header", "line starts with whitespace (obsolete line folding)");
        }
        const auto colon = line.find(':');
        const std::string_view name = line.substr(0, colon);
        if (colon == std::string_view::npos) return refused("header", "line has no colon");
        if (!name.empty() && is_space(name.back())) return refused(trim(name), "has whitespace before its colon");
        const std::string_view value = trim(line.substr(colon + 1));
        if (has_control(name) || has_control(value)) {
            return refused(name, "has a control character or a bare CR or LF");
        }

        if (boost::beast::iequals(name, "Transfer-Encoding")) {
            ++transfer_encodings;
            append_list(value, codings);
        } else if (boost::beast::iequals(name, "Content-Length")) {
            if (++content_lengths > 1) return refused("Content-Length", "is given more than once");
            if (!is_digits(value)) return refused("Content-Length", "must be one decimal number");
        } else if (boost::beast::iequals(name, "Host")) {
            if (++hosts > 1) return refused("Host", "is given more than once");
            if (!valid_host(value)) return refused("Host", "must be a host name or address and an optional port");
        }
    }

    if (transfer_encodings > 0) {
        if (http10) return refused("Transfer-Encoding", "is not allowed in HTTP/1.0");
        if (content_lengths > 0) return refused("Transfer-Encoding", "is not allowed with Content-Length");
        // Only chunked is supported, and only once: any other list leaves the body's length to guesswork.
        if (codings.size() != 1 || !boost::beast::iequals(codings.front(), "chunked")) {
            return refused("Transfer-Encoding", "must be chunked alone");
        }
    }
    if (!http10 && hosts == 0) return refused("Host", "is required in HTTP/1.1");
    return std::nullopt;
}

}  // namespace superapp::platform::http
