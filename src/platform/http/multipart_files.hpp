#pragma once
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

#include "platform/core/temp_file.hpp"
#include "platform/http/multipart.hpp"
#include "platform/http/request.hpp"

namespace superapp::platform::http::multipart {

/// A file part of a form, on disk.
struct FilePart : PartHeader {
    std::shared_ptr<core::TempFile> file;
};

/// A multipart/form-data body split into its text fields (in memory) and file parts (on disk).
struct SpooledForm {
    NameValues fields;  ///< parts without a filename, in order
    std::vector<FilePart> files;
};

/// Splits a form kept on disk (a BodyKind::file route's body): each part with a filename goes to
/// a new temporary file in `dir`, each other part (at most `max_field_bytes`) to `fields`.
/// Blocks on the file system: call it through core::run_blocking. Throws as Parser (400, 413),
/// ApiError 413 naming a text field over max_field_bytes, as check_text_field (422) for a text
/// field that is not UTF-8 text without NUL, std::system_error for I/O failures.
SpooledForm split_form_data(std::string_view content_type, const core::TempFile& body, const std::filesystem::path& dir,
                            const Limits& limits, std::size_t max_field_bytes = 64 * 1024);

}  // namespace superapp::platform::http::multipart
