#include "platform/http/multipart_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "platform/http/api_error.hpp"

namespace superapp::platform::http::multipart {
namespace {

class SplitFormData : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("multipart-files-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    core::TempFile body(std::string_view text) {
        core::TempFile file = core::TempFile::create(dir_);
        file.append(text);
        return file;
    }
    std::size_t files_in_dir() const {
        return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir_), {}));
    }

    std::filesystem::path dir_;
};

constexpr std::string_view kType = "multipart/form-data; boundary=XyZ";

TEST_F(SplitFormData, FilesGoToDiskAndFieldsToMemory) {
    const std::string video(300'000, 'v');  // more than one read chunk
    const core::TempFile in = body(
        "--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nHello\r\n"
        "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.mp4\"\r\n"
        "Content-Type: video/mp4\r\n\r\n" +
        video + "\r\n--XyZ--\r\n");
    SpooledForm form = split_form_data(kType, in, dir_, {.max_total_bytes = 1 << 20});
    ASSERT_EQ(form.fields.size(), 1u);
    EXPECT_EQ(form.fields[0], (std::pair<std::string, std::string>{"title", "Hello"}));
    ASSERT_EQ(form.files.size(), 1u);
    EXPECT_EQ(form.files[0].name, "file");
    EXPECT_EQ(form.files[0].filename, "a.mp4");
    EXPECT_EQ(form.files[0].file->size(), video.size());
    EXPECT_EQ(form.files[0].file->read(0, video.size()), video);
    EXPECT_EQ(files_in_dir(), 2u);
    form.files.clear();
    EXPECT_EQ(files_in_dir(), 1u) << "a part's file is removed with its last owner";
}

TEST_F(SplitFormData, RefusesATextFieldOverItsLimit) {
    const core::TempFile in = body("--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n" +
                                   std::string(100, 'x') + "\r\n--XyZ--\r\n");
    try {
        split_form_data(kType, in, dir_, {}, 50);
        FAIL() << "no error";
    } catch (const ApiError& e) {
        EXPECT_EQ(e.status(), 413);
    }
}

TEST_F(SplitFormData, RefusesAnUnfinishedBodyAndLeavesNoPartBehind) {
    const core::TempFile in = body("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\nabc");
    EXPECT_THROW(split_form_data(kType, in, dir_, {}), ApiError);
    EXPECT_EQ(files_in_dir(), 1u);
}

TEST(TempFile, IsRemovedUnlessKept) {
    const auto dir = std::filesystem::temp_directory_path() / "temp-file-test";
    std::filesystem::remove_all(dir);
    std::filesystem::path gone;
    {
        core::TempFile f = core::TempFile::create(dir);
        f.append("abc");
        EXPECT_EQ(f.size(), 3u);
        EXPECT_EQ(f.read(1, 10), "bc");
        gone = f.path();
    }
    EXPECT_FALSE(std::filesystem::exists(gone));
    {
        core::TempFile f = core::TempFile::create(dir);
        f.append("kept");
        f.keep_as(dir / "kept.txt");
    }
    EXPECT_TRUE(std::filesystem::exists(dir / "kept.txt"));
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace superapp::platform::http::multipart
