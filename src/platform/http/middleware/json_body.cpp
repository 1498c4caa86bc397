#include "platform/http/middleware/json_body.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value_stack.hpp>
#include <cstring>
#include <optional>
#include <vector>

#include "platform/http/api_error.hpp"
#include "platform/http/headers.hpp"

namespace superapp::platform::http::middleware {
namespace {

namespace json = boost::json;
using boost::system::error_code;

bool is_json_type(std::string_view content_type) {
    const std::string_view media = content_type.substr(0, content_type.find(';'));
    std::string_view trimmed = media;
    while (!trimmed.empty() && trimmed.back() == ' ') trimmed.remove_suffix(1);
    return iequals(trimmed, "application/json") ||
           (trimmed.size() > 5 && iequals(trimmed.substr(trimmed.size() - 5), "+json"));
}

std::string position_of(std::string_view text, std::size_t offset) {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

bool has_nul(json::string_view s) { return std::memchr(s.data(), '\0', s.size()) != nullptr; }

// Builds the value as boost::json::parser does (through a value_stack), and refuses while parsing
// what no route accepts: nesting deeper than kMaxJsonDepth, an object with more than
// kMaxJsonMembers members, a NUL in a string or member name (PostgreSQL stores neither). The
// parser itself refuses invalid UTF-8 and lone surrogates. Every check is O(1) per event, so the
// whole parse stays linear in the body; a refusal stops it at once.
class LimitedHandler {
  public:
    static constexpr std::size_t max_object_size = json::object::max_size();
    static constexpr std::size_t max_array_size = json::array::max_size();
    static constexpr std::size_t max_key_size = json::string::max_size();
    static constexpr std::size_t max_string_size = json::string::max_size();

    json::value_stack st;

    /// Set when the handler stopped the parse: the JSON path and why.
    std::optional<core::FieldError> refusal;

    bool on_document_begin(error_code&) { return true; }
    bool on_document_end(error_code&) { return true; }

    bool on_object_begin(error_code& ec) { return open(true, ec); }
    bool on_object_end(std::size_t n, error_code&) {
        st.push_object(n);
        close();
        return true;
    }
    bool on_array_begin(error_code& ec) { return open(false, ec); }
    bool on_array_end(std::size_t n, error_code&) {
        st.push_array(n);
        close();
        return true;
    }

    bool on_key_part(json::string_view s, std::size_t, error_code& ec) {
        if (has_nul(s)) return refuse(container_path(), "has a member name that contains NUL (\\u0000)", ec);
        key_.append(s.data(), s.size());
        st.push_chars(s);
        return true;
    }
    bool on_key(json::string_view s, std::size_t, error_code& ec) {
        if (has_nul(s)) return refuse(container_path(), "has a member name that contains NUL (\\u0000)", ec);
        Frame& object = frames_.back();
        if (++object.count > kMaxJsonMembers) {
            return refuse(
                container_path(),
                "has more than " + std::to_string(kMaxJsonMembers) + " members (the limit for one JSON object)", ec);
        }
        key_.append(s.data(), s.size());
        object.key = std::move(key_);
        key_.clear();
        st.push_key(s);
        return true;
    }

    bool on_string_part(json::string_view s, std::size_t, error_code& ec) {
        if (has_nul(s)) return refuse(value_path(), "must not contain NUL (\\u0000)", ec);
        st.push_chars(s);
        return true;
    }
    bool on_string(json::string_view s, std::size_t, error_code& ec) {
        if (has_nul(s)) return refuse(value_path(), "must not contain NUL (\\u0000)", ec);
        st.push_string(s);
        value_done();
        return true;
    }

    bool on_number_part(json::string_view, error_code&) { return true; }
    bool on_int64(std::int64_t i, json::string_view, error_code&) {
        st.push_int64(i);
        value_done();
        return true;
    }
    bool on_uint64(std::uint64_t u, json::string_view, error_code&) {
        st.push_uint64(u);
        value_done();
        return true;
    }
    bool on_double(double d, json::string_view, error_code&) {
        st.push_double(d);
        value_done();
        return true;
    }
    bool on_bool(bool b, error_code&) {
        st.push_bool(b);
        value_done();
        return true;
    }
    bool on_null(error_code&) {
        st.push_null();
        value_done();
        return true;
    }
    bool on_comment_part(json::string_view, error_code&) { return true; }
    bool on_comment(json::string_view, error_code&) { return true; }

  private:
    // One open object or array. In an object, key is the member being read; in an array, count is
    // how many elements are complete, so it is the index of the one being read.
    struct Frame {
        bool object = false;
        std::size_t count = 0;
        std::string key;
    };

    bool open(bool object, error_code& ec) {
        if (frames_.size() >= kMaxJsonDepth) {
            return refuse(value_path(),
                          "nests deeper than " + std::to_string(kMaxJsonDepth) + " levels (the limit for JSON bodies)",
                          ec);
        }
        frames_.push_back(Frame{object, 0, {}});
        return true;
    }

    void close() {
        frames_.pop_back();
        value_done();
    }

    void value_done() {
        if (!frames_.empty() && !frames_.back().object) ++frames_.back().count;
    }

    // The path of the value being read in the innermost open container ("" is the whole body).
    std::string value_path() const { return path_through(frames_.size()); }
    // The path of the innermost open container.
    std::string container_path() const { return path_through(frames_.empty() ? 0 : frames_.size() - 1); }

    std::string path_through(std::size_t levels) const {
        std::string out;
        for (std::size_t i = 0; i < levels; ++i) {
            const Frame& f = frames_[i];
            if (f.object) {
                if (!out.empty()) out += '.';
                out += f.key;
            } else {
                out += '[' + std::to_string(f.count) + ']';
            }
        }
        return out;
    }

    bool refuse(std::string field, std::string message, error_code& ec) {
        refusal = core::FieldError{std::move(field), std::move(message)};
        ec = make_error_code(json::error::exception);
        return false;
    }

    std::vector<Frame> frames_;
    std::string key_;  // the parts of a member name split across writes
};

}  // namespace

void parse_json_body(Request& req) {
    if (req.body.empty()) return;
    if (!is_json_type(req.header("Content-Type"))) {
        throw ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "request body must be application/json");
    }
    json::parse_options options;
    options.max_depth = 2 * kMaxJsonDepth;  // the handler refuses first, naming the path
    json::basic_parser<LimitedHandler> parser(options);
    parser.handler().st.reset();
    error_code ec;
    // One complete JSON text: incomplete input or extra data is an error, and the count returned
    // is where parsing stopped.
    std::size_t consumed = parser.write_some(false, req.body.data(), req.body.size(), ec);
    if (!ec && consumed < req.body.size()) ec = json::error::extra_data;
    if (auto& refusal = parser.handler().refusal) {
        std::string detail =
            "request body refused: " + (refusal->field.empty() ? std::string("the body") : refusal->field) + " " +
            refusal->message;
        throw ApiError(422, "VALIDATION_FAILED", std::move(detail), {std::move(*refusal)});
    }
    if (ec) {
        throw ApiError(400, "MALFORMED_JSON",
                       "request body is not valid JSON at " + position_of(req.body, consumed) + ": " + ec.message());
    }
    req.json = parser.handler().st.release();
}

}  // namespace superapp::platform::http::middleware
