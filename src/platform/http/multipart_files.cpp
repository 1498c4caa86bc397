#include "platform/http/multipart_files.hpp"

#include "platform/http/api_error.hpp"

namespace superapp::platform::http::multipart {
namespace {

constexpr std::size_t kReadChunkBytes = 256 * 1024;

// Sends file parts to temporary files and text parts to memory.
class Splitter final : public PartSink {
  public:
    Splitter(SpooledForm& form, const std::filesystem::path& dir, std::size_t max_field_bytes)
        : form_(form), dir_(dir), max_field_bytes_(max_field_bytes) {}

    void on_part_begin(const PartHeader& header) override {
        if (header.filename) {
            form_.files.push_back({header, std::make_shared<core::TempFile>(core::TempFile::create(dir_))});
            file_ = form_.files.back().file.get();
        } else {
            form_.fields.emplace_back(header.name, std::string());
            file_ = nullptr;
        }
    }
    void on_part_data(std::string_view bytes) override {
        if (file_) return file_->append(bytes);
        std::string& value = form_.fields.back().second;
        if (value.size() + bytes.size() > max_field_bytes_) {
            throw ApiError(
                413, "PAYLOAD_TOO_LARGE",
                form_.fields.back().first + " must be at most " + std::to_string(max_field_bytes_) + " bytes");
        }
        value.append(bytes);
    }
    void on_part_end() override {
        if (!file_) check_text_field(form_.fields.back().first, std::nullopt, form_.fields.back().second);
        file_ = nullptr;
    }

  private:
    SpooledForm& form_;
    const std::filesystem::path& dir_;
    std::size_t max_field_bytes_;
    core::TempFile* file_ = nullptr;
};

}  // namespace

SpooledForm split_form_data(std::string_view content_type, const core::TempFile& body, const std::filesystem::path& dir,
                            const Limits& limits, std::size_t max_field_bytes) {
    const std::string boundary = boundary_of(content_type);
    SpooledForm form;
    Splitter splitter(form, dir, max_field_bytes);
    Parser parser(boundary, limits, splitter);
    for (std::uint64_t offset = 0; offset < body.size(); offset += kReadChunkBytes) {
        parser.feed(body.read(offset, kReadChunkBytes));
    }
    parser.finish();
    return form;
}

}  // namespace superapp::platform::http::multipart
