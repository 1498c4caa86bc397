#include "platform/http/metrics.hpp"

#include <unistd.h>

#include <cstdio>
#include <fstream>

namespace superapp::platform::http {
namespace {

std::string escape_label(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (char c : value) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

std::string format_double(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", value);
    return buffer;
}

}  // namespace

void Metrics::record(std::string_view route, Method method, unsigned status, std::chrono::microseconds elapsed) {
    std::string key;
    key.reserve(route.size() + 16);
    key.append(route).append("\t").append(method_name(method)).append("\t").append(std::to_string(status));
    const double seconds = static_cast<double>(elapsed.count()) / 1e6;

    std::lock_guard lock(mutex_);
    auto it = requests_.find(key);
    if (it == requests_.end()) it = requests_.emplace(std::move(key), Series{}).first;
    Series& s = it->second;
    ++s.count;
    s.sum_seconds += seconds;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i]) ++s.buckets[i];
    }
}

std::string Metrics::render(std::string_view extra) const {
    std::string out;
    out += "# HELP http_requests_total Requests answered, by route pattern, method and status.\n";
    out += "# TYPE http_requests_total counter\n";
    std::string histogram;
    histogram += "# HELP http_request_duration_seconds Time from a complete request to its response.\n";
    histogram += "# TYPE http_request_duration_seconds histogram\n";
    {
        std::lock_guard lock(mutex_);
        for (const auto& [key, s] : requests_) {
            const std::size_t t1 = key.find('\t'), t2 = key.find('\t', t1 + 1);
            const std::string labels = "route=\"" + escape_label(key.substr(0, t1)) + "\",method=\"" +
                                       key.substr(t1 + 1, t2 - t1 - 1) + "\",status=\"" + key.substr(t2 + 1) + "\"";
            out += "http_requests_total{" + labels + "} " + std::to_string(s.count) + "\n";
            for (std::size_t i = 0; i < kBuckets.size(); ++i) {
                histogram += "http_request_duration_seconds_bucket{" + labels + ",le=\"" + format_double(kBuckets[i]) +
                             "\"} " + std::to_string(s.buckets[i]) + "\n";
            }
            histogram +=
                "http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} " + std::to_string(s.count) + "\n";
            histogram += "http_request_duration_seconds_sum{" + labels + "} " + format_double(s.sum_seconds) + "\n";
            histogram += "http_request_duration_seconds_count{" + labels + "} " + std::to_string(s.count) + "\n";
        }
    }
    out += histogram;
    out += "# HELP http_requests_in_flight Requests being handled now.\n# TYPE http_requests_in_flight gauge\n";
    out += "http_requests_in_flight " + std::to_string(in_flight.load()) + "\n";
    out += "# HELP http_connections_open Open client connections.\n# TYPE http_connections_open gauge\n";
    out += "http_connections_open " + std::to_string(connections_open.load()) + "\n";
    out += "# HELP http_connections_refused_total Connections closed at once because the cap was reached.\n";
    out += "# TYPE http_connections_refused_total counter\n";
    out += "http_connections_refused_total " + std::to_string(connections_refused.load()) + "\n";
    out += "# HELP process_resident_memory_bytes Resident memory size in bytes.\n";
    out += "# TYPE process_resident_memory_bytes gauge\n";
    out += "process_resident_memory_bytes " + std::to_string(process_rss_bytes()) + "\n";
    out += extra;
    return out;
}

long process_rss_bytes() {
    // procfs is memory-backed: this read does not wait on a disk.
    std::ifstream statm("/proc/self/statm");
    long size = 0, resident = 0;
    if (!(statm >> size >> resident)) return 0;
    return resident * sysconf(_SC_PAGESIZE);
}

}  // namespace superapp::platform::http
