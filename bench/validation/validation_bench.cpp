// The validator's cost per field, at 1,000 to 100,000 fields: what a body of unknown keys costs
// (PUT /users/profile refuses each one by name). Linear validation keeps the time per key flat.
// Built and run by bench/validation/run.
#include <benchmark/benchmark.h>

#include <boost/json/object.hpp>
#include <string>

#include "platform/core/validation.hpp"

namespace {

using superapp::platform::core::ValidationFailed;
using superapp::platform::core::Validator;

boost::json::object unknown_keys(std::size_t n) {
    boost::json::object body;
    body.reserve(n);
    for (std::size_t i = 0; i < n; ++i) body["unknownField" + std::to_string(i)] = i;
    return body;
}

// Every member refused by name, as a handler refuses unknown members, then the 422 thrown.
void refuse_every_key(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const boost::json::object body = unknown_keys(n);
    for (auto _ : state) {
        Validator v(body);
        for (const auto& member : body) v.fail(member.key(), "is not a field that can be changed here");
        try {
            v.finish();
        } catch (const ValidationFailed& e) {
            benchmark::DoNotOptimize(e.errors().size());
        }
    }
    state.counters["time_per_key"] = benchmark::Counter(
        static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

}  // namespace

BENCHMARK(refuse_every_key)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
