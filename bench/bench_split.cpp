// SPDX-License-Identifier: Apache-2.0
// Exact column split vs the GEOS per-block baseline on a 1000 x 1000 column grid (10 m blocks)
// cut by a deterministic 2,000-vertex meandering border.
//
// The border runs north -> south with y strictly decreasing, so it can never cross itself
// (two non-adjacent segments occupy disjoint y ranges); x wanders as a random walk with
// momentum, reflected inside the middle 80 % of the extent. It starts 50 m above and ends
// 50 m below the extent. Before any benchmark runs, main() checks once (untimed) that the
// border is simple (GEOS) and that the exact fractions agree with GEOS on territory_left to
// within 1e-9; it aborts otherwise.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "bench_main.hpp"
#include "lodeline/border/split.hpp"
#include "lodeline/core/block_grid.hpp"
#include "lodeline/core/geometry.hpp"
#include "lodeline/core/random.hpp"
#include "lodeline/geo/geos_ops.hpp"

namespace {

using lodeline::BlockGrid;
using lodeline::Point2;
using lodeline::Polyline;

constexpr std::int64_t kColumns = 1000;  // per axis
constexpr double kBlock = 10.0;          // m
constexpr std::size_t kVertices = 2000;
constexpr std::uint64_t kSeed = 0x6c6f64656c696e65ULL;  // "lodeline"
// A UTM-like origin, as in real models (the split works in grid-local coordinates; GEOS in
// world coordinates).
constexpr double kOriginX = 400000.0, kOriginY = 4500000.0;
constexpr double kTolerance = 1e-9;

using lodeline::SplitMix64;  // core/random.hpp

BlockGrid make_grid() {
  BlockGrid g;
  g.origin_m = {kOriginX, kOriginY, 0};
  g.block_size_m = {kBlock, kBlock, kBlock};
  g.counts = {kColumns, kColumns, 1};
  g.rotation_deg = 0;
  g.validate();
  return g;
}

Polyline make_border() {
  const double width = static_cast<double>(kColumns) * kBlock;
  const double height = width;
  const double margin = 50.0;
  const double y_start = height + margin, y_end = -margin;
  const double x_lo = 0.1 * width, x_hi = 0.9 * width;
  SplitMix64 rng(kSeed);
  Polyline line;
  line.reserve(kVertices);
  double x = 0.5 * width, vx = 0.0;
  for (std::size_t k = 0; k < kVertices; ++k) {
    const double t = static_cast<double>(k) / static_cast<double>(kVertices - 1);
    const double y = y_start + (y_end - y_start) * t;  // strictly decreasing
    line.push_back({kOriginX + x, kOriginY + y});
    vx = std::clamp(vx + rng.uniform(-12.0, 12.0), -45.0, 45.0);
    x += vx;
    if (x < x_lo) {
      x = 2 * x_lo - x;
      vx = -vx;
    }
    if (x > x_hi) {
      x = 2 * x_hi - x;
      vx = -vx;
    }
  }
  return line;
}

struct Fixture {
  BlockGrid grid = make_grid();
  Polyline border = make_border();
};

const Fixture& fixture() {
  static const Fixture f;
  return f;
}

std::vector<double> geos_fractions(const Fixture& f, const lodeline::MultiPolygon& territory) {
  return lodeline::geo::geos_cell_fractions(territory, f.grid.origin_m[0], f.grid.origin_m[1],
                                            f.grid.block_size_m[0], f.grid.block_size_m[1],
                                            f.grid.nx(), f.grid.ny());
}

void BM_SplitExact(benchmark::State& state) {
  const Fixture& f = fixture();
  std::int64_t straddling = 0;
  for (auto _ : state) {
    auto res = lodeline::border::split_columns(f.grid, f.border);
    benchmark::DoNotOptimize(res.fraction_left.data());
    straddling = res.counts.straddling;
  }
  state.counters["blocks"] = static_cast<double>(f.grid.column_count());
  state.counters["straddling"] = static_cast<double>(straddling);
  state.counters["blocks_per_s"] = benchmark::Counter(
      static_cast<double>(f.grid.column_count()), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_SplitExact)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_GeosBaseline_PerBlock(benchmark::State& state) {
  const Fixture& f = fixture();
  const auto split = lodeline::border::split_columns(f.grid, f.border);  // untimed
  for (auto _ : state) {
    auto fr = geos_fractions(f, split.territory_left);
    benchmark::DoNotOptimize(fr.data());
  }
  state.counters["blocks_per_s"] = benchmark::Counter(
      static_cast<double>(f.grid.column_count()), benchmark::Counter::kIsIterationInvariantRate);
  // The GEOS/ours ratios are computed by bench/run.sh from the medians (see RESULTS.md).
}
BENCHMARK(BM_GeosBaseline_PerBlock)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

// The same split with glibc told to keep freed memory (no mmap for big blocks, no trimming),
// so the split's full-grid arrays reuse already-touched pages: the steady state of a process
// that splits several lines. BM_SplitExact above pays first-touch page faults for them on every
// call, as a one-shot CLI run does. Registered last: mallopt changes the whole process.
void BM_SplitExact_WarmHeap(benchmark::State& state) {
#if defined(__GLIBC__)
  static const bool tuned = [] {
    return mallopt(M_MMAP_THRESHOLD, 32 << 20) == 1 && mallopt(M_TRIM_THRESHOLD, 1 << 30) == 1;
  }();
  if (!tuned) {
    state.SkipWithError("mallopt failed");
    return;
  }
#else
  state.SkipWithError("needs glibc mallopt");
  return;
#endif
  const Fixture& f = fixture();
  for (auto _ : state) {
    auto res = lodeline::border::split_columns(f.grid, f.border);
    benchmark::DoNotOptimize(res.fraction_left.data());
  }
  state.counters["blocks_per_s"] = benchmark::Counter(
      static_cast<double>(f.grid.column_count()), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_SplitExact_WarmHeap)->Unit(benchmark::kMillisecond)->UseRealTime();

// Untimed, once: the border is simple and exact == GEOS within kTolerance.
void verify_or_abort() {
  const Fixture& f = fixture();
  if (const auto hit = lodeline::geo::find_self_intersection(f.border)) {
    std::fprintf(stderr, "bench_split: border is not simple (segments %zu and %zu)\n",
                 hit->segment_a, hit->segment_b);
    std::abort();
  }
  const auto split = lodeline::border::split_columns(f.grid, f.border);
  const auto geos = geos_fractions(f, split.territory_left);
  if (geos.size() != split.fraction_left.size()) {
    std::fprintf(stderr, "bench_split: size mismatch %zu vs %zu\n", geos.size(),
                 split.fraction_left.size());
    std::abort();
  }
  double max_diff = 0;
  std::size_t worst = 0;
  for (std::size_t c = 0; c < geos.size(); ++c) {
    const double d = std::abs(geos[c] - split.fraction_left[c]);
    if (!(d <= max_diff)) {  // also catches NaN
      max_diff = d;
      worst = c;
    }
  }
  std::printf(
      "bench_split verify: %lld columns, %zu border vertices, %lld piece(s), %lld straddling, "
      "%zu territory polygon(s); max |exact - GEOS| = %.3e (column %zu, tolerance %.0e)\n",
      static_cast<long long>(f.grid.column_count()), f.border.size(),
      static_cast<long long>(split.pieces), static_cast<long long>(split.counts.straddling),
      split.territory_left.size(), max_diff, worst, kTolerance);
  std::fflush(stdout);
  if (!(max_diff <= kTolerance) || split.pieces != 1 || split.counts.straddling == 0) {
    std::fprintf(stderr, "bench_split: verification FAILED\n");
    std::abort();
  }
}

}  // namespace

int main(int argc, char** argv) {
  return lodeline::bench::run_benchmarks(argc, argv, [] {
    verify_or_abort();
    return true;
  });
}
