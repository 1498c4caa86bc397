#include "features/media/service.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <filesystem>
#include <fstream>

#include "features/media/file_store.hpp"
#include "features/media/sniff.hpp"
#include "platform/http/api_error.hpp"

namespace superapp::features::media {
namespace {

namespace asio = boost::asio;
using namespace std::string_literals;
using platform::http::ApiError;
using Kind = platform::http::RangeRequest::Kind;

// Smallest valid images of each kept type (1x1 pixel).
const std::string kPng =
    "\x89PNG\x0d\x0a\x1a\x0a\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x04\x00\x00\x00\xb5\x1c\x0c\x02"
    "\x00"
    "\x00\x00\x0bIDATx\xda"
    "cd`\x00\x00\x00\x06\x00\x02"
    "0\x81\xd0/\x00\x00\x00\x00IEND\xae"
    "B`\x82"s;
const std::string kWebp =
    "RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00/\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00"s;
const std::string kJpegStart = "\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x01\x00H\x00H\x00\x00"s;

// Runs a coroutine to completion on a private io_context.
template <class T>
T run(asio::awaitable<T> work) {
    asio::io_context ctx;
    auto future = asio::co_spawn(ctx, std::move(work), asio::use_future);
    ctx.run();
    return future.get();
}

// Everything a streamed body holds, read `chunk` bytes at a time as the server does.
std::string drain(const platform::http::BodySource& body, std::size_t chunk) {
    std::string out;
    std::string buffer(chunk, '\0');
    for (std::uint64_t offset = 0; offset < body.size();) {
        const std::size_t n = body.read(offset, {buffer.data(), buffer.size()});
        if (n == 0) break;
        out.append(buffer.data(), n);
        offset += n;
    }
    return out;
}

class TempDir {
  public:
    TempDir() {
        char pattern[] = "/tmp/superapp-media-XXXXXX";
        path_ = ::mkdtemp(pattern);
    }
    ~TempDir() { std::filesystem::remove_all(path_); }
    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

TEST(MediaNames, OnlyGeneratedNamesAreStoredNames) {
    EXPECT_TRUE(MediaService::is_stored_name("0123456789abcdef0123456789abcdef.jpg"));
    EXPECT_TRUE(MediaService::is_stored_name("0123456789abcdef0123456789abcdef.png"));
    EXPECT_TRUE(MediaService::is_stored_name("0123456789abcdef0123456789abcdef.webp"));
    for (std::string_view name :
         {"", ".", "..", "../etc/passwd", "/etc/passwd", "0123456789abcdef0123456789abcdef",
          "0123456789abcdef0123456789abcdef.", "0123456789abcdef0123456789abcdef.gif",
          "0123456789ABCDEF0123456789abcdef.jpg", "0123456789abcdef0123456789abcde.jpg",
          "0123456789abcdef0123456789abcdef0.jpg", "0123456789abcdef0123456789abcdef.jpg/",
          "../0123456789abcdef0123456789abcdef.jpg", "0123456789abcdef0123456789abcdef.jpg.sh",
          "0123456789abcdef0123456789abcdef.JPG", ".tmp-0123456789abcdef", "0123456789abcdef0123456789abcdef..jpg"}) {
        EXPECT_FALSE(MediaService::is_stored_name(name)) << name;
    }
    EXPECT_FALSE(MediaService::is_stored_name(std::string_view("0123456789abcdef0123456789abcdef.jpg\0", 37)));
}

TEST(MediaNames, UrlsMapBackToNamesOnlyWhenOurs) {
    EXPECT_EQ(MediaService::name_in_url("/uploads/0123456789abcdef0123456789abcdef.png"),
              "0123456789abcdef0123456789abcdef.png");
    EXPECT_FALSE(MediaService::name_in_url("https://elsewhere.example/uploads/0123456789abcdef0123456789abcdef.png"));
    EXPECT_FALSE(MediaService::name_in_url("/uploads/../0123456789abcdef0123456789abcdef.png"));
    EXPECT_FALSE(MediaService::name_in_url(""));
}

TEST(MediaNames, TypeComesFromTheExtensionWeChose) {
    EXPECT_EQ(MediaService::content_type_of("x.jpg"), "image/jpeg");
    EXPECT_EQ(MediaService::content_type_of("x.png"), "image/png");
    EXPECT_EQ(MediaService::content_type_of("x.webp"), "image/webp");
    EXPECT_FALSE(MediaService::content_type_of("x.svg"));
}

TEST(Sniff, ReadsTheContentNotTheName) {
    EXPECT_EQ(sniff_mime_type(kPng), "image/png");
    EXPECT_EQ(sniff_mime_type(kWebp), "image/webp");
    EXPECT_EQ(sniff_mime_type(kJpegStart + std::string(64, '\0')), "image/jpeg");
    EXPECT_EQ(sniff_mime_type("#!/bin/sh\necho pwned\n"), "text/x-shellscript");
    EXPECT_EQ(sniff_mime_type("GIF89a\x01\x00\x01\x00\x00\x00\x00;"s), "image/gif");
    EXPECT_EQ(sniff_mime_type(R"(<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>)"),
              "image/svg+xml");
}

TEST(MediaService, KeepsAnImageUnderARandomNameWithItsRealExtension) {
    TempDir dir;
    MediaService media({dir.path()});
    const StoredFile a = run(media.save_image(kPng, "avatar"));
    const StoredFile b = run(media.save_image(kPng, "avatar"));
    EXPECT_TRUE(MediaService::is_stored_name(a.name));
    EXPECT_TRUE(a.name.ends_with(".png"));
    EXPECT_NE(a.name, b.name);
    EXPECT_EQ(a.url, "/uploads/" + a.name);
    EXPECT_EQ(a.content_type, "image/png");
    std::ifstream in(dir.path() / a.name, std::ios::binary);
    EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), kPng);
    // Only the two files: no temporary file is left behind.
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 2);
}

TEST(MediaService, RefusesWhatIsNotAJpegPngOrWebp) {
    TempDir dir;
    MediaService media({dir.path()});
    try {
        run(media.save_image("#!/bin/sh\necho pwned\n", "avatar"));
        FAIL() << "a script was kept";
    } catch (const ApiError& e) {
        EXPECT_EQ(e.status(), 415u);
        EXPECT_NE(std::string(e.what()).find("text/x-shellscript"), std::string::npos);
    }
    EXPECT_THROW(run(media.save_image("GIF89a\x01\x00\x01\x00\x00\x00\x00;"s, "avatar")), ApiError);
    try {
        run(media.save_image("", "avatar"));
        FAIL() << "an empty file was kept";
    } catch (const ApiError& e) {
        EXPECT_EQ(e.status(), 422u);
        EXPECT_EQ(e.details().at(0).field, "avatar");
    }
    EXPECT_FALSE(std::filesystem::exists(dir.path()) && !std::filesystem::is_empty(dir.path()));
}

TEST(MediaService, ReadsWholeFilesAndRanges) {
    TempDir dir;
    MediaService media({dir.path()});
    const StoredFile f = run(media.save_image(kWebp, "file"));

    auto whole = run(media.read(f.name, ""));
    ASSERT_TRUE(whole);
    EXPECT_EQ(whole->range.kind, Kind::whole);
    ASSERT_TRUE(whole->body);
    EXPECT_EQ(whole->body->size(), kWebp.size());
    EXPECT_EQ(drain(*whole->body, 7), kWebp);
    EXPECT_EQ(drain(*whole->body, 4096), kWebp);
    EXPECT_EQ(whole->content_type, "image/webp");

    auto part = run(media.read(f.name, "bytes=4-7"));
    ASSERT_TRUE(part);
    EXPECT_EQ(part->range.kind, Kind::partial);
    ASSERT_TRUE(part->body);
    EXPECT_EQ(part->body->size(), 4u);
    EXPECT_EQ(drain(*part->body, 3), kWebp.substr(4, 4));
    EXPECT_EQ(part->size, kWebp.size());

    auto tail = run(media.read(f.name, "bytes=-5"));
    ASSERT_TRUE(tail && tail->body);
    EXPECT_EQ(drain(*tail->body, 2), kWebp.substr(kWebp.size() - 5));

    auto past = run(media.read(f.name, "bytes=1000-"));
    ASSERT_TRUE(past);
    EXPECT_EQ(past->range.kind, Kind::unsatisfiable);
    EXPECT_FALSE(past->body);

    EXPECT_FALSE(run(media.read("0123456789abcdef0123456789abcdef.png", "")));
    EXPECT_FALSE(run(media.read("../" + f.name, "")));
}

TEST(MediaService, RemovesOnlyItsOwnFiles) {
    TempDir dir;
    MediaService media({dir.path()});
    const StoredFile f = run(media.save_image(kPng, "file"));
    std::ofstream(dir.path() / "keep.txt") << "x";
    run(media.remove_url("/uploads/../keep.txt"));
    run(media.remove_url("/uploads/keep.txt"));
    EXPECT_TRUE(std::filesystem::exists(dir.path() / "keep.txt"));
    run(media.remove_url(f.url));
    EXPECT_FALSE(std::filesystem::exists(dir.path() / f.name));
    run(media.remove_url(f.url));  // already gone: nothing to do
}

TEST(FileStore, DoesNotFollowSymbolicLinks) {
    TempDir dir;
    FileStore store(dir.path());
    std::ofstream(dir.path() / "secret") << "s";
    std::filesystem::create_symlink(dir.path() / "secret", dir.path() / "link.png");
    EXPECT_FALSE(store.open("link.png"));
    std::filesystem::create_directory(dir.path() / "sub.png");
    EXPECT_FALSE(store.open("sub.png"));
}

}  // namespace
}  // namespace superapp::features::media
