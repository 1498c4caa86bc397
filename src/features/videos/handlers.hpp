#pragma once
#include "features/videos/service.hpp"
#include "platform/http/router.hpp"

namespace superapp::features::videos {

using platform::http::Handler;

/// The video id in the path parameter `id`, normalised; throws ApiError 404 for anything else.
std::string video_id(const platform::http::Request& req);

/// GET /videos?category&tag&creator&featured&product&sort&limit&cursor -> {items: [Video], nextCursor}
Handler handle_list(VideosService& videos);
/// GET /videos/categories -> {items: [Category]}
Handler handle_categories(VideosService& videos);
/// GET /videos/:id -> Video with products expanded (and isLiked when signed in)
Handler handle_detail(VideosService& videos);
/// POST /videos/:id/like -> {liked, engagement}
Handler handle_like(VideosService& videos);
/// POST /videos/:id/share {channel} -> {engagement}
Handler handle_share(VideosService& videos);
/// POST /videos/:id/view (X-Device-Id when anonymous) -> {counted, views}
Handler handle_view(VideosService& videos);
/// GET /videos/:id/comments?limit&cursor -> {items: [Comment], nextCursor}
Handler handle_comments(VideosService& videos);
/// POST /videos/:id/comments {text} -> 201 Comment
Handler handle_add_comment(VideosService& videos);
/// DELETE /videos/:id/comments/:commentId -> 204
Handler handle_remove_comment(VideosService& videos);

/// POST /videos (multipart: file, thumbnail?, title, description?, category, tags?, products?) -> 201 Video
Handler handle_upload(VideosService& videos);
/// PUT /videos/:id {title?, description?, category?, tags?, products?, isPublished?, isFeatured?} -> Video
Handler handle_update(VideosService& videos);
/// DELETE /videos/:id -> 204
Handler handle_remove(VideosService& videos);

}  // namespace superapp::features::videos
