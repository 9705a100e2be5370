// SPDX-License-Identifier: Apache-2.0
// Synthetic straddling gold deposit: correlated lognormal grades in a steep vein-stockwork zone,
// calibrated to the public figures (gold above cut-off, area and metal shares of one line).
#include "lodeline/demo/demo.hpp"

#include <fmt/format.h>
#include <tbb/parallel_for.h>

#include <cmath>
#include <functional>
#include <nlohmann/json.hpp>
#include <numbers>

#include "lodeline/blockmodel/block_model_io.hpp"
#include "lodeline/border/split.hpp"
#include "lodeline/core/random.hpp"
#include "lodeline/drillhole/synthetic.hpp"
#include "lodeline/geo/geos_ops.hpp"
#include "lodeline/geo/vector_file.hpp"
#include "lodeline/io/output_set.hpp"
#include "lodeline/io/text_file.hpp"
#include "lodeline/survey/synthetic.hpp"

namespace lodeline::demo {
namespace {

constexpr const char* kCrs = "EPSG:32638";  // WGS 84 / UTM zone 38N
// Deposit centre near 46.0 E, 40.2 N (cs2cs EPSG:4326 -> EPSG:32638: 585110.873, 4450435.076).
constexpr double kCx = 585100, kCy = 4450400;
constexpr double kHalfW = 900, kHalfH = 600;  // model extent 1800 m x 1200 m
constexpr double kBlock = 10, kZ0 = 2000;
constexpr std::int64_t kNx = 180, kNy = 120, kNz = 40;

// In-place moving average of radius r along one axis (stride, count, lines).
void box_blur(std::vector<double>& v, std::int64_t n, std::int64_t stride, std::int64_t r,
              const std::vector<std::int64_t>& starts) {
  std::vector<double> line(static_cast<std::size_t>(n)), out(static_cast<std::size_t>(n));
  for (std::int64_t s : starts) {
    for (std::int64_t i = 0; i < n; ++i)
      line[static_cast<std::size_t>(i)] = v[static_cast<std::size_t>(s + i * stride)];
    for (std::int64_t i = 0; i < n; ++i) {
      double sum = 0;
      std::int64_t cnt = 0;
      for (std::int64_t k = std::max<std::int64_t>(0, i - r); k <= std::min(n - 1, i + r); ++k) {
        sum += line[static_cast<std::size_t>(k)];
        ++cnt;
      }
      out[static_cast<std::size_t>(i)] = sum / static_cast<double>(cnt);
    }
    for (std::int64_t i = 0; i < n; ++i)
      v[static_cast<std::size_t>(s + i * stride)] = out[static_cast<std::size_t>(i)];
  }
}

// Standard-normal field with anisotropic correlation (two box-blur passes per axis).
std::vector<double> correlated_field(std::uint64_t seed) {
  SplitMix64 rng(seed);
  std::vector<double> f(static_cast<std::size_t>(kNx * kNy * kNz));
  for (auto& v : f) v = rng.normal();
  std::vector<std::int64_t> sx, sy, sz;
  for (std::int64_t k = 0; k < kNz; ++k)
    for (std::int64_t j = 0; j < kNy; ++j) sx.push_back(kNx * (j + kNy * k));
  for (std::int64_t k = 0; k < kNz; ++k)
    for (std::int64_t i = 0; i < kNx; ++i) sy.push_back(i + kNx * kNy * k);
  for (std::int64_t j = 0; j < kNy; ++j)
    for (std::int64_t i = 0; i < kNx; ++i) sz.push_back(i + kNx * j);
  for (int pass = 0; pass < 2; ++pass) {
    box_blur(f, kNx, 1, 4, sx);
    box_blur(f, kNy, kNx, 4, sy);
    box_blur(f, kNz, kNx * kNy, 2, sz);
  }
  double mean = 0, sq = 0;
  for (double v : f) mean += v;
  mean /= static_cast<double>(f.size());
  for (double v : f) sq += (v - mean) * (v - mean);
  const double sd = std::sqrt(sq / static_cast<double>(f.size()));
  for (auto& v : f) v = (v - mean) / sd;
  return f;
}

double bisect(double lo, double hi, const std::function<double(double)>& f) {
  // f increasing in x; finds f(x) = 0.
  for (int it = 0; it < 48; ++it) {
    const double mid = 0.5 * (lo + hi);
    (f(mid) < 0 ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

// Drill plan: sections across the zone every 50 m along strike; on each, two holes inclined
// -60 deg toward azimuth 330 (against the 75 deg south-east dip, collared on the hanging-wall
// side) and one vertical hole, all from the model top. About 30 km of drilling.
std::vector<drillhole::PlannedHole> drill_plan() {
  const double az = 60 * std::numbers::pi / 180;
  const double tx = std::sin(az), ty = std::cos(az);   // along strike
  const double nx = std::cos(az), ny = -std::sin(az);  // across strike, towards the dip
  const double top = kZ0 + static_cast<double>(kNz) * kBlock;
  std::vector<drillhole::PlannedHole> holes;
  int section = 0;
  for (double a = -700; a <= 700 + 1e-9; a += 50, ++section) {
    struct Spot {
      double across_m, azimuth_deg, dip_deg, length_m;
    };
    const double jog = (section % 2) ? 10 : -10;  // staggered collars
    for (const Spot& h : {Spot{60 + jog, 330, -60, 250}, Spot{160 + jog, 330, -60, 380},
                          Spot{40 - jog, 0, -90, 395}}) {
      drillhole::PlannedHole p;
      p.hole_id = fmt::format("DH{:02d}{}", section, static_cast<char>('A' + holes.size() % 3));
      p.x_m = std::round(kCx + a * tx + h.across_m * nx);
      p.y_m = std::round(kCy + a * ty + h.across_m * ny);
      p.z_m = top;
      p.azimuth_deg = h.azimuth_deg;
      p.dip_deg = h.dip_deg;
      p.length_m = h.length_m;
      holes.push_back(p);
    }
  }
  return holes;
}

Polyline shifted(const Polyline& local, double dx) {
  Polyline out;
  for (const auto& p : local) out.push_back({kCx + p.x + dx, kCy + p.y});
  return out;
}

BlockGrid demo_grid() {
  BlockGrid grid;
  grid.origin_m = {kCx - kHalfW, kCy - kHalfH, kZ0};
  grid.block_size_m = {kBlock, kBlock, kBlock};
  grid.counts = {kNx, kNy, kNz};
  return grid;
}

/// Per block: the grade before the along-strike trend and the scale (base), and the
/// along-strike position in units of the half-length (strike).
struct ZoneFields {
  std::vector<double> base, strike;
};

// Zone: strike azimuth 60 deg (clockwise from north), dipping 75 deg to the south-east,
// 1.5 km long, Gaussian core of 30 m half-width over a weak halo.
ZoneFields zone_fields(const BlockGrid& grid, std::uint64_t seed) {
  const double az = 60 * std::numbers::pi / 180;
  const double tx = std::sin(az), ty = std::cos(az);   // along strike
  const double nx = std::cos(az), ny = -std::sin(az);  // across strike
  const double top = kZ0 + static_cast<double>(kNz) * kBlock;
  const std::vector<double> g = correlated_field(seed);
  const std::size_t n = g.size();
  ZoneFields z{std::vector<double>(n), std::vector<double>(n)};
  for (std::int64_t k = 0; k < kNz; ++k)
    for (std::int64_t j = 0; j < kNy; ++j)
      for (std::int64_t i = 0; i < kNx; ++i) {
        const auto b = static_cast<std::size_t>(grid.index(i, j, k));
        const auto c = grid.centroid(i, j, k);
        const double px = c[0] - kCx, py = c[1] - kCy;
        const double s = px * tx + py * ty;
        const double d = px * nx + py * ny - (top - c[2]) / std::tan(75 * std::numbers::pi / 180);
        const double taper =
            std::abs(s) < 600   ? 1.0
            : std::abs(s) < 780 ? 0.5 * (1 + std::cos(std::numbers::pi * (std::abs(s) - 600) / 180))
                                : 0.0;
        const double core = std::exp(-0.5 * (d / 30) * (d / 30)) * taper;
        z.base[b] = std::exp(0.8 * g[b] - 0.32) * (0.03 + core);
        z.strike[b] = s / 750;
      }
  return z;
}

/// Licence polygon and the lines (walked north -> south, so side A = east): the surveyed line
/// is shifted east-west until it leaves targets.licence_share_a of the licence on side A.
void place_licence_and_lines(const BlockGrid& grid, const DemoTargets& targets, DemoDeposit& demo) {
  const Polyline licence_local{{-760, -450}, {600, -520}, {830, -100},
                               {700, 470},   {-500, 540}, {-830, 120}};
  Ring ring;
  for (const auto& p : licence_local) ring.push_back({kCx + p.x, kCy + p.y});
  demo.licence = {{ring}};
  const Polyline line_local{{-60, 700},  {-15, 380},  {-85, 130},
                            {-25, -140}, {-95, -400}, {-40, 700 * -1}};
  const double licence_area = geo::area_m2(demo.licence);
  const double shift = bisect(-400, 400, [&](double dx) {
    const auto sr = border::split_columns(grid, shifted(line_local, dx));
    return targets.licence_share_a -
           geo::intersection_area_m2(demo.licence, sr.territory_left) / licence_area;
  });
  demo.surveyed = shifted(line_local, shift);
  demo.claim_a = shifted(line_local, shift - 140);  // more ground to side A
  demo.claim_b = shifted(line_local, shift + 140);  // more ground to side B
}

/// Calibrates the along-strike trend (metal share on side A) and the overall scale (metal
/// total above the cut-off): grade = scale * base * exp(beta * strike).
class GradeCalibration {
 public:
  GradeCalibration(const BlockGrid& grid, const ZoneFields& zone, std::vector<double> frac,
                   const DemoTargets& targets)
      : zone_(zone),
        frac_(std::move(frac)),
        targets_(targets),
        n_(zone.base.size()),
        tonnes_(grid.block_volume_m3() * 2.7),
        ncol_(grid.column_count()),
        shape_(n_) {}

  /// The calibrated grades (g/t), block by block.
  std::vector<double> grades_gpt() {
    double scale = 1, beta = 0;
    set_beta(beta);
    for (int round = 0; round < 3; ++round) {
      scale = solve_scale();
      beta = bisect(-4, 4, [&](double bt) {
        set_beta(bt);
        return metal_t(scale, true) / metal_t(scale, false) - targets_.metal_share_a;
      });
      set_beta(beta);
    }
    scale = solve_scale();
    std::vector<double> au(n_);
    for (std::size_t b = 0; b < n_; ++b) au[b] = scale * shape_[b];
    return au;
  }

 private:
  // Sums in fixed chunks, combined in order: the same bits for any thread count.
  [[nodiscard]] double chunked_sum(const std::function<double(std::size_t)>& term) const {
    constexpr std::size_t kChunk = 1 << 15;
    std::vector<double> partial((n_ + kChunk - 1) / kChunk, 0.0);
    tbb::parallel_for(std::size_t{0}, partial.size(), [&](std::size_t c) {
      double acc = 0;
      for (std::size_t b = c * kChunk; b < std::min(n_, (c + 1) * kChunk); ++b) acc += term(b);
      partial[c] = acc;
    });
    double total = 0;
    for (double v : partial) total += v;
    return total;
  }

  /// shape = base * exp(beta * strike).
  void set_beta(double beta) {
    tbb::parallel_for(std::size_t{0}, n_, [&](std::size_t b) {
      shape_[b] = zone_.base[b] * std::exp(beta * zone_.strike[b]);
    });
  }

  /// Metal above the cut-off (t), on side A or in all.
  [[nodiscard]] double metal_t(double scale, bool side_a) const {
    return chunked_sum([&](std::size_t b) {
             const double grade = scale * shape_[b];
             if (grade < targets_.cutoff_gpt) return 0.0;
             const double w = side_a ? frac_[b % static_cast<std::size_t>(ncol_)] : 1.0;
             return w * tonnes_ * grade;
           }) /
           1e6;
  }

  [[nodiscard]] double solve_scale() const {
    return std::exp(
        bisect(-6, 6, [&](double ls) { return metal_t(std::exp(ls), false) - targets_.metal_t; }));
  }

  const ZoneFields& zone_;
  std::vector<double> frac_;  // column fraction left of the surveyed line
  const DemoTargets& targets_;
  std::size_t n_;
  double tonnes_;  // per block
  std::int64_t ncol_;
  std::vector<double> shape_;  // base * exp(beta * strike) for the current beta
};

using nlohmann::ordered_json;

ordered_json coords(const std::vector<Point2>& pts) {
  ordered_json a = ordered_json::array();
  for (const auto& p : pts) a.push_back({p.x, p.y});
  return a;
}

/// A GeoJSON FeatureCollection of one line, in the project CRS or in lon/lat.
std::string line_file(const Polyline& line, const std::string& name, bool lonlat) {
  ordered_json fc{{"type", "FeatureCollection"}};
  if (!lonlat)
    fc["crs"] = {{"type", "name"}, {"properties", {{"name", "urn:ogc:def:crs:EPSG::32638"}}}};
  const Polyline pts = lonlat ? geo::transform_points(line, kCrs, "EPSG:4326") : line;
  fc["features"] = {{{"type", "Feature"},
                     {"properties", {{"name", name}, {"synthetic", true}}},
                     {"geometry", {{"type", "LineString"}, {"coordinates", coords(pts)}}}}};
  return fc.dump(1) + "\n";
}

ordered_json licence_json(const DemoDeposit& demo) {
  Ring ring = demo.licence[0][0];
  ring.push_back(ring.front());
  return ordered_json{
      {"type", "FeatureCollection"},
      {"crs", {{"type", "name"}, {"properties", {{"name", "urn:ogc:def:crs:EPSG::32638"}}}}},
      {"features",
       {{{"type", "Feature"},
         {"properties", {{"name", "synthetic licence"}}},
         {"geometry", {{"type", "Polygon"}, {"coordinates", {coords(ring)}}}}}}}};
}

/// The surveyed line's pillars (its vertices, in lon/lat WGS 84), named P1, P2, ...
std::vector<survey::SyntheticPillar> surveyed_pillars(const DemoDeposit& demo) {
  const Polyline pillars_ll = geo::transform_points(demo.surveyed, kCrs, "EPSG:4326");
  std::vector<survey::SyntheticPillar> pillars;
  for (std::size_t k = 0; k < pillars_ll.size(); ++k)
    pillars.push_back({fmt::format("P{}", k + 1), pillars_ll[k].x, pillars_ll[k].y, 1500});
  return pillars;
}

/// The project file's "fixes" list: the shared GPX and CSV files, then each pillar's logs.
std::string fix_list(const std::vector<survey::SyntheticPillar>& pillars) {
  std::string list = "\"gps/waypoints.gpx\", \"gps/pillars.csv\"";
  for (const auto& p : pillars) list += fmt::format(", \"gps/{0}.nmea\", \"gps/{0}.pos\"", p.name);
  return list;
}

// The project file, a format string with {seed} and {fixes}.
constexpr const char* kProjectToml =
    R"TOML(# lodeline demo project (seed {seed}). SYNTHETIC DATA: a made-up deposit shaped after
# the public figures of a gold mine cut by a border (gold above 0.8 g/t 120-130 t; one side's
# officials said it splits about in half, the other's said 74 % lies on their side).
[project]
name = "Synthetic straddling gold deposit (lodeline demo, seed {seed})"
synthetic = true
crs = "EPSG:32638"

# The block model is estimated from the drillholes; truth.lbm is the synthetic deposit they
# were drilled from, used only to show how far the estimate is from the truth.
[model]
grid = "grid.json"
grade = "au_gpt"
density_t_m3 = 2.7

[drillholes]
collars = "drill/collars.csv"
surveys = "drill/surveys.csv"
assays = "drill/assays.csv"
value = "au"
dip_convention = "negative_down"
below_detection = "half"
desurvey = "minimum_curvature"

[composite]
length_m = 2
min_length_m = 1
residual = "merge"
topcut = {{ au = 40 }}

# Start: major axis along strike (N60E), semi-major down the 75 deg dip; sills and ranges fitted
# to the composites along those three axes.
[variogram]
model = "variogram.json"
fit = true
lag_m = 10
lags = 15
tolerance_deg = 22.5

[estimate]
method = "ok"
metric = "anisotropic"
max_samples = 24
min_samples = 6
max_per_hole = 8
max_distance_m = 100
discretization = [2, 2, 2]
scheme = "regular"
cross_validation = "leave_one_hole_out"
truth = "truth.lbm"

[[classification]]
class = "Measured"
min_slope = 0.8
min_holes = 3
max_nearest_m = 25

[[classification]]
class = "Indicated"
min_slope = 0.5
min_holes = 2

[[classification]]
class = "Inferred"

[licence]
file = "licence.geojson"

[report]
cutoffs_gpt = [0.8, 0.3, 0.5, 1.0, 1.5, 2.0, 3.0]
out = "out"

# Illustrative economics (synthetic); the public case railed ore to a distant plant.
[economics]
price_usd_per_oz = 1800
recovery_frac = 0.88
payability_frac = 0.995
selling_cost_usd_per_oz = 5
mining_cost_usd_per_t = 2.8
mining_cost_increase_usd_per_t_per_bench = 0.03
processing_cost_usd_per_t = 16
transport_cost_usd_per_t = 9

[pit]
slope_deg = 45
benches = 8
straddling = "forbidden"
lines = ["surveyed"]
production_rates_t_per_y = [320000, 490000, 880000]
revenue_factors = [0.5, 0.7, 1.0, 1.5, 2.0]

# Every line is walked north -> south: side A is the east (left) side.
# The surveyed line is drawn from the GPS occupations of its six pillars (GPX waypoints, NMEA
# logs, RTKLIB solutions and a CSV pillar list; gross outliers and float solutions included).
# The Monte Carlo run moves each pillar by its surveyed covariance.
[[scenario]]
name = "surveyed"
kind = "surveyed"
source = "synthetic GPS delimitation (demo): pillar occupations, WGS 84"
date = "2020-11 (synthetic)"
side_a = "Side A"
side_b = "Side B"

[scenario.survey]
fixes = [{fixes}]
order = "gps/ORDER.txt"
segments = "geodesic"

[[scenario]]
name = "claim_a"
file = "lines/claim_a.geojson"
kind = "claimed"
source = "line claimed by side A (synthetic)"
date = "2020-11 (synthetic)"
side_a = "Side A"
side_b = "Side B"

[[scenario]]
name = "claim_b"
file = "lines/claim_b.geojson"
kind = "claimed"
source = "line claimed by side B (synthetic)"
date = "2020-11 (synthetic)"
side_a = "Side A"
side_b = "Side B"

[monte_carlo]
draws = 1000
seed = {seed}

[[claim]]
source = "officials of side A, as publicly reported"
date = "2020-11"
statement = "the mine splits roughly in half"
side = "Side A"
share_pct = 50
tolerance_pct = 5

[[claim]]
source = "officials of side B, as publicly reported"
date = "2020-11"
statement = "74 % of the mine is on our side"
side = "Side B"
share_pct = 74
tolerance_pct = 2
)TOML";

constexpr const char* kReadme =
    "SYNTHETIC DATA made by `lodeline demo`. The deposit (truth.lbm), the drillholes drilled "
    "from it (drill/), the licence and every line are invented; they are shaped after public "
    "figures only to show how one line can give an area split near 50/50 and a gold split near "
    "26/74 at the same time. The project estimates its block model from the drillholes and "
    "compares the estimate with truth.lbm.\n";

ordered_json grid_json(const BlockGrid& grid) {
  return ordered_json{
      {"origin", {grid.origin_m[0], grid.origin_m[1], grid.origin_m[2]}},
      {"block_size", {grid.block_size_m[0], grid.block_size_m[1], grid.block_size_m[2]}},
      {"counts", {grid.counts[0], grid.counts[1], grid.counts[2]}},
      {"crs", kCrs}};
}

/// The starting variogram model: major axis along strike (N60E), semi-major down the dip.
ordered_json starting_variogram() {
  return ordered_json{{"nugget", 0.2},
                      {"structures",
                       {{{"type", "spherical"},
                         {"sill", 0.8},
                         {"ranges", {150, 100, 40}},
                         {"angles", {60, 0, 75}}}}}};
}

}  // namespace

DemoDeposit make_demo_deposit(std::uint64_t seed, const DemoTargets& targets) {
  const BlockGrid grid = demo_grid();
  DemoDeposit demo{blockmodel::BlockModel(grid, kCrs), {}, {}, {}, {}};
  const ZoneFields zone = zone_fields(grid, seed);
  place_licence_and_lines(grid, targets, demo);
  auto frac = border::split_columns(grid, demo.surveyed).fraction_left;
  const std::vector<double> grades_gpt =
      GradeCalibration(grid, zone, std::move(frac), targets).grades_gpt();
  auto& au = demo.model.add_column("au_gpt", blockmodel::ColumnType::float64).f64;
  auto& rho = demo.model.add_column("density_t_m3", blockmodel::ColumnType::float64).f64;
  for (std::size_t b = 0; b < grades_gpt.size(); ++b) {
    au[b] = grades_gpt[b];
    rho[b] = 2.7;
  }
  return demo;
}

std::filesystem::path write_demo_project(const std::filesystem::path& dir, const DemoDeposit& demo,
                                         std::uint64_t seed) {
  const ordered_json lic = licence_json(demo);
  // Synthetic occupations of the surveyed line's pillars.
  const auto pillars = surveyed_pillars(demo);
  survey::SyntheticOptions sopt;
  sopt.seed = seed ^ 0x9e55ULL;
  const auto occupations = survey::synthetic_occupations(pillars, sopt);
  const std::string toml =
      fmt::format(kProjectToml, fmt::arg("seed", seed), fmt::arg("fixes", fix_list(pillars)));
  // Everything is built in memory first; then each file is written atomically.
  const auto& grid = demo.model.grid;
  drillhole::SyntheticDrillingOptions dopt;
  dopt.seed = seed ^ 0x5d1a11c0ffeeULL;
  const auto drilling =
      drillhole::synthesize_drilling(grid, demo.model.f64("au_gpt"), drill_plan(), dopt);
  blockmodel::write_block_model_binary(dir / "truth.lbm", demo.model);
  io::OutputSet files;
  files.add(dir / "grid.json", grid_json(grid).dump(1) + "\n");
  files.add(dir / "variogram.json", starting_variogram().dump(1) + "\n");
  files.add(dir / "drill" / "collars.csv", drilling.collars_csv);
  files.add(dir / "drill" / "surveys.csv", drilling.surveys_csv);
  files.add(dir / "drill" / "assays.csv", drilling.assays_csv);
  files.add(dir / "licence.geojson", lic.dump(1) + "\n");
  for (const auto& f : occupations) files.add(dir / "gps" / f.name, f.text);
  files.add(dir / "lines" / "claim_a.geojson", line_file(demo.claim_a, "claim_a", false));
  files.add(dir / "lines" / "claim_b.geojson", line_file(demo.claim_b, "claim_b", false));
  files.add(dir / "README.txt", kReadme);
  files.add(dir / "project.toml", toml);
  files.commit();
  return dir / "project.toml";
}

}  // namespace lodeline::demo
