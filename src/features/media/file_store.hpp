#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "platform/http/response.hpp"

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
    /// Writes `name` atomically as write() does, with what `make` writes to the temporary path it
    /// is given (a library that writes files itself). Throws what `make` throws, std::system_error.
    void write_with(std::string_view name, const std::function<void(const std::filesystem::path&)>& make) const;
    /// Whether a regular file `name` is there (a symbolic link is not).
    bool exists(std::string_view name) const;

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
        /// Fills `out` from `offset`; returns how many bytes it read (fewer only at the end of the
        /// file). Any thread, several at once (pread). Throws std::system_error.
        std::size_t read(std::uint64_t offset, std::span<char> out) const;

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

/// The bytes [first, first + length) of an open file, as a response body the server streams.
/// Closing the file when the server drops it does not wait on the disk (it was only read).
class FileSpan final : public platform::http::BodySource {
  public:
    FileSpan(FileStore::Reader reader, std::uint64_t first, std::uint64_t length)
        : reader_(std::move(reader)), first_(first), length_(length) {}
    std::uint64_t size() const override { return length_; }
    std::size_t read(std::uint64_t offset, std::span<char> out) const override;

  private:
    FileStore::Reader reader_;
    std::uint64_t first_;
    std::uint64_t length_;
};

}  // namespace superapp::features::media
