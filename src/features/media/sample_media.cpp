#include "features/media/sample_media.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/log.h>
}
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace superapp::features::media {
namespace {

// splitmix64: the same numbers for the same seed on every platform.
std::uint64_t mix(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// A fraction in [lo, hi) from the generator.
double between(std::uint64_t& state, double lo, double hi) {
    return lo + (hi - lo) * static_cast<double>(mix(state) >> 11) / 9007199254740992.0;
}

std::uint8_t channel(double v) { return static_cast<std::uint8_t>(std::clamp(std::lround(v), 0L, 255L)); }

void put(Picture& p, int x, int y, Rgb c) {
    auto* px = &p.rgb[(static_cast<std::size_t>(y) * p.width + x) * 3];
    px[0] = c.r, px[1] = c.g, px[2] = c.b;
}

Rgb blend(Rgb under, Rgb over, double alpha) {
    return {channel(under.r + (over.r - under.r) * alpha), channel(under.g + (over.g - under.g) * alpha),
            channel(under.b + (over.b - under.b) * alpha)};
}

Picture blank(int width, int height) {
    if (width <= 0 || height <= 0 || width > 4096 || height > 4096) throw std::invalid_argument("picture size");
    return {width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height * 3)};
}

// A vertical gradient from `top` to `bottom`.
void gradient(Picture& p, Rgb top, Rgb bottom) {
    for (int y = 0; y < p.height; ++y) {
        const Rgb row = blend(top, bottom, p.height == 1 ? 0.0 : static_cast<double>(y) / (p.height - 1));
        for (int x = 0; x < p.width; ++x) put(p, x, y, row);
    }
}

// A disc of `colour` at (cx, cy), mixed in with `alpha`, its edge smoothed over a pixel.
void disc(Picture& p, double cx, double cy, double radius, Rgb colour, double alpha) {
    const int x0 = std::max(0, static_cast<int>(cx - radius - 1)),
              x1 = std::min(p.width - 1, static_cast<int>(cx + radius + 1));
    const int y0 = std::max(0, static_cast<int>(cy - radius - 1)),
              y1 = std::min(p.height - 1, static_cast<int>(cy + radius + 1));
    for (int y = y0; y <= y1; ++y) {
        for (int x = x0; x <= x1; ++x) {
            const double d = std::hypot(x + 0.5 - cx, y + 0.5 - cy);
            const double cover = std::clamp(radius + 0.5 - d, 0.0, 1.0);
            if (cover <= 0) continue;
            auto* px = &p.rgb[(static_cast<std::size_t>(y) * p.width + x) * 3];
            put(p, x, y, blend({px[0], px[1], px[2]}, colour, alpha * cover));
        }
    }
}

void rect(Picture& p, int x0, int y0, int x1, int y1, Rgb colour) {
    for (int y = std::max(0, y0); y < std::min(p.height, y1); ++y) {
        for (int x = std::max(0, x0); x < std::min(p.width, x1); ++x) put(p, x, y, colour);
    }
}

void append_u32(std::string& out, std::uint32_t v) {
    out += static_cast<char>(v >> 24), out += static_cast<char>(v >> 16);
    out += static_cast<char>(v >> 8), out += static_cast<char>(v);
}

void append_chunk(std::string& out, const char type[4], std::string_view data) {
    append_u32(out, static_cast<std::uint32_t>(data.size()));
    const std::size_t start = out.size();
    out.append(type, 4);
    out.append(data);
    const uLong crc =
        crc32(0L, reinterpret_cast<const Bytef*>(out.data() + start), static_cast<uInt>(out.size() - start));
    append_u32(out, static_cast<std::uint32_t>(crc));
}

[[noreturn]] void av_fail(const char* what, int rc) {
    char why[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(rc, why, sizeof why);
    throw std::runtime_error(std::string(what) + ": " + why);
}

void check(int rc, const char* what) {
    if (rc < 0) av_fail(what, rc);
}

struct OutputCloser {
    void operator()(AVFormatContext* ctx) const {
        if (ctx->pb) avio_closep(&ctx->pb);
        avformat_free_context(ctx);
    }
};
struct CodecCloser {
    void operator()(AVCodecContext* ctx) const { avcodec_free_context(&ctx); }
};
struct FrameFree {
    void operator()(AVFrame* f) const { av_frame_free(&f); }
};
struct PacketFree {
    void operator()(AVPacket* p) const { av_packet_free(&p); }
};

// BT.601 limited range, as players expect of yuv420p.
void to_yuv420p(const Picture& p, AVFrame& frame) {
    for (int y = 0; y < p.height; ++y) {
        std::uint8_t* luma = frame.data[0] + static_cast<std::ptrdiff_t>(y) * frame.linesize[0];
        for (int x = 0; x < p.width; ++x) {
            const auto* px = &p.rgb[(static_cast<std::size_t>(y) * p.width + x) * 3];
            luma[x] = static_cast<std::uint8_t>(((66 * px[0] + 129 * px[1] + 25 * px[2] + 128) >> 8) + 16);
        }
    }
    for (int y = 0; y < p.height / 2; ++y) {
        std::uint8_t* u = frame.data[1] + static_cast<std::ptrdiff_t>(y) * frame.linesize[1];
        std::uint8_t* v = frame.data[2] + static_cast<std::ptrdiff_t>(y) * frame.linesize[2];
        for (int x = 0; x < p.width / 2; ++x) {
            int r = 0, g = 0, b = 0;
            for (int dy = 0; dy < 2; ++dy) {
                for (int dx = 0; dx < 2; ++dx) {
                    const auto* px = &p.rgb[(static_cast<std::size_t>(2 * y + dy) * p.width + 2 * x + dx) * 3];
                    r += px[0], g += px[1], b += px[2];
                }
            }
            r /= 4, g /= 4, b /= 4;
            u[x] = static_cast<std::uint8_t>(((-38 * r - 74 * g + 112 * b + 128) >> 8) + 128);
            v[x] = static_cast<std::uint8_t>(((112 * r - 94 * g - 18 * b + 128) >> 8) + 128);
        }
    }
}

// Sends `frame` (nullptr: drain) and writes every packet the encoder has ready.
void encode(AVCodecContext& enc, const AVFrame* frame, AVFormatContext& out, AVStream& stream, AVPacket& packet) {
    check(avcodec_send_frame(&enc, frame), "avcodec_send_frame");
    for (;;) {
        const int rc = avcodec_receive_packet(&enc, &packet);
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return;
        check(rc, "avcodec_receive_packet");
        // One frame long (in the encoder's time base, 1/fps): without it the last frame has no
        // length and the file states a duration a frame short.
        if (packet.duration <= 0) packet.duration = 1;
        av_packet_rescale_ts(&packet, enc.time_base, stream.time_base);
        packet.stream_index = stream.index;
        check(av_interleaved_write_frame(&out, &packet), "av_interleaved_write_frame");
    }
}

}  // namespace

Rgb shade(Rgb c, double amount) {
    const auto one = [amount](std::uint8_t v) {
        return channel(amount >= 0 ? v + (255 - v) * amount : v * (1 + amount));
    };
    return {one(c.r), one(c.g), one(c.b)};
}

std::string encode_png(const Picture& picture) {
    // Each row starts with its filter type: 1 (Sub) stores a pixel as the difference from its left
    // neighbour, which makes gradients and flat areas compress well.
    const std::size_t row_bytes = static_cast<std::size_t>(picture.width) * 3;
    std::string raw;
    raw.reserve((row_bytes + 1) * picture.height);
    for (int y = 0; y < picture.height; ++y) {
        const std::uint8_t* row = &picture.rgb[row_bytes * y];
        raw += '\1';
        for (std::size_t i = 0; i < row_bytes; ++i) raw += static_cast<char>(row[i] - (i >= 3 ? row[i - 3] : 0));
    }
    uLongf packed_size = compressBound(static_cast<uLong>(raw.size()));
    std::string packed(packed_size, '\0');
    if (compress2(reinterpret_cast<Bytef*>(packed.data()), &packed_size, reinterpret_cast<const Bytef*>(raw.data()),
                  static_cast<uLong>(raw.size()), 6) != Z_OK) {
        throw std::runtime_error("zlib could not compress a picture");
    }
    packed.resize(packed_size);

    std::string png("\x89PNG\r\n\x1a\n", 8);
    std::string header;
    append_u32(header, static_cast<std::uint32_t>(picture.width));
    append_u32(header, static_cast<std::uint32_t>(picture.height));
    header += std::string("\x08\x02\x00\x00\x00", 5);  // 8 bits, RGB, deflate, adaptive filters, no interlace
    append_chunk(png, "IHDR", header);
    append_chunk(png, "IDAT", packed);
    append_chunk(png, "IEND", "");
    return png;
}

Picture placeholder_picture(int width, int height, Rgb base, std::uint64_t seed) {
    Picture p = blank(width, height);
    gradient(p, shade(base, 0.25), shade(base, -0.25));
    std::uint64_t state = seed;
    const double size = std::min(width, height);
    for (int i = 0; i < 3; ++i) {
        const double cx = between(state, 0.1, 0.9) * width, cy = between(state, 0.1, 0.9) * height;
        disc(p, cx, cy, between(state, 0.12, 0.32) * size, {255, 255, 255}, between(state, 0.12, 0.28));
    }
    return p;
}

Picture clip_frame(const SampleClip& clip, int index) {
    Picture p = blank(clip.width, clip.height);
    std::uint64_t state = clip.seed;
    const double phase = between(state, 0.0, 1.0);
    const double t = clip.frames <= 1 ? 0.0 : static_cast<double>(index) / (clip.frames - 1);
    // The gradient breathes a little; the ball crosses the picture and back once.
    const double breath = 0.2 * std::sin(6.283185307179586 * (t + phase));
    gradient(p, shade(clip.base, 0.3 + breath / 2), shade(clip.base, -0.35 + breath / 2));
    const double across = 1 - std::abs(2 * std::fmod(t + phase, 1.0) - 1);
    const double radius = clip.width * 0.12;
    const double cy = clip.height * (0.35 + 0.15 * std::sin(6.283185307179586 * 2 * t));
    disc(p, radius + across * (clip.width - 2 * radius), cy, radius, {255, 255, 255}, 0.85);
    const int bar_top = clip.height - clip.height / 24;
    rect(p, 0, bar_top, clip.width, clip.height, shade(clip.base, -0.6));
    rect(p, 0, bar_top, static_cast<int>(std::lround(t * clip.width)), clip.height, {255, 255, 255});
    return p;
}

void write_clip_mp4(const SampleClip& clip, const std::filesystem::path& path) {
    static std::once_flag quiet;
    std::call_once(quiet, [] { av_log_set_level(AV_LOG_QUIET); });
    if (clip.width % 2 != 0 || clip.height % 2 != 0 || clip.fps <= 0 || clip.frames <= 0) {
        throw std::invalid_argument("a clip has an even size, a frame rate and frames");
    }
    const AVCodec* codec = avcodec_find_encoder_by_name("libx264");
    const bool x264 = codec != nullptr;
    if (!codec) codec = avcodec_find_encoder(AV_CODEC_ID_MPEG4);
    if (!codec) throw std::runtime_error("libavcodec has neither an H.264 nor an MPEG-4 encoder");

    AVFormatContext* raw = nullptr;
    check(avformat_alloc_output_context2(&raw, nullptr, "mp4", path.c_str()), "avformat_alloc_output_context2");
    std::unique_ptr<AVFormatContext, OutputCloser> out(raw);
    out->flags |= AVFMT_FLAG_BITEXACT;  // no library version or time in the file: the same bytes every time
    AVStream* stream = avformat_new_stream(out.get(), nullptr);
    if (!stream) throw std::runtime_error("avformat_new_stream failed");

    std::unique_ptr<AVCodecContext, CodecCloser> enc(avcodec_alloc_context3(codec));
    if (!enc) throw std::runtime_error("avcodec_alloc_context3 failed");
    enc->width = clip.width;
    enc->height = clip.height;
    enc->time_base = {1, clip.fps};
    enc->framerate = {clip.fps, 1};
    enc->pix_fmt = AV_PIX_FMT_YUV420P;
    enc->gop_size = clip.fps;
    enc->max_b_frames = 0;
    enc->thread_count = 1;
    enc->flags |= AV_CODEC_FLAG_BITEXACT;
    if (out->oformat->flags & AVFMT_GLOBALHEADER) enc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    AVDictionary* options = nullptr;
    if (x264) {
        av_dict_set(&options, "preset", "veryfast", 0);
        av_dict_set(&options, "crf", "28", 0);
        av_dict_set(&options, "profile", "main", 0);
    } else {
        enc->bit_rate = 400'000;
    }
    const int opened = avcodec_open2(enc.get(), codec, &options);
    av_dict_free(&options);
    check(opened, "avcodec_open2");
    check(avcodec_parameters_from_context(stream->codecpar, enc.get()), "avcodec_parameters_from_context");
    stream->time_base = enc->time_base;

    check(avio_open(&out->pb, path.c_str(), AVIO_FLAG_WRITE), "avio_open");
    AVDictionary* muxing = nullptr;
    av_dict_set(&muxing, "movflags", "+faststart", 0);
    const int header = avformat_write_header(out.get(), &muxing);
    av_dict_free(&muxing);
    check(header, "avformat_write_header");

    std::unique_ptr<AVFrame, FrameFree> frame(av_frame_alloc());
    std::unique_ptr<AVPacket, PacketFree> packet(av_packet_alloc());
    if (!frame || !packet) throw std::bad_alloc();
    frame->format = AV_PIX_FMT_YUV420P;
    frame->width = clip.width;
    frame->height = clip.height;
    check(av_frame_get_buffer(frame.get(), 0), "av_frame_get_buffer");
    for (int i = 0; i < clip.frames; ++i) {
        check(av_frame_make_writable(frame.get()), "av_frame_make_writable");
        to_yuv420p(clip_frame(clip, i), *frame);
        frame->pts = i;
        encode(*enc, frame.get(), *out, *stream, *packet);
    }
    encode(*enc, nullptr, *out, *stream, *packet);
    check(av_write_trailer(out.get()), "av_write_trailer");
    check(avio_closep(&out->pb), "avio_closep");
}

}  // namespace superapp::features::media
