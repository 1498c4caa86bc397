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

    /// How many frames wait.
    std::size_t size() const { return frames_.size() - head_; }
    /// The oldest frame; not empty().
    const Frame& front() const { return *frames_[head_]; }
    /// The i-th oldest frame; i < size().
    const Frame& at(std::size_t i) const { return *frames_[head_ + i]; }
    /// Drops the oldest frame. Once the outbox is empty it keeps room for a few frames (one event
    /// after another needs no allocation) and releases more.
    void pop() {
        bytes_ -= frames_[head_]->bytes.size();
        frames_[head_++].reset();
        if (!empty()) return;
        head_ = 0;
        if (frames_.capacity() > kKeptCapacity)
            frames_ = {};
        else
            frames_.clear();
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
    static constexpr std::size_t kKeptCapacity = 4;

    std::vector<SharedFrame> frames_;
    std::size_t head_ = 0;
    std::size_t bytes_ = 0;
};

}  // namespace superapp::platform::realtime::engine_io
