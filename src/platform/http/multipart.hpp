#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace superapp::platform::http::multipart {

/// Bounds on what one body may hold; crossing one is the client's error, never a crash.
struct Limits {
    std::size_t max_parts = 16;
    std::size_t max_header_bytes = 8 * 1024;    ///< one part's header block
    std::size_t max_total_bytes = 1024 * 1024;  ///< the whole body, preamble and epilogue included
};

/// What a part's headers say about it.
struct PartHeader {
    std::string name;                         ///< Content-Disposition's `name`
    std::optional<std::string> filename;      ///< `filename*` (UTF-8) or `filename`; set for file fields
    std::string content_type = "text/plain";  ///< as the client sent it (RFC 7578's default); never trusted
};

/// A part with its content.
struct Part : PartHeader {
    std::string data;
};

/// Receives parts as the parser finds them: begin, data zero or more times, end.
class PartSink {
  public:
    virtual ~PartSink() = default;
    virtual void on_part_begin(const PartHeader& header) = 0;
    virtual void on_part_data(std::string_view bytes) = 0;
    virtual void on_part_end() = 0;
};

/// The boundary of a `multipart/form-data; boundary=...` Content-Type (quoted or not, 1-70
/// characters of RFC 2046's set). Throws ApiError 415 (UNSUPPORTED_MEDIA_TYPE) for another
/// media type, 400 (MALFORMED_MULTIPART) for a missing, repeated or invalid boundary. Any thread.
std::string boundary_of(std::string_view content_type);

/// An incremental multipart/form-data parser (RFC 7578 over RFC 2046 section 5.1): the body may
/// arrive split anywhere; the preamble and epilogue are ignored; a part needs a
/// Content-Disposition `form-data` with a `name`. Keeps at most one header block and one
/// delimiter's worth of bytes between calls. Throws ApiError 400 (MALFORMED_MULTIPART) naming
/// what is wrong, 413 (PAYLOAD_TOO_LARGE) past max_total_bytes; after a throw it stays failed.
/// One thread at a time.
class Parser {
  public:
    /// `boundary` as boundary_of returns it. The sink must outlive the parser.
    Parser(std::string_view boundary, const Limits& limits, PartSink& sink);

    /// Consumes the next bytes of the body. Throws as above.
    void feed(std::string_view bytes);
    /// Declares the end of the body. Throws ApiError 400 unless the closing delimiter was seen.
    void finish();
    /// Whether the closing delimiter has been seen (what follows is epilogue).
    bool done() const { return state_ == State::epilogue; }

  private:
    enum class State { preamble, after_delimiter, headers, body, epilogue, failed };

    std::size_t consume(std::string_view data);
    [[noreturn]] void fail(const std::string& message);
    void header_line(std::string_view line);
    void begin_part();

    std::string delimiter_;  // CRLF "--" boundary
    Limits limits_;
    PartSink& sink_;
    State state_ = State::preamble;
    std::string carry_;  // bytes that may be the start of a delimiter or a header line
    std::size_t total_ = 0;
    std::size_t parts_ = 0;
    std::size_t header_bytes_ = 0;
    std::vector<std::pair<std::string, std::string>> headers_;  // current part, names lower-case
};

/// For a text part (no filename): throws ApiError 422 naming the field unless its value is UTF-8
/// text without NUL. Part names and filenames are checked by the Parser (400 and 422). Any thread.
void check_text_field(std::string_view name, const std::optional<std::string>& filename, std::string_view value);

/// Parses a whole body sent with `content_type`: every part, in order, its text parts checked by
/// check_text_field. Throws as boundary_of, Parser and check_text_field. Any thread.
std::vector<Part> parse_form_data(std::string_view content_type, std::string_view body, const Limits& limits = {});

}  // namespace superapp::platform::http::multipart
