// SPDX-License-Identifier: Apache-2.0
// Experimental semivariograms (Matheron 1963; GSLIB gamv 1998; gstat, Pebesma 2004): pair search
// on a cell grid, per-unit sums in a fixed order. See experimental.hpp for the definitions.
#include "lodeline/variogram/experimental.hpp"

#include <fmt/format.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <Eigen/Core>
#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <numbers>
#include <optional>
#include <tuple>

#include "lodeline/core/error.hpp"
#include "lodeline/io/csv.hpp"
#include "lodeline/io/point_columns.hpp"
#include "lodeline/io/text_file.hpp"

namespace lodeline::variogram {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr std::size_t kBlock = 256;  // samples (or holes) per work unit
constexpr std::size_t kBatch = 256;  // partners whose distances are computed together

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

  /// dxy = sqrt(dx^2 + dy^2), computed once per pair by the caller.
  [[nodiscard]] bool accepts(double dx, double dy, double dz, double h, double dxy) const {
    if (all) return true;
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

/// Calls f(lag) for every lag that holds separation h (none when h is beyond the cutoff or
/// not a number). Lag positions are bounded as doubles before they become indices: a pair
/// far beyond the last lag never meets a float-to-integer conversion out of range.
template <class F>
void for_each_lag(const LagDefinition& lags, double h, F&& f) {
  if (!(h >= 0 && h <= lags.cutoff_m)) return;
  const auto lag_count = static_cast<double>(lags.count);
  if (lags.tolerance_m == 0) {
    // gstat: floor(h / w), less one when h / w is a whole number > 0; that is ceil(h / w) - 1.
    const double frac = h / lags.width_m;
    if (!(frac >= 0)) return;
    double k = std::floor(std::min(frac, lag_count));
    if (h > 0 && k == frac) k -= 1;
    f(static_cast<std::int32_t>(std::clamp(k, 0.0, lag_count - 1)));
    return;
  }
  const double w = lags.width_m, tol = lags.tolerance_m;
  const double lo = (h - tol) / w, hi = (h + tol) / w;
  if (!(lo <= lag_count && hi >= 0)) return;  // beyond the last lag (or not a number)
  const auto first = static_cast<std::int64_t>(lo > 0 ? std::floor(lo) : 0.0);
  const auto last = static_cast<std::int64_t>(std::min(lag_count, std::floor(hi) + 1));
  for (std::int64_t k = first; k <= last; ++k)
    if (std::fabs(h - static_cast<double>(k) * w) <= tol) f(static_cast<std::int32_t>(k));
}

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

/// Samples bucketed in cubic cells of side >= the cutoff, in (ix, iy, iz, index) order, with
/// their coordinates and values gathered (structure of arrays) in that order.
struct CellGrid {
  struct Cell {
    std::int64_t ix, iy, iz;
    std::size_t begin, end;  // into the gathered arrays
  };
  std::vector<Cell> cells;
  std::vector<double> x, y, z, v;

  CellGrid(const std::vector<Sample>& s, double cutoff) {
    double x0 = s[0].x_m, y0 = s[0].y_m, z0 = s[0].z_m, x1 = x0, y1 = y0, z1 = z0;
    for (const auto& p : s) {
      x0 = std::min(x0, p.x_m), y0 = std::min(y0, p.y_m), z0 = std::min(z0, p.z_m);
      x1 = std::max(x1, p.x_m), y1 = std::max(y1, p.y_m), z1 = std::max(z1, p.z_m);
    }
    // Cell side: the cutoff, enlarged where the extent would need more than 2^20 cells a side.
    const double extent = std::max({x1 - x0, y1 - y0, z1 - z0});
    // (1 + 1e-9): a pair within the cutoff is never more than one cell apart, whatever the
    // rounding of the cell indices.
    const double side = std::max({cutoff * (1 + 1e-9), extent / 1048576.0, 1e-300});
    struct Key {
      std::int64_t ix, iy, iz;
      std::size_t i;
    };
    std::vector<Key> keys(s.size());
    for (std::size_t i = 0; i < s.size(); ++i)
      keys[i] = {static_cast<std::int64_t>(std::floor((s[i].x_m - x0) / side)),
                 static_cast<std::int64_t>(std::floor((s[i].y_m - y0) / side)),
                 static_cast<std::int64_t>(std::floor((s[i].z_m - z0) / side)), i};
    std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
      return std::tie(a.ix, a.iy, a.iz, a.i) < std::tie(b.ix, b.iy, b.iz, b.i);
    });
    for (std::size_t k = 0; k < keys.size(); ++k) {
      const Key& key = keys[k];
      if (cells.empty() || cells.back().ix != key.ix || cells.back().iy != key.iy ||
          cells.back().iz != key.iz)
        cells.push_back({key.ix, key.iy, key.iz, k, k});
      cells.back().end = k + 1;
      x.push_back(s[key.i].x_m);
      y.push_back(s[key.i].y_m);
      z.push_back(s[key.i].z_m);
      v.push_back(s[key.i].value);
    }
  }

  /// Index of the cell at (ix, iy, iz), if it holds samples.
  [[nodiscard]] std::optional<std::size_t> find(std::int64_t ix, std::int64_t iy,
                                                std::int64_t iz) const {
    const auto it = std::lower_bound(
        cells.begin(), cells.end(), std::tie(ix, iy, iz),
        [](const Cell& c, const auto& k) { return std::tie(c.ix, c.iy, c.iz) < k; });
    if (it == cells.end() || it->ix != ix || it->iy != iy || it->iz != iz) return std::nullopt;
    return static_cast<std::size_t>(it - cells.begin());
  }
};

/// A work unit of the spatial pass: a run of up to kBlock samples of one cell.
struct Unit {
  std::size_t cell, begin, end;
};

/// The work units in cell order, and per cell the sample ranges of its partner cells: the 13
/// neighbour cells that come after it in (ix, iy, iz) order.
struct PairPlan {
  std::vector<Unit> units;
  std::vector<std::vector<std::pair<std::size_t, std::size_t>>> partners;
};

PairPlan plan_pairs(const CellGrid& grid) {
  PairPlan plan;
  plan.partners.resize(grid.cells.size());
  for (std::size_t c = 0; c < grid.cells.size(); ++c) {
    const auto& cell = grid.cells[c];
    for (std::size_t b = cell.begin; b < cell.end; b += kBlock)
      plan.units.push_back({c, b, std::min(cell.end, b + kBlock)});
    for (std::int64_t ox = 0; ox <= 1; ++ox)
      for (std::int64_t oy = -1; oy <= 1; ++oy)
        for (std::int64_t oz = -1; oz <= 1; ++oz) {
          if (ox == 0 && (oy < 0 || (oy == 0 && oz <= 0))) continue;  // the 13 later neighbours
          if (const auto n = grid.find(cell.ix + ox, cell.iy + oy, cell.iz + oz))
            plan.partners[c].emplace_back(grid.cells[*n].begin, grid.cells[*n].end);
        }
  }
  return plan;
}

/// One sample's pair sums per lag of every variogram, in double, and the distance batch.
struct SampleSums {
  std::vector<std::int64_t> n;
  std::vector<double> dist, sq;
  Eigen::ArrayXd batch;
  explicit SampleSums(std::size_t size)
      : n(size), dist(size), sq(size), batch(static_cast<Eigen::Index>(kBatch)) {}
  void clear() {
    std::fill(n.begin(), n.end(), 0);
    std::fill(dist.begin(), dist.end(), 0.0);
    std::fill(sq.begin(), sq.end(), 0.0);
  }
};

/// The pairs of the spatial pass, sample by sample (see spatial_pass).
class SpatialPairs {
 public:
  SpatialPairs(const CellGrid& grid, const std::vector<ExperimentalVariogram>& vs)
      : grid_(grid), lags_(vs.front().lags) {
    nlag_ = static_cast<std::size_t>(lags_.lag_count());
    for (const auto& v : vs) {
      cones_.emplace_back(v.direction);
      any_cone_ = any_cone_ || !cones_.back().all;
    }
    size_ = vs.size() * nlag_;
  }

  /// Sums per variogram and lag: nlag() lags of the first variogram, then of the next, ...
  [[nodiscard]] std::size_t size() const { return size_; }

  /// The sums of the unit's samples, each sample's pairs summed in double first.
  [[nodiscard]] Sums unit_sums(const Unit& unit, const PairPlan& plan, SampleSums& s) const {
    Sums sums(size_);
    for (std::size_t i = unit.begin; i < unit.end; ++i) {
      s.clear();
      visit(i, i + 1, grid_.cells[unit.cell].end, s);
      for (const auto& [jb, je] : plan.partners[unit.cell]) visit(i, jb, je, s);
      for (std::size_t at = 0; at < size_; ++at) {
        sums.n[at] += s.n[at];
        sums.dist[at] += s.dist[at];
        sums.sq[at] += s.sq[at];
      }
    }
    return sums;
  }

 private:
  /// The pairs of sample i with samples [jb, je): distances a batch at a time (Eigen packets:
  /// vectorised square roots), then the pairs within the cutoff one by one.
  void visit(std::size_t i, std::size_t jb, std::size_t je, SampleSums& s) const {
    const double xi = grid_.x[i], yi = grid_.y[i], zi = grid_.z[i];
    for (std::size_t j0 = jb; j0 < je; j0 += kBatch) {
      const auto m = static_cast<Eigen::Index>(std::min(kBatch, je - j0));
      const Eigen::Map<const Eigen::ArrayXd> bx(grid_.x.data() + j0, m), by(grid_.y.data() + j0, m),
          bz(grid_.z.data() + j0, m);
      s.batch.head(m) = ((bx - xi).square() + (by - yi).square() + (bz - zi).square()).sqrt();
      for (Eigen::Index t = 0; t < m; ++t) {
        const double h = s.batch[t];
        if (h > lags_.cutoff_m) continue;
        add_pair(i, j0 + static_cast<std::size_t>(t), h, s);
      }
    }
  }

  /// The pair (i, j) at distance h into the lags of every variogram whose cone accepts it.
  void add_pair(std::size_t i, std::size_t j, double h, SampleSums& s) const {
    const double xi = grid_.x[i], yi = grid_.y[i], zi = grid_.z[i];
    const double diff = grid_.v[i] - grid_.v[j], sqd = diff * diff;
    const double dx = grid_.x[j] - xi, dy = grid_.y[j] - yi, dz = grid_.z[j] - zi;
    const double dxy = any_cone_ ? std::sqrt(dx * dx + dy * dy) : 0.0;
    for (std::size_t d = 0; d < cones_.size(); ++d) {
      if (any_cone_ && !cones_[d].accepts(dx, dy, dz, h, dxy)) continue;
      for_each_lag(lags_, h, [&](std::int32_t k) {
        const std::size_t at = d * nlag_ + static_cast<std::size_t>(k);
        ++s.n[at];
        s.dist[at] += h;
        s.sq[at] += sqd;
      });
    }
  }

  const CellGrid& grid_;
  const LagDefinition& lags_;
  std::size_t nlag_ = 0, size_ = 0;
  std::vector<Cone> cones_;
  bool any_cone_ = false;
};

/// Omnidirectional and directional variograms in one pass over the pairs. Each pair is met
/// once: within a cell (later samples of the cell) or from a cell to the 13 neighbour cells
/// that come after it in (ix, iy, iz) order. Work units are (cell, run of up to kBlock of its
/// samples), in cell order; each sums its pairs per sample in double, adds those into its own
/// long double sums, and the units are added in order.
std::vector<ExperimentalVariogram> spatial_pass(const std::vector<Sample>& samples,
                                                std::vector<ExperimentalVariogram> vs) {
  const CellGrid grid(samples, vs.front().lags.cutoff_m);
  const PairPlan plan = plan_pairs(grid);
  const SpatialPairs pairs(grid, vs);
  std::vector<Sums> unit_sums(plan.units.size());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, plan.units.size(), 1),
                    [&](const auto& range) {
                      SampleSums scratch(pairs.size());
                      for (std::size_t u = range.begin(); u != range.end(); ++u)
                        unit_sums[u] = pairs.unit_sums(plan.units[u], plan, scratch);
                    });
  Sums total(pairs.size());
  for (const auto& s : unit_sums) total.merge(s);
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

bool coordinate_in_range(double v_m) { return std::fabs(v_m) <= kMaxSampleCoordinateM; }

void require_coordinates_in_range(const std::vector<Sample>& samples) {
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const Sample& s = samples[i];
    if (!coordinate_in_range(s.x_m) || !coordinate_in_range(s.y_m) || !coordinate_in_range(s.z_m))
      throw Error("input.bad_number",
                  fmt::format("sample {} is at ({}, {}, {}) m, expected coordinates within "
                              "+-{:g} m",
                              i + 1, s.x_m, s.y_m, s.z_m, kMaxSampleCoordinateM));
  }
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
  require_coordinates_in_range(samples);
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

SharedPositions shared_positions(const std::vector<Sample>& samples) {
  std::vector<std::array<double, 3>> at;
  at.reserve(samples.size());
  for (const auto& s : samples) at.push_back({s.x_m, s.y_m, s.z_m});
  std::sort(at.begin(), at.end());
  SharedPositions out;
  for (std::size_t i = 0; i < at.size();) {
    std::size_t j = i + 1;
    while (j < at.size() && at[j] == at[i]) ++j;
    ++out.distinct_positions;
    if (j - i > 1) out.samples += j - i;
    i = j;
  }
  return out;
}

SampleSet read_samples(const std::string& path, const SampleColumns& columns) {
  const auto table = io::CsvTable::read(path);
  const auto [cx, cy, cz] = io::find_point_columns(table, "sample");
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
    auto coordinate = [&](std::size_t col, double& into_m) {
      number(col, into_m);
      if (coordinate_in_range(into_m)) return;
      errors.add(
          Error("input.bad_number",
                fmt::format("field '{}' is {} m, expected a coordinate within +-{:g} m",
                            table.header()[col], row.fields[col].text, kMaxSampleCoordinateM),
                table.location(row, col)));
      ok = false;
    };
    coordinate(cx, s.x_m);
    coordinate(cy, s.y_m);
    if (cz) coordinate(*cz, s.z_m);
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
