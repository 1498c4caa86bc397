#pragma once
// The packets waiting for a session's transport. Frames are shared: an event broadcast to many
// sessions is encoded once. Pure, no I/O, one thread.
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "platform/realtime/engine_io/packet.hpp"

namespace superapp::platform::realtime::engine_io {

using SharedFrame = std::shared_ptr<const Frame>;

/// A frame for a text packet ("2", "4...").
SharedFrame text_frame(const Packet& packet);

class Outbox {
  public:
    void push(SharedFrame frame) {
        bytes_ += frame->bytes.size();
        frames_.push_back(std::move(frame));
    }
    bool empty() const { return head_ == frames_.size(); }
    /// Bytes of the frames waiting.
    std::size_t bytes() const { return bytes_; }

    /// The oldest frame; not empty().
    const Frame& front() const { return *frames_[head_]; }
    /// Drops the oldest frame; releases the storage once the outbox is empty.
    void pop() {
        bytes_ -= frames_[head_]->bytes.size();
        frames_[head_++].reset();
        if (empty()) clear();
    }

    /// Every waiting frame as one long-polling payload (binary as "b<base64>", "\x1e" between), and
    /// empties the outbox.
    std::string take_payload();

    /// Moves every waiting frame to the end of `other`.
    void move_to(Outbox& other);

    void clear() {
        frames_ = {};
        head_ = 0;
        bytes_ = 0;
    }

  private:
    std::vector<SharedFrame> frames_;
    std::size_t head_ = 0;
    std::size_t bytes_ = 0;
};

}  // namespace superapp::platform::realtime::engine_io
