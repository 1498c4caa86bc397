#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace superapp::platform::core {

/// A file of our own in a directory, removed when this object dies unless it was kept (moved to
/// its final name). Every call blocks on the file system: run it through run_blocking, never on
/// an io thread (the destructor too: release the last owner on the blocking pool). One thread at
/// a time.
class TempFile {
  public:
    /// Creates an empty file with a unique name in `dir` (created when missing). Throws
    /// std::system_error.
    static TempFile create(const std::filesystem::path& dir);

    TempFile(TempFile&& other) noexcept;
    TempFile& operator=(TempFile&&) = delete;
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    ~TempFile();

    /// Appends bytes. Throws std::system_error.
    void append(std::string_view bytes);
    /// Reads up to `count` bytes from `offset` (fewer at the end). Throws std::system_error.
    std::string read(std::uint64_t offset, std::size_t count) const;
    /// Moves the file to `target` (same file system) after an fsync, and keeps it there. Throws
    /// std::system_error; the file is then still removed when this dies.
    void keep_as(const std::filesystem::path& target);

    const std::filesystem::path& path() const { return path_; }
    std::uint64_t size() const { return size_; }

  private:
    TempFile(std::filesystem::path path, int fd) : path_(std::move(path)), fd_(fd) {}

    std::filesystem::path path_;
    int fd_ = -1;
    std::uint64_t size_ = 0;
    bool kept_ = false;
};

}  // namespace superapp::platform::core
