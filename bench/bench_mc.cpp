// SPDX-License-Identifier: Apache-2.0
// Monte Carlo over pillar positions: 1,000 draws on a 1,000,000-block model (1000 x 1000
// columns of 10 m x 10 m, one 10 m bench) cut by a 20-vertex line, with a licence polygon.
//
// Measures per draw: extent area, licence area (GEOS), ore and metal above 0.5, 0.8 and
// 1.5 g/t (8 measures). The line runs north -> south across the model (y strictly falling, so
// it stays simple), x wandering deterministically (SplitMix64). Every vertex has an isotropic
// error sigma (state.range(0) in mm: 50 and 500); the two end vertices lie 200 m outside.
// Timed: border::run_monte_carlo alone (the unperturbed split, 1,000 incremental draws, the
// offset derivative and the statistics); the model and its column totals are built once,
// untimed. Threads: TBB default (all cores) and, for the 1-thread figure, a global_control.
// Before the benchmarks, main() checks once (untimed) that the draws' incremental amounts
// equal full splits of the same drawn lines for 20 draws, and aborts otherwise.
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "bench_main.hpp"
#include "lodeline/border/monte_carlo.hpp"
#include "lodeline/border/tally.hpp"
#include "lodeline/core/random.hpp"
#include "lodeline/geo/geos_ops.hpp"

namespace {

using lodeline::BlockGrid;
using lodeline::Point2;
using lodeline::Polyline;
namespace border = lodeline::border;

constexpr std::int64_t kColumns = 1000;
constexpr double kBlock = 10.0;
constexpr double kOriginX = 400000.0, kOriginY = 4500000.0;

struct Fixture {
  BlockGrid grid;
  std::vector<double> grade, tonnes;
  Polyline line;
  border::MeasureSet measures;

  Fixture() {
    grid.origin_m = {kOriginX, kOriginY, 0};
    grid.block_size_m = {kBlock, kBlock, kBlock};
    grid.counts = {kColumns, kColumns, 1};
    grid.validate();
    const double w = static_cast<double>(kColumns) * kBlock;
    lodeline::SplitMix64 rng(0x6d63);  // "mc"
    // Grade: a north-east striking Gaussian ridge with noise; 2.7 t/m3.
    const auto n = static_cast<std::size_t>(grid.block_count());
    grade.resize(n);
    tonnes.assign(n, 2.7 * kBlock * kBlock * kBlock);
    for (std::int64_t j = 0; j < kColumns; ++j)
      for (std::int64_t i = 0; i < kColumns; ++i) {
        const double x = (static_cast<double>(i) + 0.5) * kBlock - 0.5 * w;
        const double y = (static_cast<double>(j) + 0.5) * kBlock - 0.5 * w;
        const double d = (x - y) / std::sqrt(2.0);
        grade[static_cast<std::size_t>(grid.column_index(i, j))] =
            3.0 * std::exp(-0.5 * (d / 900) * (d / 900)) * (0.6 + 0.8 * rng.uniform());
      }
    // 20 vertices from 200 m north of the model to 200 m south of it.
    for (int v = 0; v < 20; ++v) {
      const double y = w + 200 - (w + 400) * v / 19.0;
      const double x = 0.5 * w + 1500 * std::sin(0.7 * v) + rng.uniform(-300, 300);
      line.push_back({kOriginX + x, kOriginY + y});
    }
    const lodeline::MultiPolygon licence{{{{kOriginX + 1500, kOriginY + 1000},
                                           {kOriginX + 8500, kOriginY + 1500},
                                           {kOriginX + 9000, kOriginY + 8000},
                                           {kOriginX + 5000, kOriginY + 9200},
                                           {kOriginX + 1000, kOriginY + 7000}}}};
    border::TallyInput in;
    in.grid = &grid;
    in.grade_gpt = &grade;
    in.tonnes = &tonnes;
    in.cutoffs_gpt = {0.5, 0.8, 1.5};
    measures = border::make_measures(grid, border::block_measures(in), licence);
  }

  [[nodiscard]] border::UncertainLine uncertain(double sigma_m) const {
    border::UncertainLine u;
    u.points = line;
    u.covariance.assign(line.size(), border::VertexCovariance::isotropic(sigma_m));
    return u;
  }
};

const Fixture& fixture() {
  static const Fixture f;
  return f;
}

void run(benchmark::State& state, int threads) {
  const Fixture& f = fixture();
  std::unique_ptr<tbb::global_control> control;
  if (threads > 0)
    control = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                                    static_cast<std::size_t>(threads));
  const double sigma = static_cast<double>(state.range(0)) / 1000;
  border::MonteCarloOptions o;
  o.draws = 1000;
  o.seed = 42;
  o.tile_columns = state.range(1);
  const auto u = f.uncertain(sigma);
  border::MonteCarloResult r;
  for (auto _ : state) {
    r = border::run_monte_carlo(f.measures, u, o);
    benchmark::DoNotOptimize(r.measures.data());
  }
  state.counters["blocks"] = static_cast<double>(f.grid.block_count());
  state.counters["columns_per_draw"] = r.mean_columns_recomputed;
  state.counters["metal08_share_a_sd_pct"] = r.measures[4].share_pct[0].sd;
}

void BM_MonteCarlo1000(benchmark::State& state) { run(state, 0); }
void BM_MonteCarlo1000_Threads1(benchmark::State& state) { run(state, 1); }
BENCHMARK(BM_MonteCarlo1000)
    ->Args({50, 16})
    ->Args({500, 16})
    ->Args({500, 8})
    ->Args({500, 32})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_MonteCarlo1000_Threads1)
    ->Args({500, 16})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// Untimed: incremental amounts == full split + amounts for 20 draws.
void verify_or_abort() {
  const Fixture& f = fixture();
  if (lodeline::geo::find_self_intersection(f.line)) {
    std::fprintf(stderr, "bench_mc: line is not simple\n");
    std::abort();
  }
  border::MonteCarloOptions o;
  o.draws = 20;
  o.seed = 42;
  o.keep_draws = true;
  const auto u = f.uncertain(0.5);
  const auto r = border::run_monte_carlo(f.measures, u, o);
  double worst = 0;
  for (std::int64_t d = 0; d < o.draws; ++d) {
    const auto pts = border::perturbed_points(u.points, u.covariance, o.seed, d);
    const auto full = border::split_columns(f.grid, pts);
    const auto a = border::side_a_amounts(f.measures, full.fraction_left, full.territory_left);
    for (std::size_t m = 0; m < a.size(); ++m) {
      const double rel = std::abs(a[m] - r.side_a_draws[m][static_cast<std::size_t>(d)]) /
                         std::max(1.0, std::abs(a[m]));
      worst = std::max(worst, rel);
    }
  }
  std::printf(
      "bench_mc verify: %lld blocks, %zu vertices, %zu measures, %.0f columns "
      "recomputed per draw (sigma 0.5 m); max relative |incremental - full| = %.2e\n",
      static_cast<long long>(f.grid.block_count()), f.line.size(), f.measures.size(),
      r.mean_columns_recomputed, worst);
  std::fflush(stdout);
  if (!(worst <= 1e-9)) {
    std::fprintf(stderr, "bench_mc: verification FAILED\n");
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
