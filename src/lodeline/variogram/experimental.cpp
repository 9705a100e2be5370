// SPDX-License-Identifier: Apache-2.0
// Experimental semivariograms (Matheron 1963; GSLIB gamv 1998; gstat, Pebesma 2004): pair search
// with a kd-tree, per-block sums in a fixed order. See experimental.hpp for the definitions.
#include "lodeline/variogram/experimental.hpp"

#include <fmt/format.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nanoflann.hpp>
#include <numbers>

#include "lodeline/core/error.hpp"
#include "lodeline/io/csv.hpp"
#include "lodeline/io/text_file.hpp"

namespace lodeline::variogram {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr std::size_t kBlock = 256;  // samples (or holes) per block of the fixed partition

#if NANOFLANN_VERSION >= 0x150
using SearchParams = nanoflann::SearchParameters;
#else
using SearchParams = nanoflann::SearchParams;
#endif

bool finite_nonnegative(double v) { return std::isfinite(v) && v >= 0; }

void check_tolerance(double v, const char* what, std::size_t k) {
  if (!(v >= 0 && v <= 180))
    throw Error("input.bad_option",
                fmt::format("direction {}: {} is {} degrees, expected a value in [0, 180]", k + 1,
                            what, v));
}

/// Direction tests precomputed (see experimental.hpp, "Direction tests").
struct Cone {
  bool all = true;
  bool test_azimuth = false, test_dip = false;
  double sin_a = 0, cos_a = 1, cos_ta = -1;
  double sin_b = 0, cos_b = 1, cos_tb = -1;
  double band_h = 0, band_v = 0;
  bool test_band_h = false, test_band_v = false;

  explicit Cone(const Direction& d) {
    all = d.omnidirectional();
    test_azimuth = d.azimuth_tolerance_deg < 90;
    test_dip = d.dip_tolerance_deg < 90;
    // Same expressions as gstat's (degrees * pi / 180), so 2D ties fall the same way.
    const double a = d.azimuth_deg * kPi / 180.0;
    const double b = d.dip_deg * kPi / 180.0;
    sin_a = std::sin(a);
    cos_a = std::cos(a);
    sin_b = std::sin(b);
    cos_b = std::cos(b);
    cos_ta = std::cos(d.azimuth_tolerance_deg * kPi / 180.0);
    cos_tb = std::cos(d.dip_tolerance_deg * kPi / 180.0);
    band_h = d.bandwidth_h_m;
    band_v = d.bandwidth_v_m;
    test_band_h = std::isfinite(band_h);
    test_band_v = std::isfinite(band_v);
  }

  [[nodiscard]] bool accepts(double dx, double dy, double dz, double h) const {
    if (all) return true;
    double dxy = std::sqrt(dx * dx + dy * dy);
    double c = 1;
    if (dxy > 0) {
      c = (dx * sin_a + dy * cos_a) / dxy;
      if (test_azimuth && std::fabs(c) < cos_ta) return false;
    }
    if (test_band_h && std::fabs(dy * sin_a - dx * cos_a) > band_h) return false;
    if (c < 0) dxy = -dxy;
    if (test_dip && h > 0 && std::fabs((dxy * cos_b + dz * sin_b) / h) < cos_tb) return false;
    if (test_band_v && std::fabs(dz * cos_b - dxy * sin_b) > band_v) return false;
    return true;
  }
};

/// Per-lag sums of one block of the partition, for every variogram of one pass.
struct Sums {
  std::vector<std::int64_t> n;
  std::vector<long double> dist, sq;
  explicit Sums(std::size_t size = 0) : n(size, 0), dist(size, 0.0L), sq(size, 0.0L) {}
  void add(std::size_t at, double h, double diff) {
    ++n[at];
    dist[at] += h;
    sq[at] += diff * diff;
  }
  void merge(const Sums& o) {
    for (std::size_t k = 0; k < n.size(); ++k) {
      n[k] += o.n[k];
      dist[k] += o.dist[k];
      sq[k] += o.sq[k];
    }
  }
};

/// Calls f(lag) for every lag that holds separation h (none when h is beyond the cutoff).
template <class F>
void for_each_lag(const LagDefinition& lags, double h, F&& f) {
  if (h > lags.cutoff_m) return;
  if (lags.tolerance_m == 0) {
    const double frac = h / lags.width_m;
    double k = std::floor(frac);
    if (h > 0 && frac == k) k -= 1;
    const auto last = static_cast<double>(lags.count - 1);
    f(static_cast<std::int32_t>(std::clamp(k, 0.0, last)));
    return;
  }
  const double w = lags.width_m, tol = lags.tolerance_m;
  const double lo = std::max(0.0, std::floor((h - tol) / w));
  const double hi = std::min(static_cast<double>(lags.count), std::ceil((h + tol) / w));
  for (auto k = static_cast<std::int32_t>(lo); k <= static_cast<std::int32_t>(hi); ++k)
    if (std::fabs(h - k * w) <= tol) f(k);
}

struct CloudAdaptor {
  const std::vector<Sample>& s;
  [[nodiscard]] std::size_t kdtree_get_point_count() const { return s.size(); }
  [[nodiscard]] double kdtree_get_pt(std::size_t i, std::size_t dim) const {
    return dim == 0 ? s[i].x_m : (dim == 1 ? s[i].y_m : s[i].z_m);
  }
  template <class Box>
  bool kdtree_get_bbox(Box&) const {
    return false;
  }
};
using Tree = nanoflann::KDTreeSingleIndexAdaptor<nanoflann::L2_Simple_Adaptor<double, CloudAdaptor>,
                                                 CloudAdaptor, 3, std::uint32_t>;

/// Radius-search callback keeping only the partners with a larger index.
struct LaterPartners {
  double radius;
  std::uint32_t self;
  std::vector<std::uint32_t>& out;
  [[nodiscard]] std::size_t size() const { return out.size(); }
  [[nodiscard]] bool full() const { return true; }
  bool addPoint(double dist, std::uint32_t index) {
    if (dist < radius && index > self) out.push_back(index);
    return true;
  }
  [[nodiscard]] double worstDist() const { return radius; }
};

std::vector<ExperimentalVariogram> finish(std::vector<ExperimentalVariogram> vs,
                                          const Sums& total) {
  std::size_t at = 0;
  for (auto& v : vs) {
    v.values.resize(static_cast<std::size_t>(v.lags.lag_count()));
    for (auto& lag : v.values) {
      lag.pairs = total.n[at];
      if (lag.pairs > 0) {
        const auto n = static_cast<long double>(lag.pairs);
        lag.mean_distance_m = static_cast<double>(total.dist[at] / n);
        lag.gamma = static_cast<double>(total.sq[at] / (2.0L * n));
      }
      ++at;
    }
  }
  return vs;
}

/// Omnidirectional and directional variograms in one pass over the pairs.
std::vector<ExperimentalVariogram> spatial_pass(const std::vector<Sample>& samples,
                                                std::vector<ExperimentalVariogram> vs) {
  const LagDefinition& lags = vs.front().lags;
  const auto nlag = static_cast<std::size_t>(lags.lag_count());
  std::vector<Cone> cones;
  for (const auto& v : vs) cones.emplace_back(v.direction);
  const std::size_t size = vs.size() * nlag;

  CloudAdaptor cloud{samples};
  Tree tree(3, cloud, nanoflann::KDTreeSingleIndexAdaptorParams(16));
  // The tree's squared distances may differ from ours in the last bits: search a little wider
  // and let the exact test decide.
  const double radius2 = lags.cutoff_m * lags.cutoff_m * (1 + 1e-9) + 1e-9;

  const std::size_t nblocks = (samples.size() + kBlock - 1) / kBlock;
  std::vector<Sums> blocks(nblocks);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, nblocks, 1), [&](const auto& range) {
    std::vector<std::uint32_t> partners;
    for (std::size_t b = range.begin(); b != range.end(); ++b) {
      Sums sums(size);
      const std::size_t end = std::min(samples.size(), (b + 1) * kBlock);
      for (std::size_t i = b * kBlock; i < end; ++i) {
        const Sample& si = samples[i];
        const double q[3] = {si.x_m, si.y_m, si.z_m};
        partners.clear();
        LaterPartners found{radius2, static_cast<std::uint32_t>(i), partners};
        tree.findNeighbors(found, q, SearchParams());
        for (const std::uint32_t j : partners) {
          const Sample& sj = samples[j];
          const double dx = sj.x_m - si.x_m, dy = sj.y_m - si.y_m, dz = sj.z_m - si.z_m;
          const double h = std::sqrt(dx * dx + dy * dy + dz * dz);
          const double diff = si.value - sj.value;
          for (std::size_t d = 0; d < cones.size(); ++d) {
            if (!cones[d].accepts(dx, dy, dz, h)) continue;
            for_each_lag(lags, h, [&](std::int32_t k) {
              sums.add(d * nlag + static_cast<std::size_t>(k), h, diff);
            });
          }
        }
      }
      blocks[b] = std::move(sums);
    }
  });
  Sums total(size);
  for (const auto& s : blocks) total.merge(s);
  return finish(std::move(vs), total);
}

/// Separation of two samples of the same hole.
double along_hole(const Sample& a, const Sample& b) {
  if (std::isfinite(a.along_hole_m) && std::isfinite(b.along_hole_m))
    return std::fabs(a.along_hole_m - b.along_hole_m);
  const double dx = b.x_m - a.x_m, dy = b.y_m - a.y_m, dz = b.z_m - a.z_m;
  return std::sqrt(dx * dx + dy * dy + dz * dz);
}

/// Sample indices per hole, holes in order of their smallest index.
std::vector<std::vector<std::size_t>> holes_of(const std::vector<Sample>& samples) {
  std::map<std::int32_t, std::size_t> slot;
  std::vector<std::vector<std::size_t>> holes;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    if (samples[i].hole < 0)
      throw Error("input.missing_column",
                  fmt::format("sample {} has no hole, expected a hole id for every sample of a "
                              "down-hole variogram",
                              i + 1));
    auto [it, fresh] = slot.try_emplace(samples[i].hole, holes.size());
    if (fresh) holes.emplace_back();
    holes[it->second].push_back(i);
  }
  return holes;
}

ExperimentalVariogram downhole_pass(const std::vector<Sample>& samples, ExperimentalVariogram v) {
  const auto holes = holes_of(samples);
  const std::size_t size = static_cast<std::size_t>(v.lags.lag_count());
  const std::size_t nblocks = (holes.size() + kBlock - 1) / kBlock;
  std::vector<Sums> blocks(nblocks);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, nblocks, 1), [&](const auto& range) {
    for (std::size_t b = range.begin(); b != range.end(); ++b) {
      Sums sums(size);
      const std::size_t end = std::min(holes.size(), (b + 1) * kBlock);
      for (std::size_t hi = b * kBlock; hi < end; ++hi) {
        const auto& idx = holes[hi];
        for (std::size_t p = 0; p < idx.size(); ++p)
          for (std::size_t q = p + 1; q < idx.size(); ++q) {
            const Sample& a = samples[idx[p]];
            const Sample& c = samples[idx[q]];
            const double h = along_hole(a, c);
            const double diff = a.value - c.value;
            for_each_lag(v.lags, h,
                         [&](std::int32_t k) { sums.add(static_cast<std::size_t>(k), h, diff); });
          }
      }
      blocks[b] = std::move(sums);
    }
  });
  Sums total(size);
  for (const auto& s : blocks) total.merge(s);
  return std::move(finish({std::move(v)}, total).front());
}

void require_two(const std::vector<Sample>& samples) {
  if (samples.size() < 2)
    throw Error("input.too_few_samples",
                fmt::format("{} sample{}, expected at least 2 for a variogram", samples.size(),
                            samples.size() == 1 ? "" : "s"));
}

}  // namespace

bool Direction::omnidirectional() const {
  return azimuth_tolerance_deg >= 90 && dip_tolerance_deg >= 90 && !std::isfinite(bandwidth_h_m) &&
         !std::isfinite(bandwidth_v_m);
}

std::string Direction::label() const {
  if (omnidirectional()) return "omni";
  return fmt::format("{}/{}", azimuth_deg, dip_deg);
}

std::int32_t LagDefinition::lag_count() const { return tolerance_m > 0 ? count + 1 : count; }

double LagDefinition::from_m(std::int32_t k) const {
  if (tolerance_m > 0) return std::max(0.0, k * width_m - tolerance_m);
  return k * width_m;
}

double LagDefinition::to_m(std::int32_t k) const {
  if (tolerance_m > 0) return k * width_m + tolerance_m;
  return std::min(cutoff_m, (k + 1) * width_m);
}

void validate(const ExperimentalOptions& o) {
  const LagOptions& l = o.lags;
  if (!finite_nonnegative(l.width_m))
    throw Error("input.bad_option",
                fmt::format("lag width is {} m, expected a finite number > 0", l.width_m));
  if (l.count < 0)
    throw Error("input.bad_option",
                fmt::format("number of lags is {}, expected at least 1", l.count));
  if ((l.width_m > 0) != (l.count > 0))
    throw Error("input.bad_option",
                fmt::format("lag width {} m with {} lags, expected both (width > 0 and at least "
                            "1 lag) or neither (the default lags)",
                            l.width_m, l.count));
  if (!finite_nonnegative(l.tolerance_m))
    throw Error("input.bad_option",
                fmt::format("lag tolerance is {} m, expected a finite number >= 0", l.tolerance_m));
  if (l.tolerance_m > 0 && l.count == 0)
    throw Error("input.bad_option",
                fmt::format("lag tolerance {} m without a lag width and number of lags, "
                            "expected both with a tolerance",
                            l.tolerance_m));
  if (!(std::isfinite(l.cutoff_fraction) && l.cutoff_fraction > 0))
    throw Error("input.bad_option",
                fmt::format("cutoff fraction is {}, expected a number > 0", l.cutoff_fraction));
  for (std::size_t k = 0; k < o.directions.size(); ++k) {
    const Direction& d = o.directions[k];
    if (!std::isfinite(d.azimuth_deg))
      throw Error("input.bad_option",
                  fmt::format("direction {}: azimuth is {}, expected a finite number of degrees",
                              k + 1, d.azimuth_deg));
    if (!(d.dip_deg >= -90 && d.dip_deg <= 90))
      throw Error("input.bad_option",
                  fmt::format("direction {}: dip is {} degrees, expected a value in [-90, 90]",
                              k + 1, d.dip_deg));
    check_tolerance(d.azimuth_tolerance_deg, "azimuth tolerance", k);
    check_tolerance(d.dip_tolerance_deg, "dip tolerance", k);
    if (!(d.bandwidth_h_m > 0) || !(d.bandwidth_v_m > 0))
      throw Error("input.bad_option",
                  fmt::format("direction {}: bandwidths {} m (horizontal) and {} m (vertical), "
                              "expected numbers > 0",
                              k + 1, d.bandwidth_h_m, d.bandwidth_v_m));
  }
  if (!o.omnidirectional && o.directions.empty() && !o.downhole)
    throw Error("input.bad_option",
                "no variogram asked for, expected the omnidirectional, a direction or down-hole");
}

LagDefinition resolve_lags(const std::vector<Sample>& samples, const LagOptions& l, bool downhole) {
  LagDefinition d;
  if (l.count > 0) {
    d.width_m = l.width_m;
    d.count = l.count;
    d.tolerance_m = l.tolerance_m;
    d.cutoff_m = d.count * d.width_m + d.tolerance_m;
    return d;
  }
  double span = 0;
  if (!downhole) {
    if (!samples.empty()) {
      double x0 = samples[0].x_m, x1 = x0, y0 = samples[0].y_m, y1 = y0, z0 = samples[0].z_m,
             z1 = z0;
      for (const auto& s : samples) {
        x0 = std::min(x0, s.x_m), x1 = std::max(x1, s.x_m);
        y0 = std::min(y0, s.y_m), y1 = std::max(y1, s.y_m);
        z0 = std::min(z0, s.z_m), z1 = std::max(z1, s.z_m);
      }
      const double dx = x1 - x0, dy = y1 - y0, dz = z1 - z0;
      span = std::sqrt(dx * dx + dy * dy + dz * dz);
    }
  } else {
    for (const auto& idx : holes_of(samples))
      for (std::size_t p = 0; p < idx.size(); ++p)
        for (std::size_t q = p + 1; q < idx.size(); ++q)
          span = std::max(span, along_hole(samples[idx[p]], samples[idx[q]]));
  }
  // gstat: a zero diagonal gives a cutoff of 1.
  d.cutoff_m = span > 0 ? span * l.cutoff_fraction : 1.0;
  d.count = 15;
  d.width_m = d.cutoff_m / 15.0;
  return d;
}

std::vector<ExperimentalVariogram> run_experimental(const std::vector<Sample>& samples,
                                                    const ExperimentalOptions& options) {
  validate(options);
  require_two(samples);
  std::vector<ExperimentalVariogram> out;
  if (options.omnidirectional || !options.directions.empty()) {
    const LagDefinition lags = resolve_lags(samples, options.lags, false);
    std::vector<ExperimentalVariogram> vs;
    if (options.omnidirectional) vs.push_back({"omni", false, Direction{}, lags, {}});
    for (const auto& d : options.directions) vs.push_back({d.label(), false, d, lags, {}});
    out = spatial_pass(samples, std::move(vs));
  }
  if (options.downhole) {
    const LagDefinition lags = resolve_lags(samples, options.lags, true);
    out.push_back(downhole_pass(samples, {"downhole", true, Direction{}, lags, {}}));
  }
  return out;
}

std::string experimental_csv(const std::vector<ExperimentalVariogram>& variograms) {
  std::string csv = "direction,lag,np,dist,gamma\n";
  for (const auto& v : variograms)
    for (std::size_t k = 0; k < v.values.size(); ++k) {
      const Lag& lag = v.values[k];
      if (lag.pairs == 0) continue;
      fmt::format_to(std::back_inserter(csv), "{},{},{},{},{}\n", v.label, k, lag.pairs,
                     io::format_double(lag.mean_distance_m), io::format_double(lag.gamma));
    }
  return csv;
}

SampleSet read_samples(const std::string& path, const SampleColumns& columns) {
  const auto table = io::CsvTable::read(path);
  const std::size_t cx = table.require_column({"x", "easting", "east", "x_m"}, "x (easting)");
  const std::size_t cy = table.require_column({"y", "northing", "north", "y_m"}, "y (northing)");
  const auto cz = table.find_column({"z", "elevation", "elev", "rl", "z_m"});
  const std::size_t cv = table.require_column({columns.value}, "value");
  std::optional<std::size_t> ch, cfrom, cto;
  if (!columns.hole.empty()) {
    ch = table.require_column({columns.hole}, "hole id");
    cfrom = table.find_column({"from", "from_m"});
    cto = table.find_column({"to", "to_m"});
    if (!cfrom || !cto) cfrom = cto = std::nullopt;
  }
  SampleSet set;
  set.value_name = table.header()[cv];
  std::map<std::string, std::int32_t> hole_index;
  ErrorList errors;
  for (const auto& row : table.rows()) {
    Sample s;
    bool ok = true;
    auto number = [&](std::size_t col, double& into) {
      try {
        into = table.number(row, col);
      } catch (Error& e) {
        errors.add(std::move(e));
        ok = false;
      }
    };
    number(cx, s.x_m);
    number(cy, s.y_m);
    if (cz) number(*cz, s.z_m);
    number(cv, s.value);
    if (ch) {
      const std::string& id = row.fields[*ch].text;
      if (id.empty()) {
        errors.add(Error("input.bad_id",
                         fmt::format("field '{}' is empty, expected a hole id", columns.hole),
                         table.location(row, *ch)));
        ok = false;
      } else {
        auto [it, fresh] =
            hole_index.try_emplace(id, static_cast<std::int32_t>(set.hole_names.size()));
        if (fresh) set.hole_names.push_back(id);
        s.hole = it->second;
      }
      if (cfrom) {
        double from = 0, to = 0;
        number(*cfrom, from);
        number(*cto, to);
        s.along_hole_m = 0.5 * (from + to);
      }
    }
    if (ok) set.samples.push_back(s);
  }
  errors.throw_if_any();
  if (set.samples.size() < 2)
    throw Error("input.too_few_samples",
                fmt::format("{} sample row{}, expected at least 2 for a variogram",
                            set.samples.size(), set.samples.size() == 1 ? "" : "s"),
                {path, table.header_line(), 1});
  return set;
}

}  // namespace lodeline::variogram
