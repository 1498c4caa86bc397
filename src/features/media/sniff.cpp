#include "features/media/sniff.hpp"

#include <magic.h>

#include <algorithm>
#include <stdexcept>

namespace superapp::features::media {
namespace {

// JPEG, PNG and WebP (and the video containers to come) are recognised from their first bytes.
constexpr std::size_t kSniffBytes = 64 * 1024;

// A libmagic handle is not safe to share between threads: each thread opens its own, once.
class MagicHandle {
  public:
    MagicHandle() : cookie_(magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS)) {
        if (!cookie_) throw std::runtime_error("libmagic: magic_open failed");
        if (magic_load(cookie_, nullptr) != 0) {
            const std::string why = magic_error(cookie_) ? magic_error(cookie_) : "unknown error";
            magic_close(cookie_);
            cookie_ = nullptr;
            throw std::runtime_error("libmagic: cannot load the magic database: " + why);
        }
    }
    ~MagicHandle() {
        if (cookie_) magic_close(cookie_);
    }
    MagicHandle(const MagicHandle&) = delete;
    MagicHandle& operator=(const MagicHandle&) = delete;

    magic_t get() const { return cookie_; }

  private:
    magic_t cookie_;
};

}  // namespace

std::string sniff_mime_type(std::string_view bytes) {
    thread_local MagicHandle handle;
    const char* type = magic_buffer(handle.get(), bytes.data(), std::min(bytes.size(), kSniffBytes));
    if (!type) {
        const char* why = magic_error(handle.get());
        throw std::runtime_error(std::string("libmagic: ") + (why ? why : "magic_buffer failed"));
    }
    return type;
}

}  // namespace superapp::features::media
