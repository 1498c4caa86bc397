#pragma once
#include <array>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "platform/http/method.hpp"

namespace superapp::platform::http {

/// Request and connection metrics in Prometheus text format. Any thread may record.
class Metrics {
  public:
    static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                        0.05,   0.1,   0.25,   0.5,   1.0,  5.0};

    /// Counts one finished request under its route pattern ("unmatched" when none).
    void record(std::string_view route, Method method, unsigned status, std::chrono::microseconds elapsed);

    std::atomic<long> in_flight{0};
    std::atomic<long> connections_open{0};
    std::atomic<long> connections_refused{0};

    /// The metrics above as Prometheus text; `extra` is appended (other components' lines).
    std::string render(std::string_view extra) const;

  private:
    struct Series {
        unsigned long count = 0;
        double sum_seconds = 0;
        std::array<unsigned long, kBuckets.size()> buckets{};
    };
    mutable std::mutex mutex_;
    std::map<std::string, Series, std::less<>> requests_;  // key: route \t method \t status
};

/// The resident set size of this process in bytes (from /proc/self/statm), 0 if unknown.
long process_rss_bytes();

}  // namespace superapp::platform::http
