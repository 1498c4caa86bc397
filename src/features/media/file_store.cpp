#include "features/media/file_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>
#include <utility>

namespace superapp::features::media {
namespace {

[[noreturn]] void throw_errno(const std::string& what) {
    throw std::system_error(errno, std::generic_category(), what);
}

class Fd {
  public:
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return fd_; }
    int release() { return std::exchange(fd_, -1); }

  private:
    int fd_;
};

void write_all(int fd, std::string_view bytes, const std::string& path) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            throw_errno("write " + path);
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
}

}  // namespace

void FileStore::write(std::string_view name, std::string_view bytes) const {
    write_with(name, [bytes](const std::filesystem::path& temp_path) {
        const std::string path = temp_path.string();
        Fd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644));
        if (fd.get() < 0) throw_errno("create " + path);
        write_all(fd.get(), bytes, path);
        if (::close(fd.release()) != 0) throw_errno("close " + path);
    });
}

void FileStore::write_with(std::string_view name, const std::function<void(const std::filesystem::path&)>& make) const {
    std::filesystem::create_directories(dir_);
    const std::filesystem::path final_path = dir_ / name;
    // Unique because the name is: no second random source (and none of OpenSSL's per-thread
    // state on the blocking pool's threads).
    const std::filesystem::path temp_path = dir_ / (".tmp-" + std::string(name));
    try {
        make(temp_path);
        Fd fd(::open(temp_path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
        if (fd.get() < 0) throw_errno("open " + temp_path.string());
        if (::fsync(fd.get()) != 0) throw_errno("fsync " + temp_path.string());
        if (::rename(temp_path.c_str(), final_path.c_str()) != 0) throw_errno("rename to " + final_path.string());
    } catch (...) {
        ::unlink(temp_path.c_str());
        throw;
    }
    // The rename is durable once the directory is on disk too.
    Fd dir(::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.get() >= 0) ::fsync(dir.get());
}

bool FileStore::exists(std::string_view name) const {
    struct stat st {};
    return ::lstat((dir_ / name).c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool FileStore::remove(std::string_view name) const {
    const std::string path = (dir_ / name).string();
    if (::unlink(path.c_str()) == 0) return true;
    if (errno == ENOENT) return false;
    throw_errno("unlink " + path);
}

FileStore::Reader::~Reader() {
    if (fd_ >= 0) ::close(fd_);
}

std::size_t FileStore::Reader::read(std::uint64_t offset, std::span<char> out) const {
    std::size_t done = 0;
    while (done < out.size()) {
        const ssize_t n = ::pread(fd_, out.data() + done, out.size() - done, static_cast<off_t>(offset + done));
        if (n < 0) {
            if (errno == EINTR) continue;
            throw_errno("pread");
        }
        if (n == 0) break;
        done += static_cast<std::size_t>(n);
    }
    return done;
}

std::size_t FileSpan::read(std::uint64_t offset, std::span<char> out) const {
    if (offset >= length_) return 0;
    if (out.size() > length_ - offset) out = out.first(static_cast<std::size_t>(length_ - offset));
    return reader_.read(first_ + offset, out);
}

std::optional<FileStore::Reader> FileStore::open(std::string_view name) const {
    const std::string path = (dir_ / name).string();
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    if (fd.get() < 0) {
        if (errno == ENOENT || errno == ELOOP || errno == ENOTDIR) return std::nullopt;
        throw_errno("open " + path);
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) throw_errno("fstat " + path);
    if (!S_ISREG(st.st_mode)) return std::nullopt;
    return Reader(fd.release(), static_cast<std::uint64_t>(st.st_size));
}

}  // namespace superapp::features::media
