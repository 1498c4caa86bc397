#include "platform/realtime/engine_io/outbox.hpp"

namespace superapp::platform::realtime::engine_io {

SharedFrame text_frame(const Packet& packet) { return std::make_shared<const Frame>(encode(packet)); }

std::string Outbox::take_payload() {
    std::string payload;
    payload.reserve(bytes_ + (frames_.size() - head_) * 2);
    for (std::size_t i = head_; i < frames_.size(); ++i) {
        if (i != head_) payload.push_back('\x1e');
        const Frame& f = *frames_[i];
        if (f.binary) {
            payload.push_back('b');
            payload += base64_encode(f.bytes);
        } else {
            payload += f.bytes;
        }
    }
    clear();
    return payload;
}

void Outbox::move_to(Outbox& other) {
    for (std::size_t i = head_; i < frames_.size(); ++i) other.push(std::move(frames_[i]));
    clear();
}

}  // namespace superapp::platform::realtime::engine_io
