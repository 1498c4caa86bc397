#include "platform/core/temp_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <system_error>
#include <utility>

namespace superapp::platform::core {
namespace {

[[noreturn]] void throw_errno(const std::string& what) {
    throw std::system_error(errno, std::generic_category(), what);
}

}  // namespace

TempFile TempFile::create(const std::filesystem::path& dir) {
    std::filesystem::create_directories(dir);
    std::string name = (dir / ".part-XXXXXX").string();
    const int fd = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd < 0) throw_errno("create a temporary file in " + dir.string());
    return TempFile(std::move(name), fd);
}

TempFile::TempFile(TempFile&& other) noexcept
    : path_(std::move(other.path_)),
      fd_(std::exchange(other.fd_, -1)),
      size_(other.size_),
      kept_(std::exchange(other.kept_, true)) {}

TempFile::~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!kept_) ::unlink(path_.c_str());
}

void TempFile::append(std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            throw_errno("write " + path_.string());
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
        size_ += static_cast<std::uint64_t>(n);
    }
}

std::string TempFile::read(std::uint64_t offset, std::size_t count) const {
    std::string out(count, '\0');
    std::size_t done = 0;
    while (done < out.size()) {
        const ssize_t n = ::pread(fd_, out.data() + done, out.size() - done, static_cast<off_t>(offset + done));
        if (n < 0) {
            if (errno == EINTR) continue;
            throw_errno("read " + path_.string());
        }
        if (n == 0) break;
        done += static_cast<std::size_t>(n);
    }
    out.resize(done);
    return out;
}

void TempFile::keep_as(const std::filesystem::path& target) {
    if (::fsync(fd_) != 0) throw_errno("fsync " + path_.string());
    if (::rename(path_.c_str(), target.c_str()) != 0) throw_errno("rename to " + target.string());
    path_ = target;
    kept_ = true;
}

}  // namespace superapp::platform::core
