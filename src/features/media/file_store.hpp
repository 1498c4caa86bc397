#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace superapp::features::media {

/// The upload directory; the only code that touches its files. Names are checked by the caller
/// (MediaService::is_stored_name) before they get here. Every call blocks on the file system:
/// run it through core::run_blocking, never on an io thread. Any thread.
class FileStore {
  public:
    explicit FileStore(std::filesystem::path dir) : dir_(std::move(dir)) {}

    /// Writes `bytes` as `name` atomically: a temporary file in the same directory, fsync,
    /// rename, fsync of the directory; a reader sees the whole file or none. Creates the
    /// directory when it is missing. Throws std::system_error (the temporary file is removed).
    void write(std::string_view name, std::string_view bytes) const;

    /// Removes `name`. Returns false when there was no such file; throws std::system_error for
    /// any other failure.
    bool remove(std::string_view name) const;

    /// A regular file opened for reading (symbolic links are not followed).
    class Reader {
      public:
        Reader(Reader&& other) noexcept : fd_(std::exchange(other.fd_, -1)), size_(other.size_) {}
        Reader& operator=(Reader&&) = delete;
        ~Reader();
        std::uint64_t size() const { return size_; }
        /// Returns `count` bytes from `offset` (fewer only if the file shrank). Throws std::system_error.
        std::string read(std::uint64_t offset, std::uint64_t count) const;

      private:
        friend class FileStore;
        Reader(int fd, std::uint64_t size) : fd_(fd), size_(size) {}
        int fd_;
        std::uint64_t size_;
    };

    /// Opens `name` for reading; nullopt when it is missing or not a regular file. Throws
    /// std::system_error for other failures.
    std::optional<Reader> open(std::string_view name) const;

    const std::filesystem::path& dir() const { return dir_; }

  private:
    std::filesystem::path dir_;
};

}  // namespace superapp::features::media
