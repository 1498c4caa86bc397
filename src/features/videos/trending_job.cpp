#include "features/videos/trending_job.hpp"

namespace superapp::features::videos {

platform::core::PeriodicJob trending_job(VideosService& videos) {
    return {"video trending scores", videos.settings().trending_refresh,
            [&videos]() { return videos.refresh_trending(); }, true};
}

}  // namespace superapp::features::videos
