#pragma once
#include <string>
#include <string_view>

namespace superapp::features::media {

/// The MIME type libmagic reads from the content itself ("image/jpeg", "text/x-shellscript",
/// "application/octet-stream", ...), from at most its first 64 KiB. Blocks: call it through
/// core::run_blocking, never on an io thread. Any thread (one libmagic handle per thread).
/// Throws std::runtime_error when libmagic cannot load its database.
std::string sniff_mime_type(std::string_view bytes);

}  // namespace superapp::features::media
