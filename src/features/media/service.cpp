#include "features/media/service.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <stdexcept>

#include "features/media/sniff.hpp"
#include "features/media/video_probe.hpp"
#include "platform/core/blocking.hpp"
#include "platform/core/config.hpp"
#include "platform/core/log.hpp"
#include "platform/http/api_error.hpp"

namespace superapp::features::media {

namespace asio = boost::asio;
using platform::core::run_blocking;
using platform::http::ApiError;
using platform::http::RangeRequest;

namespace {

struct KeptType {
    std::string_view mime;
    std::string_view extension;
};

// The image types kept, and the one extension each is stored (and served) under.
// Adding a type here makes it both accepted and served.
constexpr KeptType kImageTypes[] = {
    {"image/jpeg", "jpg"},
    {"image/png", "png"},
    {"image/webp", "webp"},
};
constexpr KeptType kVideoTypes[] = {
    {"video/mp4", "mp4"},
    {"video/webm", "webm"},
};

constexpr std::size_t kNameHexDigits = 32;      // 128 random bits
constexpr std::size_t kSniffBytes = 64 * 1024;  // what sniff_mime_type looks at

template <std::size_t N>
const KeptType* find_type(const KeptType (&types)[N], std::string_view mime) {
    for (const KeptType& t : types) {
        if (t.mime == mime) return &t;
    }
    return nullptr;
}

const KeptType* type_of_extension(std::string_view extension) {
    for (const KeptType& t : kImageTypes) {
        if (t.extension == extension) return &t;
    }
    for (const KeptType& t : kVideoTypes) {
        if (t.extension == extension) return &t;
    }
    return nullptr;
}

std::string random_name(std::string_view extension) {
    unsigned char random[kNameHexDigits / 2];
    if (RAND_bytes(random, sizeof random) != 1) throw std::runtime_error("RAND_bytes failed");
    static constexpr char kHex[] = "0123456789abcdef";
    std::string name;
    name.reserve(kNameHexDigits + 1 + extension.size());
    for (unsigned char b : random) {
        name += kHex[b >> 4];
        name += kHex[b & 15];
    }
    name += '.';
    name += extension;
    return name;
}

}  // namespace

MediaSettings load_settings(const platform::core::Env& env) {
    MediaSettings settings;
    platform::core::EnvReader reader(env);
    std::string dir = settings.upload_dir.string();
    reader.string("UPLOAD_DIR", dir);
    if (dir.find('\0') != std::string::npos) reader.fail("UPLOAD_DIR", "must be a directory path");
    reader.throw_if_invalid();
    settings.upload_dir = dir;
    return settings;
}

MediaService::MediaService(MediaSettings settings) : files_(std::move(settings.upload_dir)) {}

bool MediaService::is_stored_name(std::string_view name) {
    if (name.size() <= kNameHexDigits + 1 || name[kNameHexDigits] != '.') return false;
    const std::string_view stem = name.substr(0, kNameHexDigits);
    if (!std::all_of(stem.begin(), stem.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); })) {
        return false;
    }
    return type_of_extension(name.substr(kNameHexDigits + 1)) != nullptr;
}

std::optional<std::string_view> MediaService::content_type_of(std::string_view name) {
    const std::size_t dot = name.rfind('.');
    if (dot == std::string_view::npos) return std::nullopt;
    const KeptType* type = type_of_extension(name.substr(dot + 1));
    if (!type) return std::nullopt;
    return type->mime;
}

std::optional<std::string_view> MediaService::name_in_url(std::string_view url) {
    if (!url.starts_with(kUrlPrefix)) return std::nullopt;
    const std::string_view name = url.substr(kUrlPrefix.size());
    if (!is_stored_name(name)) return std::nullopt;
    return name;
}

std::string MediaService::etag_of(std::string_view name) {
    return "\"" + std::string(name.substr(0, std::min(name.size(), kNameHexDigits))) + "\"";
}

namespace {

// The stored file for content of the sniffed type; 415 naming `field` when it is not a kept one.
StoredFile name_for(const std::string& sniffed, const std::string& field, bool video) {
    const KeptType* type = video ? find_type(kVideoTypes, sniffed) : find_type(kImageTypes, sniffed);
    if (!type) {
        const std::string wanted = video ? " must be an MP4 or WebM video" : " must be a JPEG, PNG or WebP image";
        throw ApiError(415, "UNSUPPORTED_MEDIA_TYPE", field + wanted + "; its content is " + sniffed);
    }
    StoredFile stored{random_name(type->extension), "", std::string(type->mime)};
    stored.url = std::string(MediaService::kUrlPrefix) + stored.name;
    return stored;
}

}  // namespace

asio::awaitable<StoredVideo> MediaService::keep_video(std::shared_ptr<platform::core::TempFile> file,
                                                      std::string field) {
    // Sniffed and probed on the blocking pool; a file refused is released there (its destructor removes it).
    const std::pair<std::string, std::optional<double>> found = co_await run_blocking([&file] {
        std::pair<std::string, std::optional<double>> out;
        if (file->size() > 0) out.first = sniff_mime_type(file->read(0, kSniffBytes));
        if (find_type(kVideoTypes, out.first)) out.second = video_duration_seconds(file->path());
        if (!out.second) file.reset();
        return out;
    });
    if (found.first.empty()) throw ApiError::invalid_field(field, "must not be empty");
    StoredVideo video{name_for(found.first, field, true), 0};
    if (!found.second) throw ApiError::invalid_field(field, "must be a video whose duration can be read");
    video.duration_seconds = *found.second;
    const std::filesystem::path target = files_.dir() / video.file.name;
    co_await run_blocking([&file, &target] {
        const std::shared_ptr<platform::core::TempFile> owned = std::move(file);
        owned->keep_as(target);
        return 0;
    });
    co_return video;
}

asio::awaitable<StoredFile> MediaService::keep_image(std::shared_ptr<platform::core::TempFile> file,
                                                     std::string field) {
    std::string bytes = co_await run_blocking([&file] {
        const std::shared_ptr<platform::core::TempFile> owned = std::move(file);
        return owned->read(0, owned->size());
    });
    co_return co_await save_image(std::move(bytes), std::move(field));
}

asio::awaitable<StoredFile> MediaService::save_image(std::string bytes, std::string field) {
    if (bytes.empty()) throw ApiError::invalid_field(field, "must not be empty");
    const std::string sniffed = co_await run_blocking([&bytes] { return sniff_mime_type(bytes); });
    StoredFile stored = name_for(sniffed, field, false);
    co_await run_blocking([this, &stored, &bytes] {
        files_.write(stored.name, bytes);
        return 0;
    });
    co_return stored;
}

asio::awaitable<void> MediaService::remove_url(std::string url) {
    const auto name = name_in_url(url);
    if (!name) co_return;
    const std::string file(*name);
    try {
        co_await run_blocking([this, &file] { return files_.remove(file); });
    } catch (const std::exception& e) {
        platform::core::log::warn("could not remove an upload", {{"file", file}, {"error", e.what()}});
    }
}

asio::awaitable<std::optional<FileRead>> MediaService::read(std::string name, std::string range_header) {
    if (!is_stored_name(name)) co_return std::nullopt;
    co_return co_await run_blocking([this, &name, &range_header]() -> std::optional<FileRead> {
        auto reader = files_.open(name);
        if (!reader) return std::nullopt;
        FileRead out;
        out.content_type = std::string(*content_type_of(name));
        out.size = reader->size();
        out.range = platform::http::interpret_range(range_header, out.size);
        switch (out.range.kind) {
            case RangeRequest::Kind::whole:
                out.body = std::make_shared<FileSpan>(std::move(*reader), 0, out.size);
                break;
            case RangeRequest::Kind::partial:
                out.body = std::make_shared<FileSpan>(std::move(*reader), out.range.first,
                                                      out.range.last - out.range.first + 1);
                break;
            case RangeRequest::Kind::unsatisfiable: break;
        }
        return out;
    });
}

}  // namespace superapp::features::media
