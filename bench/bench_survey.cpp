// SPDX-License-Identifier: Apache-2.0
// Survey benchmarks: line_from_pillars (called once per Monte Carlo draw) and a whole survey
// of synthetic occupations (parse, filter, average, project, densify).
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <iterator>

#include "lodeline/core/random.hpp"
#include "lodeline/io/text_file.hpp"
#include "lodeline/survey/survey.hpp"
#include "lodeline/survey/synthetic.hpp"

using namespace lodeline;
using namespace lodeline::survey;

namespace {

// `n` pillars about 1.1 km apart along a zig-zag near 46E 40.2N.
std::vector<SyntheticPillar> pillars(std::size_t n) {
  std::vector<SyntheticPillar> out;
  for (std::size_t i = 0; i < n; ++i)
    out.push_back({fmt::format("P{}", i + 1), 46.0 + 0.01 * static_cast<double>(i),
                   40.2 + (i % 2 ? 0.004 : 0.0), 1500});
  return out;
}

SurveyedLine surveyed(std::size_t n, double spacing_m) {
  std::vector<Fix> fixes;
  PillarOrder order;
  order.file = "ORDER.txt";
  for (const auto& p : pillars(n)) {
    Fix f;
    f.pillar = p.name;
    f.file = "pillars.csv";
    f.lat_deg = p.lat_deg;
    f.lon_deg = p.lon_deg;
    f.quality = FixQuality::given;
    f.sd_e_m = f.sd_n_m = 0.05;
    fixes.push_back(f);
    order.names.push_back(p.name);
    order.locations.push_back({"ORDER.txt", static_cast<std::int64_t>(order.names.size()), 1});
  }
  SurveyOptions o;
  o.crs = "EPSG:32638";
  o.max_spacing_m = spacing_m;
  Diagnostics d;
  return survey_fixes(fixes, order, {}, o, d).line;
}

// Args: pillars, densification spacing (m).
void BM_LineFromPillars(benchmark::State& state) {
  const SurveyedLine layout =
      surveyed(static_cast<std::size_t>(state.range(0)), static_cast<double>(state.range(1)));
  SplitMix64 rng(7);
  std::vector<Point2> en;
  for (const auto& p : layout.pillars) en.push_back(p.en());
  for (auto _ : state) {
    std::vector<Point2> moved = en;
    for (auto& p : moved) p.x += 0.05 * rng.normal(), p.y += 0.05 * rng.normal();
    benchmark::DoNotOptimize(line_from_pillars(moved, layout));
  }
  state.counters["vertices"] = static_cast<double>(layout.line.size());
}
BENCHMARK(BM_LineFromPillars)
    ->Args({10, 50})
    ->Args({10, 5})
    ->Args({100, 50})
    ->Unit(benchmark::kMicrosecond);

// Args: pillars; NMEA occupations of 120 epochs each.
void BM_SurveyNmea(benchmark::State& state) {
  const auto ps = pillars(static_cast<std::size_t>(state.range(0)));
  const auto files = synthetic_occupations(ps, {});
  for (auto _ : state) {
    std::vector<Fix> fixes;
    PillarOrder order;
    for (const auto& f : files) {
      if (f.name.ends_with(".nmea") && f.name != "continuous.nmea") {
        auto v = parse_nmea(f.text, f.name);
        fixes.insert(fixes.end(), v.begin(), v.end());
      }
      if (f.name == "ORDER.txt") order = parse_order(f.text, f.name);
    }
    SurveyOptions o;
    o.crs = "EPSG:32638";
    Diagnostics d;
    benchmark::DoNotOptimize(survey_fixes(std::move(fixes), order, {}, o, d));
  }
}
BENCHMARK(BM_SurveyNmea)->Arg(10)->Unit(benchmark::kMillisecond);

// A GPX file of `n` waypoints named P1, one line each, in a temporary folder.
std::string gpx_file(std::int64_t n) {
  const auto path = std::filesystem::temp_directory_path() /
                    fmt::format("lodeline_bench_{}_{}.gpx", ::getpid(), n);
  std::string text =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gpx version=\"1.1\" creator=\"bench\" "
      "xmlns=\"http://www.topografix.com/GPX/1/1\">\n";
  for (std::int64_t i = 0; i < n; ++i)
    fmt::format_to(std::back_inserter(text),
                   "  <wpt lat=\"{:.9f}\" lon=\"46.0\"><ele>1525.0</ele>"
                   "<time>2021-06-01T{:02}:{:02}:{:02}Z</time><name>P1</name><fix>3d</fix>"
                   "<sat>8</sat><hdop>1.0</hdop></wpt>\n",
                   40.2 + 1e-9 * static_cast<double>(i % 1000), (8 + i / 3600) % 24, i / 60 % 60,
                   i % 60);
  text += "</gpx>\n";
  io::write_file_atomic(path, text);
  return path.string();
}

// Args: waypoints. read_gpx (GDAL's GPX driver, one pass over the layer, element locations
// from one line index): linear, where a scan per waypoint once made it quadratic.
void BM_ReadGpx(benchmark::State& state) {
  const std::string path = gpx_file(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(read_gpx(path));
  std::filesystem::remove(path);
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_ReadGpx)->Arg(5000)->Arg(20000)->Arg(80000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
