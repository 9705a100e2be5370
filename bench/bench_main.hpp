// SPDX-License-Identifier: Apache-2.0
// The main() the benches share: Google Benchmark's flags, then a check of the bench's figures
// against their oracle (a failed check ends the run before any timing), the benchmarks, and
// an optional clean-up.
#pragma once

#include <benchmark/benchmark.h>

#include <functional>

namespace lodeline::bench {

/// `check` returns false (after saying why) when the figures are wrong: exit status 1.
inline int run_benchmarks(int argc, char** argv, const std::function<bool()>& check = {},
                          const std::function<void()>& cleanup = {}) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  if (check && !check()) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (cleanup) cleanup();
  return 0;
}

}  // namespace lodeline::bench
