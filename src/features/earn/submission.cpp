// EarnService::submit: a user's completion of a project.
#include <cmath>

#include "features/earn/service.hpp"
#include "platform/core/object_id.hpp"
#include "platform/http/api_error.hpp"

namespace superapp::features::earn {

namespace asio = boost::asio;
using platform::http::ApiError;

NewCompletion new_completion(const Project& p, const std::string& user_id, const Submission& s) {
    NewCompletion c{
        platform::core::ObjectId::generate().to_string(), p.id, user_id, p.type, s.content.value_or(""), {}};
    if (p.type == "text") c.metadata = {{"words", count_words(c.content)}};
    if (p.type == "rating" && s.rating) c.metadata = {{"rating", *s.rating}};
    return c;
}

asio::awaitable<media::StoredVideo> EarnService::store_upload(const Project& p, Submission& s) {
    const bool video = p.type == "video";
    const std::size_t limit = video ? settings_.max_video_bytes : settings_.max_image_bytes;
    if (s.file->size() > limit) {
        throw ApiError(413, "PAYLOAD_TOO_LARGE", "file must be at most " + std::to_string(limit) + " bytes");
    }
    if (!video) {
        media::StoredFile image = co_await media_.keep_image(std::move(s.file), "file");
        co_return media::StoredVideo{std::move(image), 0};
    }
    media::StoredVideo kept = co_await media_.keep_video(std::move(s.file), "file");
    const auto min = p.requirements.min_duration;
    if (min && kept.duration_seconds < *min) {
        co_await media_.remove_url(kept.file.url);
        throw ApiError::invalid_field("file", "must be a video of at least " + std::to_string(*min) + " seconds");
    }
    co_return kept;
}

asio::awaitable<Completion> EarnService::submit(const std::string& user_id, const std::string& project_id,
                                                Submission submission) {
    const ProjectView view = co_await project_for(user_id, project_id);
    if (view.refusal) throw ApiError::conflict(view.refusal->message, view.refusal->code);
    const Project& p = view.project;
    auto errors = check_submission(p, submission);
    if (!errors.empty()) throw platform::core::ValidationFailed(std::move(errors));

    NewCompletion c = new_completion(p, user_id, submission);
    const bool upload = p.type == "image" || p.type == "video";
    if (upload) {
        const std::size_t size = submission.file->size();
        const media::StoredVideo stored = co_await store_upload(p, submission);
        c.content = stored.file.url;
        c.metadata = {{"contentType", stored.file.content_type}, {"size", size}};
        if (p.type == "video") c.metadata["duration"] = std::lround(stored.duration_seconds);
        if (submission.content) c.metadata["caption"] = *submission.content;
    }
    auto stored = co_await repo_.insert_completion(c);
    if (!stored) {
        // Another request of the user's got there first; the upload it made is not needed.
        if (upload) co_await media_.remove_url(c.content);
        throw ApiError::conflict("your earlier submission for this project is still being reviewed",
                                 "SUBMISSION_PENDING");
    }
    co_return std::move(*stored);
}

}  // namespace superapp::features::earn
