// SPDX-License-Identifier: Apache-2.0
// Experimental variograms and the spherical fit on a synthetic drill-hole set shaped like
// ../shared/data/krige/drillholes: 100 vertical holes on a jittered 10 x 10 grid over
// 560 m x 550 m, 150 composites of 2 m each (15,000 samples, z 500 m down to 200 m), grade a
// smooth field plus noise. Arguments: worker threads (the result does not depend on them).
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "lodeline/core/random.hpp"
#include "lodeline/variogram/experimental.hpp"
#include "lodeline/variogram/fit.hpp"

namespace {

using namespace lodeline::variogram;

constexpr std::uint64_t kSeed = 0x76617269ULL;  // "vari"

const std::vector<Sample>& holes() {
  static const std::vector<Sample> samples = [] {
    lodeline::SplitMix64 rng(kSeed);
    std::vector<Sample> s;
    for (int hx = 0; hx < 10; ++hx)
      for (int hy = 0; hy < 10; ++hy) {
        const double x = 1020 + 56 * hx + rng.uniform(-10, 10);
        const double y = 1930 + 55 * hy + rng.uniform(-10, 10);
        for (int k = 0; k < 150; ++k) {
          Sample p;
          p.x_m = x;
          p.y_m = y;
          p.z_m = 499 - 2.0 * k;
          p.value = 1.5 + std::sin(x / 90) * std::cos(y / 70) + 0.4 * std::sin(p.z_m / 40) +
                    0.3 * rng.normal();
          p.hole = hx * 10 + hy;
          p.along_hole_m = 1 + 2.0 * k;
          s.push_back(p);
        }
      }
    return s;
  }();
  return samples;
}

Direction cone(double azimuth, double dip) {
  Direction d;
  d.azimuth_deg = azimuth;
  d.dip_deg = dip;
  d.azimuth_tolerance_deg = 22.5;
  d.dip_tolerance_deg = 22.5;
  return d;
}

void BM_OmniDefaultLags(benchmark::State& state) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(state.range(0)));
  const auto& s = holes();
  std::int64_t pairs = 0;
  for (auto _ : state) {
    const auto v = run_experimental(s, {});
    pairs = 0;
    for (const auto& lag : v[0].values) pairs += lag.pairs;
    benchmark::DoNotOptimize(pairs);
  }
  state.counters["samples"] = static_cast<double>(s.size());
  state.counters["pairs"] = static_cast<double>(pairs);
}
BENCHMARK(BM_OmniDefaultLags)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_OmniFourDirectionsVerticalDownhole(benchmark::State& state) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(state.range(0)));
  const auto& s = holes();
  ExperimentalOptions o;
  o.directions = {cone(0, 0), cone(45, 0), cone(90, 0), cone(135, 0), cone(0, -90)};
  o.downhole = true;
  for (auto _ : state) benchmark::DoNotOptimize(run_experimental(s, o));
  state.counters["samples"] = static_cast<double>(s.size());
}
BENCHMARK(BM_OmniFourDirectionsVerticalDownhole)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_FitSphericalToOmni(benchmark::State& state) {
  const auto v = run_experimental(holes(), {});
  for (auto _ : state)
    benchmark::DoNotOptimize(
        fit_variogram(v[0], std::vector<StructureType>{StructureType::spherical}));
}
BENCHMARK(BM_FitSphericalToOmni)->Unit(benchmark::kMillisecond);

void BM_FitAnisotropicTwoSphericals(benchmark::State& state) {
  ExperimentalOptions o;
  o.omnidirectional = false;
  o.directions = {cone(0, 0), cone(90, 0), cone(0, -90)};
  const auto v = run_experimental(holes(), o);
  for (auto _ : state)
    benchmark::DoNotOptimize(fit_anisotropic(
        v, std::vector<StructureType>{StructureType::spherical, StructureType::spherical}));
}
BENCHMARK(BM_FitAnisotropicTwoSphericals)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
