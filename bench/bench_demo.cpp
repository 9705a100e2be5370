// SPDX-License-Identifier: Apache-2.0
// `lodeline demo` end to end, in process: build the synthetic deposit, write the project, run
// the whole pipeline, write the report. Each iteration writes into a fresh folder (created
// and removed outside the timed region).
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include "bench_main.hpp"
#include "cli.hpp"

namespace {

namespace fs = std::filesystem;

fs::path scratch_root() {
  static const fs::path root = [] {
    fs::path p = fs::temp_directory_path() /
                 ("lodeline-bench-demo-" +
                  std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    fs::create_directories(p);
    return p;
  }();
  return root;
}

void run_demo(benchmark::State& state, const std::vector<std::string>& prefix) {
  std::int64_t n = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const fs::path dir = scratch_root() / ("run-" + std::to_string(n++));
    std::error_code ec;
    fs::remove_all(dir, ec);
    std::vector<std::string> args = prefix;
    args.insert(args.end(), {"demo", "--out", dir.string()});
    std::ostringstream out, err;
    state.ResumeTiming();

    const int rc = lodeline::cli::run_cli(args, out, err);

    state.PauseTiming();
    fs::remove_all(dir, ec);
    state.ResumeTiming();
    if (rc != 0) {
      state.SkipWithError(
          ("lodeline demo failed: exit " + std::to_string(rc) + ": " + err.str()).c_str());
      break;
    }
  }
}

void BM_Demo(benchmark::State& state) { run_demo(state, {}); }
BENCHMARK(BM_Demo)->Iterations(3)->Unit(benchmark::kSecond)->UseRealTime();

void BM_DemoThreads1(benchmark::State& state) { run_demo(state, {"--threads", "1"}); }
BENCHMARK(BM_DemoThreads1)->Iterations(3)->Unit(benchmark::kSecond)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  return lodeline::bench::run_benchmarks(argc, argv, {}, [] {
    std::error_code ec;
    fs::remove_all(scratch_root(), ec);
  });
}
