#pragma once
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "features/media/file_store.hpp"
#include "platform/core/env.hpp"
#include "platform/core/temp_file.hpp"
#include "platform/http/range.hpp"
#include "platform/http/response.hpp"

namespace superapp::features::media {

/// Where uploads are kept: UPLOAD_DIR (default var/uploads, relative to the working directory).
struct MediaSettings {
    std::filesystem::path upload_dir = "var/uploads";
};

/// Reads the media settings from the environment. Throws core::ConfigError for invalid ones.
MediaSettings load_settings(const platform::core::Env& env);
/// Where files on their way in are written (BodyKind::file bodies and their parts): on the upload
/// directory's file system, so that keeping one is a rename.
inline std::filesystem::path incoming_dir(const MediaSettings& settings) { return settings.upload_dir / ".incoming"; }

/// A file the upload store has kept.
struct StoredFile {
    std::string name;          ///< 32 hex digits and the extension of its sniffed type
    std::string url;           ///< where GET serves it: "/uploads/<name>"
    std::string content_type;  ///< the sniffed type, e.g. "image/png"
};

/// A video kept from a file on disk, with the duration read from it.
struct StoredVideo {
    StoredFile file;
    double duration_seconds = 0;
};

/// One answer to a read of a stored file: the file is open, its bytes are read as they are sent.
struct FileRead {
    std::string content_type;
    std::uint64_t size = 0;  ///< the whole file's size
    platform::http::RangeRequest range;
    /// The whole file or the range asked for, to stream; null when the range is unsatisfiable.
    std::shared_ptr<const platform::http::BodySource> body;
};

/// Uploaded files: their content is sniffed (never the client's word), they are kept under a
/// random name with the extension of their real type, written atomically and served back
/// read-only. File work and libmagic run on the blocking pool; the coroutines may be awaited
/// from any io thread.
class MediaService {
  public:
    explicit MediaService(MediaSettings settings);

    /// Keeps `bytes` when their content is a JPEG, PNG or WebP image. Throws ApiError 422 naming
    /// `field` when empty, 415 (UNSUPPORTED_MEDIA_TYPE) naming the type found for anything else;
    /// std::system_error when the file cannot be written.
    boost::asio::awaitable<StoredFile> save_image(std::string bytes, std::string field);

    /// Keeps an MP4 or WebM video that is already on disk (a multipart part of a streamed body):
    /// sniffed from its first bytes, its duration read with libavformat, then moved into place,
    /// never read whole. Throws ApiError 422 naming `field` when it is empty or its duration
    /// cannot be read, 415 for another type; std::system_error for I/O failures. The temporary
    /// file is released on the blocking pool.
    boost::asio::awaitable<StoredVideo> keep_video(std::shared_ptr<platform::core::TempFile> file, std::string field);
    /// Keeps a JPEG, PNG or WebP image that is on disk (read into memory: callers bound its size),
    /// as save_image; the temporary file is released on the blocking pool.
    boost::asio::awaitable<StoredFile> keep_image(std::shared_ptr<platform::core::TempFile> file, std::string field);
    /// incoming_dir() of this service's settings.
    std::filesystem::path incoming_dir() const { return media::incoming_dir({files_.dir()}); }

    /// Removes the file a URL of ours points at; a foreign URL or a missing file is left alone.
    /// Failures are logged, never thrown: a stray file must not fail the request that replaced it.
    boost::asio::awaitable<void> remove_url(std::string url);

    /// Opens a stored file for a read of all of it, or of the one byte range `range_header` asks
    /// for (see platform::http::interpret_range); no byte is read yet. nullopt when `name` is not
    /// a stored name or no such file exists. Throws std::system_error for I/O failures.
    boost::asio::awaitable<std::optional<FileRead>> read(std::string name, std::string range_header);

    /// Whether `name` is one this service generates: 32 lowercase hex digits, '.', and the
    /// extension of a kept type. Anything else (paths, dots, NUL, upper case) is not.
    static bool is_stored_name(std::string_view name);
    /// The stored name a URL made by this service points at, or nullopt.
    static std::optional<std::string_view> name_in_url(std::string_view url);
    /// The Content-Type to serve a stored name with, from its extension; nullopt if not ours.
    static std::optional<std::string_view> content_type_of(std::string_view name);
    /// The strong validator of a stored file: its contents never change under one name.
    static std::string etag_of(std::string_view name);

    static constexpr std::string_view kUrlPrefix = "/uploads/";

  private:
    FileStore files_;
};

}  // namespace superapp::features::media
