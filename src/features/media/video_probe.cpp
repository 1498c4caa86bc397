#include "features/media/video_probe.hpp"

extern "C" {
#include <libavformat/avformat.h>
#include <libavutil/dict.h>
#include <libavutil/log.h>
}

#include <algorithm>
#include <array>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace superapp::features::media {
namespace {

// The demuxers a video we accept is read with: the MP4/QuickTime family and Matroska/WebM. The
// names are libavformat's (its "mov,mp4,m4a,3gp,3g2,mj2" and "matroska,webm"); av_match_list
// matches any of a demuxer's comma-separated names against this list.
constexpr const char* kAllowedFormats = "mov,mp4,matroska,webm";
constexpr std::array<std::string_view, 2> kAllowedDemuxers{"mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm"};
// How much of a file is read to find its format and its streams, and for how long at most.
constexpr const char* kProbeBytes = "2000000";
constexpr const char* kAnalyzeMicroseconds = "5000000";
constexpr const char* kMaxStreams = "32";
constexpr std::chrono::seconds kTimeLimit{5};

// Closes what avformat_open_input opened.
struct InputCloser {
    void operator()(AVFormatContext* ctx) const { avformat_close_input(&ctx); }
};

struct DictionaryFree {
    void operator()(AVDictionary* d) const { av_dict_free(&d); }
};

// libavformat asks this between reads; a probe past its time limit is abandoned.
int past_deadline(void* opaque) {
    const auto* deadline = static_cast<const std::chrono::steady_clock::time_point*>(opaque);
    return std::chrono::steady_clock::now() > *deadline ? 1 : 0;
}

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

bool allowed_demuxer(const AVInputFormat* format) {
    return format && std::find(kAllowedDemuxers.begin(), kAllowedDemuxers.end(), std::string_view(format->name)) !=
                         kAllowedDemuxers.end();
}

}  // namespace

std::optional<double> video_duration_seconds(const std::filesystem::path& file) {
    static std::once_flag quiet;
    std::call_once(quiet, [] { av_log_set_level(AV_LOG_QUIET); });

    auto deadline = std::chrono::steady_clock::now() + kTimeLimit;
    AVFormatContext* raw = avformat_alloc_context();
    if (!raw) return std::nullopt;
    raw->interrupt_callback = AVIOInterruptCB{past_deadline, &deadline};
    AVDictionary* options = nullptr;
    av_dict_set(&options, "protocol_whitelist", "file", 0);
    av_dict_set(&options, "format_whitelist", kAllowedFormats, 0);
    av_dict_set(&options, "probesize", kProbeBytes, 0);
    av_dict_set(&options, "formatprobesize", kProbeBytes, 0);
    av_dict_set(&options, "analyzeduration", kAnalyzeMicroseconds, 0);
    av_dict_set(&options, "max_streams", kMaxStreams, 0);
    std::unique_ptr<AVDictionary, DictionaryFree> owned_options(options);
    // "file:" so that a path is never read as another protocol's URL.
    const std::string url = "file:" + file.string();
    AVDictionary* opened_options = owned_options.release();
    const int opened = avformat_open_input(&raw, url.c_str(), nullptr, &opened_options);
    owned_options.reset(opened_options);
    if (opened != 0) return std::nullopt;  // avformat_open_input freed the context
    std::unique_ptr<AVFormatContext, InputCloser> ctx(raw);
    if (!allowed_demuxer(ctx->iformat)) return std::nullopt;
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
