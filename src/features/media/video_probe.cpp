#include "features/media/video_probe.hpp"

extern "C" {
#include <libavformat/avformat.h>
#include <libavutil/log.h>
}

#include <algorithm>
#include <memory>
#include <mutex>

namespace superapp::features::media {
namespace {

// Closes what avformat_open_input opened.
struct InputCloser {
    void operator()(AVFormatContext* ctx) const { avformat_close_input(&ctx); }
};

// The longest stream's duration, for containers that state none of their own.
std::optional<double> longest_stream(const AVFormatContext& ctx) {
    std::optional<double> longest;
    for (unsigned i = 0; i < ctx.nb_streams; ++i) {
        const AVStream* s = ctx.streams[i];
        if (s->duration == AV_NOPTS_VALUE || s->duration <= 0) continue;
        const double seconds = static_cast<double>(s->duration) * av_q2d(s->time_base);
        longest = std::max(longest.value_or(0.0), seconds);
    }
    return longest;
}

}  // namespace

std::optional<double> video_duration_seconds(const std::filesystem::path& file) {
    static std::once_flag quiet;
    std::call_once(quiet, [] { av_log_set_level(AV_LOG_QUIET); });

    AVFormatContext* raw = nullptr;
    if (avformat_open_input(&raw, file.c_str(), nullptr, nullptr) != 0) return std::nullopt;
    std::unique_ptr<AVFormatContext, InputCloser> ctx(raw);
    if (avformat_find_stream_info(ctx.get(), nullptr) < 0) return std::nullopt;
    bool has_video = false;
    for (unsigned i = 0; i < ctx->nb_streams; ++i) {
        has_video = has_video || ctx->streams[i]->codecpar->codec_type == AVMEDIA_TYPE_VIDEO;
    }
    if (!has_video) return std::nullopt;
    if (ctx->duration != AV_NOPTS_VALUE && ctx->duration > 0) {
        return static_cast<double>(ctx->duration) / AV_TIME_BASE;
    }
    return longest_stream(*ctx);
}

}  // namespace superapp::features::media
