#pragma once
#include "features/earn/service.hpp"
#include "platform/http/router.hpp"

namespace superapp::features::earn {

using platform::http::Handler;

/// GET /earn/projects?category&type&limit&cursor -> {items: [Project], nextCursor}
Handler handle_available(EarnService& earn);
/// GET /earn/projects/:id -> Project with canComplete and refusal
Handler handle_project(EarnService& earn);
/// POST /earn/projects/:id/complete (JSON {content?, rating?} or multipart with file, content?)
/// -> 201 Completion
Handler handle_complete(EarnService& earn);
/// GET /earn/history?status&limit&cursor -> {items: [Completion], nextCursor}
Handler handle_history(EarnService& earn);
/// GET /earn/stats -> Stats
Handler handle_stats(EarnService& earn);

/// POST /admin/earn/projects -> 201 Project
Handler handle_create_project(EarnService& earn);
/// PUT /admin/earn/projects/:id -> Project
Handler handle_update_project(EarnService& earn);
/// GET /admin/earn/projects?status&limit&cursor -> {items: [Project], nextCursor}, any status
Handler handle_admin_projects(EarnService& earn);
/// GET /admin/earn/projects/:id -> Project, any status
Handler handle_admin_project(EarnService& earn);
/// GET /admin/earn/completions?status&project&limit&cursor -> {items: [Completion], nextCursor}
Handler handle_review_queue(EarnService& earn);
/// PUT /admin/earn/completions/:id {status: approved|rejected, reason (required when rejected)} -> Completion
Handler handle_review(EarnService& earn);

}  // namespace superapp::features::earn
