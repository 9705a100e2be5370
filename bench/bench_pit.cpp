// SPDX-License-Identifier: Apache-2.0
// Ultimate pit (minimal maximum-weight closure, pit::max_closure on a RegularPattern) on
// synthetic regular block models of 1M, 4M and 16M blocks, and on MineFlow's bauxitemed.
//
// The synthetic models (make_model, deterministic by seed):
//  - normal noise per block (SplitMix64::normal), box-blurred twice along x, y (radius 4) and
//    z (radius 2), then rescaled to mean 0 and standard deviation 1: a spatially correlated
//    Gaussian field g;
//  - gold grade, lognormal-like: grade = exp(ln(kMedianGrade) + kSigma * g - kFalloff * d2)
//    g/t, where d2 is the squared normalised distance to an ellipsoidal deposit centred
//    horizontally and kDepthFrac * nz below the top (radii 0.25 nx, 0.25 ny, 0.35 nz);
//  - 10 m cubes of 2.7 t/m3 (2,700 t); value = round(tonnes * (grade * price * recovery -
//    processing_cost - mining_cost)) when that beats waste, else round(-tonnes *
//    mining_cost): integers, as pit::max_closure needs.
//  45 degree slopes, minimum-search pattern over 9 benches (pit::minimum_search_pattern(45,
//  9)), as the MineFlow anchors. About 7 % of the 1M blocks are mined (4.8 % at 4M, 2.8 %
//  at 16M: the deposit widens with the model but the model stays 100 levels deep).
//
// Each BM_Pit/<size> runs ONE solve (Iterations(1)); the model is generated untimed and kept
// for the repetitions of the same size only. Counters: blocks, blocks_mined, mined_pct, value,
// peak_rss_MB (getrusage ru_maxrss after the solve: the process peak so far, which includes
// the generator's arrays and, since the sizes run in ascending order, is the peak of the
// largest size run so far). After the first solve of each size, an untimed check that the
// result is a closure (pit::first_closure_violation == -1); the benchmark errors otherwise.
//
// BM_PitBauxitemed: /work/shared/data/mineflow/bauxitemed.dat (120 x 120 x 26), 45 degrees
// over 8 benches, expected 74,412 blocks and value 28,416,592 (Deutsch et al. 2022); skipped
// when the file is absent (LODELINE_SHARED_DATA overrides /work/shared/data).
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "lodeline/core/error.hpp"
#include "lodeline/core/random.hpp"
#include "lodeline/pit/closure.hpp"
#include "lodeline/pit/precedence.hpp"

namespace {

namespace pit = lodeline::pit;
using lodeline::SplitMix64;

constexpr std::uint64_t kSeed = 0x6c6f64656c696e65ULL;  // "lodeline"

// Economics (per tonne) and block.
constexpr double kTonnes = 10.0 * 10.0 * 10.0 * 2.7;
constexpr double kPricePerGram = 40.0;  // ~1,240 $/oz
constexpr double kRecovery = 0.9;
constexpr double kProcessingCost = 20.0;
constexpr double kMiningCost = 2.5;

// Grade field.
constexpr double kMedianGrade = 2.4;    // g/t at the deposit centre, g = 0
constexpr double kSigma = 0.9;         // of ln(grade) from the correlated field
constexpr double kFalloff = 6.0;        // ln(grade) drop at the ellipsoid surface (d2 = 1)
constexpr double kDepthFrac = 0.25;     // deposit centre depth below the top, fraction of nz

/// Two passes of a moving average of radius r along one axis of `a` (x fastest layout):
/// `stride` is the distance between neighbours along the axis, `length` their count.
void box_blur_axis(std::vector<float>& a, std::vector<float>& tmp, std::int64_t stride,
                   std::int64_t length, std::int64_t r) {
  const auto n = static_cast<std::int64_t>(a.size());
  const std::int64_t outer = n / (stride * length);
  std::vector<double> acc(static_cast<std::size_t>(stride));
  for (int pass = 0; pass < 2; ++pass) {
    for (std::int64_t o = 0; o < outer; ++o) {
      const std::int64_t base = o * stride * length;
      const auto plane = [&](std::int64_t t) { return a.data() + base + t * stride; };
      std::fill(acc.begin(), acc.end(), 0.0);
      std::int64_t count = 0;
      for (std::int64_t t = 0; t <= std::min(r, length - 1); ++t, ++count)
        for (std::int64_t s = 0; s < stride; ++s) acc[static_cast<std::size_t>(s)] += plane(t)[s];
      for (std::int64_t t = 0; t < length; ++t) {
        float* out = tmp.data() + base + t * stride;
        const double inv = 1.0 / static_cast<double>(count);
        for (std::int64_t s = 0; s < stride; ++s)
          out[s] = static_cast<float>(acc[static_cast<std::size_t>(s)] * inv);
        if (t + r + 1 < length) {
          const float* in = plane(t + r + 1);
          for (std::int64_t s = 0; s < stride; ++s) acc[static_cast<std::size_t>(s)] += in[s];
          ++count;
        }
        if (t - r >= 0) {
          const float* in = plane(t - r);
          for (std::int64_t s = 0; s < stride; ++s) acc[static_cast<std::size_t>(s)] -= in[s];
          --count;
        }
      }
    }
    a.swap(tmp);
  }
}

struct Model {
  pit::RegularPattern pattern;
  std::vector<std::int64_t> values;
};

Model make_model(std::int64_t nx, std::int64_t ny, std::int64_t nz, std::uint64_t seed) {
  const std::int64_t n = nx * ny * nz;
  std::vector<float> g(static_cast<std::size_t>(n)), tmp(static_cast<std::size_t>(n));
  SplitMix64 rng(seed);
  for (float& x : g) x = static_cast<float>(rng.normal());
  box_blur_axis(g, tmp, 1, nx, 4);
  box_blur_axis(g, tmp, nx, ny, 4);
  box_blur_axis(g, tmp, nx * ny, nz, 2);
  tmp = {};
  double sum = 0, sum2 = 0;
  for (const float x : g) {
    sum += x;
    sum2 += static_cast<double>(x) * x;
  }
  const double mean = sum / static_cast<double>(n);
  const double sd = std::sqrt(std::max(sum2 / static_cast<double>(n) - mean * mean, 1e-30));

  Model m;
  m.pattern = {nx, ny, nz, pit::minimum_search_pattern(45, 9)};
  m.values.resize(static_cast<std::size_t>(n));
  const double cx = 0.5 * static_cast<double>(nx - 1), cy = 0.5 * static_cast<double>(ny - 1);
  const double cz = static_cast<double>(nz - 1) - kDepthFrac * static_cast<double>(nz);
  const double rx = 0.25 * static_cast<double>(nx), ry = 0.25 * static_cast<double>(ny);
  const double rz = 0.35 * static_cast<double>(nz);
  const double waste = -kTonnes * kMiningCost;
  std::size_t id = 0;
  for (std::int64_t k = 0; k < nz; ++k)
    for (std::int64_t j = 0; j < ny; ++j)
      for (std::int64_t i = 0; i < nx; ++i, ++id) {
        const double dx = (static_cast<double>(i) - cx) / rx;
        const double dy = (static_cast<double>(j) - cy) / ry;
        const double dz = (static_cast<double>(k) - cz) / rz;
        const double z = (static_cast<double>(g[id]) - mean) / sd;
        const double grade =
            std::exp(std::log(kMedianGrade) + kSigma * z - kFalloff * (dx * dx + dy * dy + dz * dz));
        const double ore =
            kTonnes * (grade * kPricePerGram * kRecovery - kProcessingCost - kMiningCost);
        m.values[id] = std::llround(std::max(ore, waste));
      }
  return m;
}

double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

/// The model of the size last asked for (one at a time, to keep the peak memory honest).
const Model& model(std::int64_t nx, std::int64_t ny, std::int64_t nz) {
  static Model m;
  if (m.pattern.nx != nx || m.pattern.ny != ny || m.pattern.nz != nz) {
    m = {};
    m = make_model(nx, ny, nz, kSeed ^ static_cast<std::uint64_t>(nx * ny * nz));
  }
  return m;
}

void solve_and_report(benchmark::State& state, const Model& m, bool& checked) {
  pit::ClosureResult r;
  for (auto _ : state) {
    try {
      r = pit::max_closure(m.values, m.pattern);
    } catch (const lodeline::Error& e) {
      state.SkipWithError(e.formatted().c_str());
      return;
    }
    benchmark::DoNotOptimize(r.mined.data());
  }
  if (!checked) {  // untimed, once per size
    const std::int64_t bad = pit::first_closure_violation(r.mined, m.pattern);
    std::printf("bench_pit verify: %lld x %lld x %lld, %zu offsets: %zu blocks mined, value %lld, "
                "first closure violation %lld (-1 = a closure)\n",
                static_cast<long long>(m.pattern.nx), static_cast<long long>(m.pattern.ny),
                static_cast<long long>(m.pattern.nz), m.pattern.offsets.size(), r.mined.size(),
                static_cast<long long>(r.value), static_cast<long long>(bad));
    std::fflush(stdout);
    if (bad != -1) {
      state.SkipWithError("the result is not a closure");
      return;
    }
    checked = true;
  }
  const auto n = static_cast<double>(m.values.size());
  state.counters["blocks"] = n;
  state.counters["blocks_mined"] = static_cast<double>(r.mined.size());
  state.counters["mined_pct"] = 100.0 * static_cast<double>(r.mined.size()) / n;
  state.counters["value"] = static_cast<double>(r.value);
  state.counters["peak_rss_MB"] = peak_rss_mb();
}

void BM_Pit(benchmark::State& state, std::int64_t nx, std::int64_t ny, std::int64_t nz) {
  static bool checked[3] = {false, false, false};
  const int slot = nx == 100 ? 0 : nx == 200 ? 1 : 2;
  solve_and_report(state, model(nx, ny, nz), checked[slot]);
}
BENCHMARK_CAPTURE(BM_Pit, 1M, 100, 100, 100)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_Pit, 4M, 200, 200, 100)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_Pit, 16M, 400, 400, 100)
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime();

std::string shared_data() {
  const char* env = std::getenv("LODELINE_SHARED_DATA");
  return env != nullptr && *env != '\0' ? std::string(env) : std::string("/work/shared/data");
}

void BM_PitBauxitemed(benchmark::State& state) {
  const std::string path = shared_data() + "/mineflow/bauxitemed.dat";
  if (!std::filesystem::exists(path)) {
    state.SkipWithError((path + " is absent: skipped").c_str());
    return;
  }
  static Model m;
  if (m.values.empty()) {
    m.pattern = {120, 120, 26, pit::minimum_search_pattern(45, 8)};
    m.values = pit::read_regular_values(path, 120, 120, 26);
  }
  static bool checked = false;
  solve_and_report(state, m, checked);
  const auto mined = static_cast<std::int64_t>(state.counters["blocks_mined"].value);
  const auto value = static_cast<std::int64_t>(state.counters["value"].value);
  if (mined != 74412 || value != 28416592)
    state.SkipWithError(("bauxitemed: " + std::to_string(mined) + " blocks, value " +
                         std::to_string(value) + ", expected 74412 blocks, value 28416592")
                            .c_str());
}
BENCHMARK(BM_PitBauxitemed)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
