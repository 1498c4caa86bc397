// The creators' routes: upload (a multipart body streamed to disk), edit and delete.
#include "features/videos/handlers.hpp"
#include "features/videos/json.hpp"
#include "platform/core/json.hpp"
#include "platform/core/validation.hpp"
#include "platform/http/api_error.hpp"
#include "platform/http/file_body.hpp"

namespace superapp::features::videos {

namespace asio = boost::asio;
namespace json = boost::json;
namespace multipart = platform::http::multipart;
using platform::core::FieldValidator;
using platform::core::QueryValidator;
using platform::core::StringArrayRule;
using platform::core::Validator;
using platform::http::ApiError;
using platform::http::Request;
using platform::http::Response;
using platform::http::Role;

namespace {

constexpr StringArrayRule kTagsRule{.max_items = 20, .item = {.min = 1, .max = 40}, .unique = true};
constexpr StringArrayRule kProductsRule{.max_items = 20, .item = {.min = 1, .max = 100}, .unique = true};

Caller caller_of(const Request& req) { return {req.principal->user_id, req.principal->role == Role::admin}; }

// Product ids must be ObjectIds; each bad one is reported as products[i].
void check_product_ids(FieldValidator& v, const std::vector<std::string>& ids) {
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (!platform::core::ObjectId::parse(ids[i])) {
            v.fail("products[" + std::to_string(i) + "]", "must be a 24-character hex id");
        }
    }
}

// The one file part named `name`, checked against `limit` (413); reports a repeat.
std::shared_ptr<platform::core::TempFile> file_part(multipart::SpooledForm& form, std::string_view name,
                                                    std::size_t limit, FieldValidator& v) {
    std::shared_ptr<platform::core::TempFile> found;
    for (auto& part : form.files) {
        if (part.name != name) continue;
        if (found) v.fail(name, "must be sent once");
        found = part.file;
    }
    if (found && found->size() > limit) {
        throw ApiError(413, "PAYLOAD_TOO_LARGE",
                       std::string(name) + " must be at most " + std::to_string(limit) + " bytes");
    }
    return found;
}

Upload read_upload(VideosService& videos, multipart::SpooledForm& form) {
    QueryValidator v(form.fields);
    Upload u;
    u.title = v.required_string("title", {.min = 1, .max = 200});
    u.description = v.optional_string("description", {.min = 1, .max = 5000, .multiline = true});
    u.category = v.required_string("category", {.min = 1, .max = 40});
    u.tags = v.optional_string_array("tags", kTagsRule).value_or(std::vector<std::string>{});
    u.product_ids = v.optional_string_array("products", kProductsRule).value_or(std::vector<std::string>{});
    check_product_ids(v, u.product_ids);
    u.video = file_part(form, "file", videos.settings().max_video_bytes, v);
    if (!u.video) v.fail("file", "is required: send the video as a multipart file field named file");
    u.thumbnail = file_part(form, "thumbnail", kMaxThumbnailBytes, v);
    v.finish();
    return u;
}

asio::awaitable<Response> upload(VideosService& videos, Request& req) {
    const multipart::Limits limits{.max_parts = 16, .max_total_bytes = max_upload_request_bytes(videos.settings())};
    multipart::SpooledForm form = co_await platform::http::split_file_body(req, videos.incoming_dir(), limits);
    Upload u = read_upload(videos, form);
    form.files.clear();  // the upload holds the parts it keeps
    const Video created = co_await videos.create(caller_of(req), std::move(u));
    co_return Response::private_json(video_json(created), 201);
}

asio::awaitable<Response> update(VideosService& videos, Request& req) {
    const std::string id = video_id(req);
    Validator v(req.json);
    VideoChanges c;
    c.title = v.optional_string("title", {.min = 1, .max = 200});
    if (platform::core::is_null_member(req.json, "description")) {
        c.description.emplace(std::nullopt);
    } else if (auto d = v.optional_string("description", {.min = 1, .max = 5000, .multiline = true})) {
        c.description.emplace(std::move(d));
    }
    c.category = v.optional_string("category", {.min = 1, .max = 40});
    c.tags = v.optional_string_array("tags", kTagsRule);
    c.product_ids = v.optional_string_array("products", kProductsRule);
    if (c.product_ids) check_product_ids(v, *c.product_ids);
    c.is_published = v.optional_bool("isPublished");
    c.is_featured = v.optional_bool("isFeatured");
    v.finish();
    const Video updated = co_await videos.update(caller_of(req), id, std::move(c));
    co_return Response::private_json(video_json(updated));
}

asio::awaitable<Response> remove(VideosService& videos, Request& req) {
    co_await videos.remove(caller_of(req), video_id(req));
    co_return Response::no_content();
}

}  // namespace

Handler handle_upload(VideosService& videos) {
    return [&videos](Request& req) { return upload(videos, req); };
}
Handler handle_update(VideosService& videos) {
    return [&videos](Request& req) { return update(videos, req); };
}
Handler handle_remove(VideosService& videos) {
    return [&videos](Request& req) { return remove(videos, req); };
}

}  // namespace superapp::features::videos
