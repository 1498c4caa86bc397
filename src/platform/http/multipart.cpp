#include "platform/http/multipart.hpp"

#include <algorithm>
#include <utility>

#include "platform/core/utf8.hpp"
#include "platform/http/api_error.hpp"
#include "platform/http/headers.hpp"

namespace superapp::platform::http::multipart {
namespace {

constexpr std::size_t kMaxBoundary = 70;
constexpr std::size_t kMaxPadding = 64;  // transport padding after a delimiter

ApiError malformed(std::string message) { return ApiError(400, "MALFORMED_MULTIPART", std::move(message)); }

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    return out;
}

// RFC 9110 tchar.
bool is_token_char(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// RFC 2046 bchars (bcharsnospace plus space).
bool is_boundary_char(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    return std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

struct Parameters {
    std::string value;                                        // before the first ';', trimmed
    std::vector<std::pair<std::string, std::string>> params;  // names lower-case, in order
};

// Parses `value *( OWS ";" OWS name "=" ( token / quoted-string ) )` as Content-Type and
// Content-Disposition carry it. A quoted-string takes backslash escapes; a repeated parameter
// is an error, since two readers could pick different ones. `what` names the header in errors.
Parameters parse_parameters(std::string_view text, std::string_view what) {
    Parameters out;
    const std::size_t semi = text.find(';');
    out.value = std::string(trim(text.substr(0, semi)));
    std::size_t i = semi;
    while (i != std::string_view::npos && i < text.size()) {
        ++i;  // past ';'
        while (i < text.size() && is_space(text[i])) ++i;
        if (i == text.size()) break;  // a trailing ';'
        const std::size_t name_start = i;
        while (i < text.size() && is_token_char(text[i])) ++i;
        const std::string name = lower(text.substr(name_start, i - name_start));
        while (i < text.size() && is_space(text[i])) ++i;
        if (name.empty() || i == text.size() || text[i] != '=') {
            throw malformed(std::string(what) + " has a malformed parameter");
        }
        ++i;
        while (i < text.size() && is_space(text[i])) ++i;
        std::string value;
        if (i < text.size() && text[i] == '"') {
            ++i;
            bool closed = false;
            while (i < text.size()) {
                const char c = text[i++];
                if (c == '"') {
                    closed = true;
                    break;
                }
                if (c == '\\') {
                    if (i == text.size()) break;
                    value += text[i++];
                } else {
                    value += c;
                }
            }
            if (!closed)
                throw malformed(std::string(what) + " parameter " + name + " has an unterminated quoted value");
            while (i < text.size() && is_space(text[i])) ++i;
            if (i < text.size() && text[i] != ';') {
                throw malformed(std::string(what) + " parameter " + name + " has characters after its quoted value");
            }
        } else {
            const std::size_t end = std::min(text.find(';', i), text.size());
            value = std::string(trim(text.substr(i, end - i)));
            if (value.empty()) throw malformed(std::string(what) + " parameter " + name + " has no value");
            i = end;
        }
        for (const auto& [seen, _] : out.params) {
            if (seen == name) throw malformed(std::string(what) + " repeats the parameter " + name);
        }
        out.params.emplace_back(name, std::move(value));
        if (i >= text.size()) break;
    }
    return out;
}

const std::string* find_param(const Parameters& p, std::string_view name) {
    for (const auto& [n, v] : p.params) {
        if (n == name) return &v;
    }
    return nullptr;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// RFC 8187 ext-value: charset'language'percent-encoded. Only UTF-8 is read; another charset
// gives nullopt (the plain filename is used instead).
std::optional<std::string> decode_ext_value(std::string_view text) {
    const std::size_t q1 = text.find('\'');
    const std::size_t q2 = q1 == std::string_view::npos ? q1 : text.find('\'', q1 + 1);
    if (q2 == std::string_view::npos) throw malformed("Content-Disposition filename* is not charset'language'value");
    if (!iequals(text.substr(0, q1), "utf-8")) return std::nullopt;
    std::string out;
    for (std::size_t i = q2 + 1; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        const int hi = i + 1 < text.size() ? hex_value(text[i + 1]) : -1;
        const int lo = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
        if (hi < 0 || lo < 0) throw malformed("Content-Disposition filename* has a malformed percent-encoding");
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return out;
}

}  // namespace

std::string boundary_of(std::string_view content_type) {
    const Parameters p = parse_parameters(content_type, "Content-Type");
    if (!iequals(p.value, "multipart/form-data")) {
        throw ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "request body must be multipart/form-data");
    }
    const std::string* boundary = find_param(p, "boundary");
    if (!boundary) throw malformed("Content-Type has no boundary parameter");
    if (boundary->empty() || boundary->size() > kMaxBoundary) {
        throw malformed("the multipart boundary must be 1 to 70 characters");
    }
    if (!std::all_of(boundary->begin(), boundary->end(), is_boundary_char) || boundary->back() == ' ') {
        throw malformed("the multipart boundary holds a character RFC 2046 does not allow");
    }
    return *boundary;
}

Parser::Parser(std::string_view boundary, const Limits& limits, PartSink& sink)
    : delimiter_("\r\n--" + std::string(boundary)), limits_(limits), sink_(sink) {
    // The first delimiter may open the body without a CRLF before it; a CRLF put in front
    // lets one search find it either way.
    carry_ = "\r\n";
}

void Parser::fail(const std::string& message) {
    state_ = State::failed;
    throw malformed(message);
}

void Parser::feed(std::string_view bytes) {
    if (state_ == State::failed) throw malformed("the multipart body was already refused");
    total_ += bytes.size();
    if (total_ > limits_.max_total_bytes) {
        state_ = State::failed;
        throw ApiError(413, "PAYLOAD_TOO_LARGE",
                       "the multipart body is larger than " + std::to_string(limits_.max_total_bytes) + " bytes");
    }
    // The carry (at most a header block or a delimiter) is joined with a bounded window of the
    // new bytes; once it is used up, the rest is parsed where it lies, without a copy.
    const std::size_t window = limits_.max_header_bytes + delimiter_.size() + kMaxPadding + 2;
    try {
        while (!bytes.empty() && state_ != State::epilogue) {
            if (carry_.empty()) {
                const std::size_t used = consume(bytes);
                carry_.assign(bytes.substr(used));
                break;
            }
            const std::size_t old = carry_.size();
            const std::size_t take = std::min(bytes.size(), window);
            carry_.append(bytes.substr(0, take));
            const std::string data = std::move(carry_);
            carry_.clear();
            const std::size_t used = consume(data);
            if (used >= old) {
                bytes.remove_prefix(used - old);
            } else {
                carry_.assign(std::string_view(data).substr(used));
                bytes.remove_prefix(take);
            }
        }
    } catch (...) {
        state_ = State::failed;
        throw;
    }
    if (state_ == State::epilogue) carry_.clear();
}

void Parser::finish() {
    if (state_ == State::failed) throw malformed("the multipart body was already refused");
    if (state_ != State::epilogue) fail("the multipart body ends before its closing boundary");
}

// Runs the state machine over `data`; returns how many bytes it used. The rest (a possible
// start of a delimiter or of a header line) is kept for the next call.
std::size_t Parser::consume(std::string_view data) {
    std::size_t pos = 0;
    const std::size_t keep = delimiter_.size() - 1;
    for (;;) {
        switch (state_) {
            case State::preamble: {
                const std::size_t at = data.find(delimiter_, pos);
                if (at == std::string_view::npos) {
                    return std::max(pos, data.size() > keep ? data.size() - keep : 0);
                }
                pos = at + delimiter_.size();
                state_ = State::after_delimiter;
                break;
            }
            case State::after_delimiter: {
                if (data.size() - pos < 2) return pos;
                if (data.compare(pos, 2, "--") == 0) {
                    state_ = State::epilogue;
                    return data.size();
                }
                std::size_t i = pos;
                while (i < data.size() && is_space(data[i]) && i - pos <= kMaxPadding) ++i;
                if (i - pos > kMaxPadding) fail("a boundary delimiter is followed by too much white space");
                if (data.size() - i < 2) return pos;
                if (data[i] != '\r' || data[i + 1] != '\n') {
                    fail(
                        "a boundary delimiter must be followed by CRLF or \"--\" (or the boundary occurs inside a "
                        "part)");
                }
                pos = i + 2;
                state_ = State::headers;
                header_bytes_ = 0;
                headers_.clear();
                break;
            }
            case State::headers: {
                const std::size_t eol = data.find("\r\n", pos);
                std::size_t line_end = eol;
                if (eol == std::string_view::npos) {
                    // A CR at the end may be the start of the CRLF: not part of the line (yet).
                    line_end = data.size();
                    if (line_end > pos && data[line_end - 1] == '\r') --line_end;
                }
                if (header_bytes_ + (line_end - pos) > limits_.max_header_bytes) {
                    fail("part " + std::to_string(parts_ + 1) + " has headers larger than " +
                         std::to_string(limits_.max_header_bytes) + " bytes");
                }
                if (eol == std::string_view::npos) return pos;
                header_bytes_ += eol - pos + 2;
                const std::string_view line = data.substr(pos, eol - pos);
                pos = eol + 2;
                if (line.empty()) {
                    begin_part();
                    state_ = State::body;
                } else {
                    header_line(line);
                }
                break;
            }
            case State::body: {
                const std::size_t at = data.find(delimiter_, pos);
                if (at == std::string_view::npos) {
                    const std::size_t safe = data.size() > keep ? data.size() - keep : 0;
                    if (safe > pos) {
                        sink_.on_part_data(data.substr(pos, safe - pos));
                        pos = safe;
                    }
                    return pos;
                }
                if (at > pos) sink_.on_part_data(data.substr(pos, at - pos));
                sink_.on_part_end();
                pos = at + delimiter_.size();
                state_ = State::after_delimiter;
                break;
            }
            case State::epilogue:
            case State::failed: return data.size();
        }
    }
}

void Parser::header_line(std::string_view line) {
    const std::string where = "part " + std::to_string(parts_ + 1);
    for (char c : line) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u == 0x7f) fail(where + " has a control character in its headers");
    }
    if (is_space(line.front())) {  // obsolete line folding: continues the previous header
        if (headers_.empty()) fail(where + " starts its headers with a continuation line");
        headers_.back().second += ' ';
        headers_.back().second += trim(line);
        return;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0 ||
        !std::all_of(line.begin(), line.begin() + static_cast<std::ptrdiff_t>(colon), is_token_char)) {
        fail(where + " has a malformed header line");
    }
    headers_.emplace_back(lower(line.substr(0, colon)), std::string(trim(line.substr(colon + 1))));
}

void Parser::begin_part() {
    const std::string where = "part " + std::to_string(parts_ + 1);
    if (parts_ == limits_.max_parts)
        fail("the multipart body has more than " + std::to_string(limits_.max_parts) + " parts");
    const std::string* disposition = nullptr;
    const std::string* type = nullptr;
    for (const auto& [name, value] : headers_) {
        if (name == "content-disposition") {
            if (disposition) fail(where + " has two Content-Disposition headers");
            disposition = &value;
        } else if (name == "content-type") {
            if (type) fail(where + " has two Content-Type headers");
            type = &value;
        } else if (name == "content-transfer-encoding") {
            if (!iequals(value, "binary") && !iequals(value, "8bit") && !iequals(value, "7bit")) {
                fail(where + " uses a Content-Transfer-Encoding other than binary, 8bit or 7bit");
            }
        }  // RFC 7578 section 4.8: other headers are ignored
    }
    if (!disposition) fail(where + " has no Content-Disposition header");
    const Parameters p = parse_parameters(*disposition, where + " Content-Disposition");
    if (!iequals(p.value, "form-data")) fail(where + " Content-Disposition must be form-data");
    const std::string* name = find_param(p, "name");
    if (!name || name->empty()) fail(where + " has no field name");

    if (!core::is_storable_text(*name)) fail(where + " has a field name that is not UTF-8 text without NUL");

    PartHeader header;
    header.name = *name;
    if (const std::string* ext = find_param(p, "filename*")) header.filename = decode_ext_value(*ext);
    if (!header.filename) {
        if (const std::string* plain = find_param(p, "filename")) header.filename = *plain;
    }
    if (header.filename && !core::is_storable_text(*header.filename)) {
        throw ApiError::invalid_field(header.name, "has a filename that is not UTF-8 text without NUL");
    }
    if (type && !type->empty()) header.content_type = *type;
    ++parts_;
    sink_.on_part_begin(header);
}

namespace {

class Collector : public PartSink {
  public:
    explicit Collector(std::vector<Part>& parts) : parts_(parts) {}
    void on_part_begin(const PartHeader& header) override {
        Part part;
        static_cast<PartHeader&>(part) = header;
        parts_.push_back(std::move(part));
    }
    void on_part_data(std::string_view bytes) override { parts_.back().data.append(bytes); }
    void on_part_end() override {}

  private:
    std::vector<Part>& parts_;
};

}  // namespace

void check_text_field(std::string_view name, const std::optional<std::string>& filename, std::string_view value) {
    if (!filename && !core::is_storable_text(value)) {
        throw ApiError::invalid_field(std::string(name), "must be UTF-8 text without NUL");
    }
}

std::vector<Part> parse_form_data(std::string_view content_type, std::string_view body, const Limits& limits) {
    const std::string boundary = boundary_of(content_type);
    std::vector<Part> parts;
    Collector collector(parts);
    Parser parser(boundary, limits, collector);
    parser.feed(body);
    parser.finish();
    for (const Part& part : parts) check_text_field(part.name, part.filename, part.data);
    return parts;
}

}  // namespace superapp::platform::http::multipart
