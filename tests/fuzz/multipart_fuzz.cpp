// libFuzzer target for the multipart/form-data parser (tests/fuzz/run builds and runs it).
//
// Input: byte 0 picks how the body is split (0: whole; n: pieces of n bytes); byte 1's low bit
// says whether the Content-Type comes from the input (up to the first '\n') or is the fixed
// one. Every input must be parsed without a crash, a leak or undefined behaviour, and feeding
// the body in pieces must give exactly what parsing it whole gives: the same parts, or the
// same refusal.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "platform/http/api_error.hpp"
#include "platform/http/multipart.hpp"

namespace mp = superapp::platform::http::multipart;
using superapp::platform::http::ApiError;

namespace {

struct Outcome {
    std::vector<mp::Part> parts;
    unsigned status = 0;
    std::string message;
};

constexpr mp::Limits kLimits{.max_parts = 4, .max_header_bytes = 256, .max_total_bytes = 1 << 20};

bool same(const Outcome& a, const Outcome& b) {
    if (a.status != b.status || a.message != b.message || a.parts.size() != b.parts.size()) return false;
    for (std::size_t i = 0; i < a.parts.size(); ++i) {
        const mp::Part& x = a.parts[i];
        const mp::Part& y = b.parts[i];
        if (x.name != y.name || x.filename != y.filename || x.content_type != y.content_type || x.data != y.data) {
            return false;
        }
    }
    return true;
}

struct Collector : mp::PartSink {
    std::vector<mp::Part>* out = nullptr;
    bool open = false;
    void on_part_begin(const mp::PartHeader& header) override {
        if (open) std::abort();  // begin without an end
        out->emplace_back();
        static_cast<mp::PartHeader&>(out->back()) = header;
        open = true;
    }
    void on_part_data(std::string_view bytes) override {
        if (!open) std::abort();  // data outside a part
        out->back().data.append(bytes);
    }
    void on_part_end() override {
        if (!open) std::abort();
        open = false;
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    const std::size_t step = data[0];
    const bool own_type = (data[1] & 1) != 0;
    std::string_view rest(reinterpret_cast<const char*>(data + 2), size - 2);
    std::string_view type = "multipart/form-data; boundary=XyZ";
    if (own_type) {
        const std::size_t eol = rest.find('\n');
        if (eol == std::string_view::npos) return 0;
        type = rest.substr(0, eol);
        rest.remove_prefix(eol + 1);
    }

    Outcome whole;
    try {
        whole.parts = mp::parse_form_data(type, rest, kLimits);
    } catch (const ApiError& e) {
        whole.status = e.status();
        whole.message = e.what();
    }

    std::string boundary;
    try {
        boundary = mp::boundary_of(type);
    } catch (const ApiError&) {
        if (whole.status == 0) std::abort();  // parse_form_data accepted a type boundary_of refuses
        return 0;
    }

    Outcome pieces;
    Collector sink;
    sink.out = &pieces.parts;
    try {
        mp::Parser parser(boundary, kLimits, sink);
        if (step == 0) {
            parser.feed(rest);
        } else {
            for (std::size_t i = 0; i < rest.size(); i += step) parser.feed(rest.substr(i, step));
        }
        parser.finish();
        if (sink.open) std::abort();  // finished with a part still open
        for (const mp::Part& part : pieces.parts) mp::check_text_field(part.name, part.filename, part.data);
    } catch (const ApiError& e) {
        pieces.status = e.status();
        pieces.message = e.what();
    }
    // A refused body may have delivered some parts before the refusal; compare only successes.
    if (whole.status != 0) pieces.parts.clear();
    if (pieces.status != 0) whole.parts.clear();
    if (!same(whole, pieces)) std::abort();
    return 0;
}
