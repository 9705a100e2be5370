// SPDX-License-Identifier: Apache-2.0
// The estimation engine: sample preparation, kriging systems, IDW/NN, parallel driver.
//
// Ordinary/simple kriging in covariance form (Journel & Huijbregts 1978, ch. V; GSLIB kt3d,
// Deutsch & Journel 1998): with C = L L^T (Cholesky), a = C^-1 c, b = C^-1 1,
// mu = (1^T a - 1) / (1^T b), lambda = a - mu b; sigma^2 = Cbar(V,V) - lambda^T c - mu.
// Slope of regression b = Cov(Z_V, Z*) / Var(Z*) = lambda^T c / (lambda^T c - mu) and kriging
// efficiency (BV - KV) / BV after Krige (1996). Block averages of the covariance by
// discretisation; the nugget enters point-to-point covariances at zero separation only
// (gstat, Pebesma 2004).
#include "lodeline/kriging/estimate.hpp"

#include <fmt/format.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "lodeline/io/text_file.hpp"
#include "lodeline/kriging/discretisation.hpp"
#include "lodeline/kriging/estimate_internal.hpp"
#include "lodeline/kriging/neighbourhood.hpp"
#include "lodeline/kriging/small_cholesky.hpp"

namespace lodeline::kriging {

using variogram::StructureType;

Targets targets_from_grid(const BlockGrid& grid) {
  grid.validate();
  Targets t;
  const auto n = static_cast<std::size_t>(grid.block_count());
  t.x_m.reserve(n);
  t.y_m.reserve(n);
  t.z_m.reserve(n);
  for (std::int64_t k = 0; k < grid.nz(); ++k)
    for (std::int64_t j = 0; j < grid.ny(); ++j)
      for (std::int64_t i = 0; i < grid.nx(); ++i) {
        const auto c = grid.centroid(i, j, k);
        t.x_m.push_back(c[0]);
        t.y_m.push_back(c[1]);
        t.z_m.push_back(c[2]);
      }
  return t;
}

namespace {

[[noreturn]] void bad_option(const std::string& message) {
  throw Error("input.bad_option", message);
}

}  // namespace

void validate(const EstimateOptions& o, bool samples_have_holes) {
  const bool kriging = o.method == Method::ordinary || o.method == Method::simple;
  if (kriging || o.search.metric == SearchMetric::anisotropic) variogram::validate(o.variogram);
  if (o.search.metric == SearchMetric::anisotropic && o.variogram.structures.empty())
    bad_option(
        "search metric 'anisotropic' needs a variogram with at least one structure (its first "
        "structure sets the search ellipsoid)");
  if (o.method == Method::simple && !std::isfinite(o.sk_mean))
    bad_option("simple kriging needs the known mean ('mean'), a finite number");
  if (o.method == Method::idw && (!std::isfinite(o.idw_power) || o.idw_power <= 0))
    bad_option(fmt::format("idw power is {}, expected a number > 0", o.idw_power));
  if (o.search.min_samples < 1) bad_option("search min_samples is 0, expected at least 1");
  if (o.search.max_samples != 0 && o.search.min_samples > o.search.max_samples)
    bad_option(fmt::format("search min_samples ({}) is larger than max_samples ({})",
                           o.search.min_samples, o.search.max_samples));
  if (!(o.search.max_distance_m > 0))
    bad_option(fmt::format("search max_distance is {}, expected a distance > 0 m",
                           o.search.max_distance_m));
  if (o.search.max_per_hole > 0 && !samples_have_holes)
    bad_option("search max_per_hole needs hole ids on the samples");
  if (o.block) {
    if (!kriging)
      bad_option("block support needs ordinary or simple kriging (method 'ok' or 'sk')");
    (void)discretise(*o.block, false);  // z is checked when the data are 3D
  }
}

namespace detail {

Engine::Engine(const Samples& samples, const EstimateOptions& options, Diagnostics* diag)
    : opt(options) {
  const std::size_t n_in = samples.size();
  auto where = [&](std::size_t i) {
    InputLocation loc;
    loc.file = samples.file;
    if (i < samples.line.size()) loc.line = samples.line[i];
    return loc;
  };
  if (samples.x_m.size() != n_in || samples.y_m.size() != n_in ||
      (samples.is_3d() && samples.z_m.size() != n_in) ||
      (!samples.hole.empty() && samples.hole.size() != n_in))
    throw Error("internal.sample_sizes", "sample columns have different lengths");
  if (n_in == 0) throw Error("input.empty_file", "no samples", {samples.file});
  if (n_in >= std::numeric_limits<std::uint32_t>::max())
    throw Error("input.bad_count", fmt::format("{} samples, expected fewer than 2^32", n_in));
  three_d = samples.is_3d();
  for (std::size_t i = 0; i < n_in; ++i) {
    const double zi = three_d ? samples.z_m[i] : 0.0;
    if (!std::isfinite(samples.x_m[i]) || !std::isfinite(samples.y_m[i]) || !std::isfinite(zi) ||
        !std::isfinite(samples.value[i]))
      throw Error("input.bad_number", "sample coordinate or value is not a finite number",
                  where(i));
  }
  validate(options, !samples.hole.empty());

  // Merge exact duplicates (same x, y, z): one sample at the mean value, first hole kept.
  std::vector<std::size_t> order(n_in);
  std::iota(order.begin(), order.end(), std::size_t{0});
  auto zc = [&](std::size_t i) { return three_d ? samples.z_m[i] : 0.0; };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (samples.x_m[a] != samples.x_m[b]) return samples.x_m[a] < samples.x_m[b];
    if (samples.y_m[a] != samples.y_m[b]) return samples.y_m[a] < samples.y_m[b];
    return zc(a) < zc(b);
  });
  std::vector<std::size_t> group_of(n_in);
  std::vector<std::size_t> first_of_group;
  for (std::size_t r = 0; r < n_in; ++r) {
    const std::size_t i = order[r];
    if (r > 0) {
      const std::size_t p = order[r - 1];
      if (samples.x_m[i] == samples.x_m[p] && samples.y_m[i] == samples.y_m[p] && zc(i) == zc(p)) {
        group_of[i] = group_of[p];
        continue;
      }
    }
    group_of[i] = first_of_group.size();
    first_of_group.push_back(i);
  }
  // Groups numbered in order of their first sample in the input.
  std::vector<std::size_t> rank(first_of_group.size());
  {
    std::vector<std::size_t> g(first_of_group.size());
    std::iota(g.begin(), g.end(), std::size_t{0});
    std::sort(g.begin(), g.end(),
              [&](std::size_t a, std::size_t b) { return first_of_group[a] < first_of_group[b]; });
    for (std::size_t r = 0; r < g.size(); ++r) rank[g[r]] = r;
  }
  const std::size_t n = first_of_group.size();
  x.assign(n, 0);
  y.assign(n, 0);
  z.assign(n, 0);
  v.assign(n, 0);
  source.assign(n, 0);
  std::vector<std::size_t> count(n, 0);
  if (!samples.hole.empty()) hole.assign(n, 0);
  for (std::size_t i = 0; i < n_in; ++i) {
    const std::size_t m = rank[group_of[i]];
    if (count[m] == 0) {
      x[m] = samples.x_m[i];
      y[m] = samples.y_m[i];
      z[m] = zc(i);
      source[m] = i;
      if (!hole.empty()) hole[m] = samples.hole[i];
    } else if (options.duplicates == DuplicatePolicy::error) {
      InputLocation loc = where(i);
      throw Error(
          "input.duplicate_sample",
          fmt::format("sample at ({}, {}, {}) has the same coordinates as the sample of "
                      "{}, expected distinct locations (or merge duplicates)",
                      io::format_double(x[m]), io::format_double(y[m]), io::format_double(z[m]),
                      source[m] < samples.line.size()
                          ? fmt::format("line {}", samples.line[source[m]])
                          : fmt::format("row {}", source[m] + 1)),
          loc);
    }
    v[m] += samples.value[i];
    ++count[m];
  }
  for (std::size_t m = 0; m < n; ++m) v[m] /= static_cast<double>(count[m]);
  duplicates_merged = n_in - n;
  if (duplicates_merged > 0 && diag)
    diag->warn("kriging.duplicates_merged",
               fmt::format("{} samples share their coordinates with an earlier sample; each such "
                           "group was merged into one sample at the mean value",
                           duplicates_merged),
               {samples.file});

  // Local origin: centre of the sample bounding box (keeps transformed coordinates small).
  const auto [xmin, xmax] = std::minmax_element(x.begin(), x.end());
  const auto [ymin, ymax] = std::minmax_element(y.begin(), y.end());
  const auto [zmin, zmax] = std::minmax_element(z.begin(), z.end());
  centre = {(*xmin + *xmax) / 2, (*ymin + *ymax) / 2, (*zmin + *zmax) / 2};

  const bool kriging = options.method == Method::ordinary || options.method == Method::simple;
  if (kriging) {
    nugget = options.variogram.nugget;
    sill = options.variogram.total_sill();
    for (const auto& s : options.variogram.structures) {
      Space sp;
      sp.type = s.type;
      sp.sill = s.sill;
      sp.a = variogram::reduced_distance_matrix(s);
      sp.sx.resize(n);
      sp.sy.resize(n);
      sp.sz.resize(n);
      for (std::size_t i = 0; i < n; ++i) {
        const auto t = sp.apply({x[i] - centre[0], y[i] - centre[1], z[i] - centre[2]});
        sp.sx[i] = t[0];
        sp.sy[i] = t[1];
        sp.sz[i] = t[2];
      }
      spaces.push_back(std::move(sp));
    }
  }

  // Search space: plain (centred) coordinates, or the first structure's rotation with its
  // range ratios, in metres along the major axis.
  search_matrix = {{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};
  if (options.search.metric == SearchMetric::anisotropic)
    search_matrix =
        variogram::gstat_matrix(variogram::to_gstat_anis(options.variogram.structures[0]));
  std::vector<std::array<double, 3>> pts(n);
  for (std::size_t i = 0; i < n; ++i) pts[i] = to_search({x[i], y[i], z[i]});
  NeighbourLimits lim;
  lim.max_samples = options.search.max_samples;
  lim.radius = options.search.max_distance_m;
  lim.max_per_hole = options.search.max_per_hole;
  lim.max_per_octant = options.search.max_per_octant;
  search = std::make_unique<NeighbourSearch>(std::move(pts), hole, lim);

  // Block support: discretisation in every structure's space, and Cbar(V,V) once.
  if (options.block) {
    block = true;
    const Discretisation d = discretise(*options.block, three_d);
    disc_w = d.weights;
    for (auto& sp : spaces) {
      const std::size_t nd = d.offsets_m.size();
      sp.dx.resize(nd);
      sp.dy.resize(nd);
      sp.dz.resize(nd);
      for (std::size_t k = 0; k < nd; ++k) {
        const auto t = sp.apply(d.offsets_m[k]);
        sp.dx[k] = t[0];
        sp.dy[k] = t[1];
        sp.dz[k] = t[2];
      }
    }
    double cvv = 0;
    const auto ndi = static_cast<Eigen::Index>(disc_w.size());
    Eigen::ArrayXd c(ndi), tmp(ndi);
    for (std::size_t k = 0; k < disc_w.size(); ++k) {
      double row = 0;
      for (const auto& sp : spaces) {
        add_covariances(sp, sp.dx.data(), sp.dy.data(), sp.dz.data(), disc_w.size(),
                        {sp.dx[k], sp.dy[k], sp.dz[k]}, c.data(), tmp.data(), true);
        row += (c * Eigen::Map<const Eigen::ArrayXd>(disc_w.data(),
                                                     static_cast<Eigen::Index>(disc_w.size())))
                   .sum();
      }
      cvv += disc_w[k] * row;
    }
    block_variance = cvv;
  } else {
    block_variance = sill;
  }
}

std::array<double, 3> Space::apply(const std::array<double, 3>& h) const {
  return {a[0][0] * h[0] + a[0][1] * h[1] + a[0][2] * h[2],
          a[1][0] * h[0] + a[1][1] * h[1] + a[1][2] * h[2],
          a[2][0] * h[0] + a[2][1] * h[1] + a[2][2] * h[2]};
}

std::array<double, 3> Engine::to_search(const std::array<double, 3>& p) const {
  const double dx = p[0] - centre[0], dy = p[1] - centre[1], dz = p[2] - centre[2];
  const auto& m = search_matrix;
  return {m[0][0] * dx + m[0][1] * dy + m[0][2] * dz, m[1][0] * dx + m[1][1] * dy + m[1][2] * dz,
          m[2][0] * dx + m[2][1] * dy + m[2][2] * dz};
}

void add_covariances(const Space& sp, const double* px, const double* py, const double* pz,
                     std::size_t n, const std::array<double, 3>& q, double* out, double* tmp,
                     bool assign) {
  using Eigen::ArrayXd;
  using Eigen::Map;
  const auto ni = static_cast<Eigen::Index>(n);
  const Map<const ArrayXd> X(px, ni), Y(py, ni), Z(pz, ni);
  Map<ArrayXd> O(out, ni), T(tmp, ni);
  const double c = sp.sill;
  switch (sp.type) {
    case StructureType::spherical:
      T = ((X - q[0]).square() + (Y - q[1]).square() + (Z - q[2]).square()).sqrt().min(1.0);
      if (assign) {
        O = c * (1.0 - T * (1.5 - 0.5 * T.square()));
      } else {
        O += c * (1.0 - T * (1.5 - 0.5 * T.square()));
      }
      break;
    case StructureType::exponential:
      T = ((X - q[0]).square() + (Y - q[1]).square() + (Z - q[2]).square()).sqrt();
      if (assign) {
        O = c * (-T).exp();
      } else {
        O += c * (-T).exp();
      }
      break;
    case StructureType::gaussian:
      T = (X - q[0]).square() + (Y - q[1]).square() + (Z - q[2]).square();
      if (assign) {
        O = c * (-T).exp();
      } else {
        O += c * (-T).exp();
      }
      break;
  }
}

double weighted_covariance(const Space& sp, const double* weights, std::size_t nd,
                           const std::array<double, 3>& q, double* tmp) {
  using Eigen::ArrayXd;
  using Eigen::Map;
  const auto ni = static_cast<Eigen::Index>(nd);
  const Map<const ArrayXd> X(sp.dx.data(), ni), Y(sp.dy.data(), ni), Z(sp.dz.data(), ni),
      W(weights, ni);
  Map<ArrayXd> T(tmp, ni);
  switch (sp.type) {
    case StructureType::spherical:
      T = ((X - q[0]).square() + (Y - q[1]).square() + (Z - q[2]).square()).sqrt().min(1.0);
      return sp.sill * (W * (1.0 - T * (1.5 - 0.5 * T.square()))).sum();
    case StructureType::exponential:
      T = ((X - q[0]).square() + (Y - q[1]).square() + (Z - q[2]).square()).sqrt();
      return sp.sill * (W * (-T).exp()).sum();
    case StructureType::gaussian:
      T = (X - q[0]).square() + (Y - q[1]).square() + (Z - q[2]).square();
      return sp.sill * (W * (-T).exp()).sum();
  }
  return 0;
}

namespace {

/// A factorised left-hand side for one neighbour set (ascending sample indices).
struct System {
  std::uint64_t hash = 0;
  std::uint64_t last_use = 0;
  std::vector<std::uint32_t> set;
  std::vector<double> factor;  // column-major n x n, lower triangle = L
  std::vector<double> b;       // C^-1 1 (ordinary kriging)
  double one_b = 0;
  bool singular = false;
};

/// The last kSystems systems of this worker, reused when a target has the same neighbour set:
/// the matrix depends on the set alone, so reuse is bit-identical to refactorising.
constexpr std::size_t kSystems = 64;

struct Work {
  std::vector<std::uint32_t> nb;  // distance order
  std::vector<double> nb_d2;
  std::vector<std::uint32_t> set;  // ascending sample index: the system's order
  std::vector<System> systems;
  std::uint64_t tick = 0;
  NeighbourSearch::Scratch scratch;
  std::vector<std::vector<double>> gx, gy, gz;  // per structure, gathered coordinates
  std::vector<std::int64_t> holes;
  Eigen::VectorXd rhs, lambda, vals;
  std::vector<double> tmp;
  bool prev_full = false;  // nb holds the previous target's full set of k neighbours
};

double squared(double a) { return a * a; }

}  // namespace

void Engine::estimate(const std::array<double, 3>& target, TargetResult& r, void* work_ptr,
                      std::int64_t exclude_index, std::int64_t exclude_hole) const {
  Work& w = *static_cast<Work*>(work_ptr);
  const std::array<double, 3> t{target[0], target[1], three_d ? target[2] : 0.0};
  const auto q_search = to_search(t);
  // The previous target's k neighbours bound this target's k-th distance (a speed hint only:
  // the neighbours found do not depend on it).
  double bound2 = HUGE_VAL;
  if (w.prev_full) {
    double worst = 0;
    for (const std::uint32_t i : w.nb) {
      const auto& p = search->point(i);
      worst = std::max(worst, squared(q_search[0] - p[0]) + squared(q_search[1] - p[1]) +
                                  squared(q_search[2] - p[2]));
    }
    bound2 = std::nextafter(worst, HUGE_VAL);
  }
  search->find(q_search, w.nb, w.nb_d2, w.scratch, exclude_index, exclude_hole, bound2);
  const std::size_t n = w.nb.size();
  w.prev_full = opt.search.max_samples > 0 && n == opt.search.max_samples && exclude_index < 0;
  r = TargetResult{};
  r.n_samples = static_cast<std::int32_t>(n);
  if (n == 0 || n < opt.search.min_samples) {
    r.status = TargetStatus::too_few_samples;
    return;
  }
  double near2 = HUGE_VAL;
  for (const std::uint32_t i : w.nb)
    near2 = std::min(near2, squared(x[i] - t[0]) + squared(y[i] - t[1]) + squared(z[i] - t[2]));
  r.nearest_m = std::sqrt(near2);
  if (!hole.empty()) {
    w.holes.clear();
    for (const std::uint32_t i : w.nb) w.holes.push_back(hole[i]);
    std::sort(w.holes.begin(), w.holes.end());
    r.n_holes =
        static_cast<std::int32_t>(std::unique(w.holes.begin(), w.holes.end()) - w.holes.begin());
  }

  if (opt.method == Method::nearest) {
    r.estimate = v[w.nb[0]];
    r.status = TargetStatus::estimated;
    return;
  }
  w.set.assign(w.nb.begin(), w.nb.end());
  std::sort(w.set.begin(), w.set.end());
  if (opt.method == Method::idw) {
    // Search-space distance (Euclidean metres, or major-axis metres when anisotropic).
    const auto q = to_search(t);
    double sw = 0, swz = 0;
    for (const std::uint32_t i : w.set) {
      const auto& p = search->point(i);
      const double d2 = squared(p[0] - q[0]) + squared(p[1] - q[1]) + squared(p[2] - q[2]);
      if (d2 == 0 || (x[i] == t[0] && y[i] == t[1] && z[i] == t[2])) {
        r.estimate = v[i];
        r.status = TargetStatus::estimated;
        return;
      }
      const double wi = std::pow(std::sqrt(d2), -opt.idw_power);
      sw += wi;
      swz += wi * v[i];
    }
    r.estimate = swz / sw;
    r.status = TargetStatus::estimated;
    return;
  }

  const auto ni = static_cast<Eigen::Index>(n);
  const bool ok = opt.method == Method::ordinary;
  if (w.tmp.size() < std::max(n, disc_w.size())) w.tmp.resize(std::max(n, disc_w.size()));
  // Gather the neighbours' coordinates in each structure's space.
  w.gx.resize(spaces.size());
  w.gy.resize(spaces.size());
  w.gz.resize(spaces.size());
  for (std::size_t s = 0; s < spaces.size(); ++s) {
    w.gx[s].resize(n);
    w.gy[s].resize(n);
    w.gz[s].resize(n);
    for (std::size_t k = 0; k < n; ++k) {
      w.gx[s][k] = spaces[s].sx[w.set[k]];
      w.gy[s][k] = spaces[s].sy[w.set[k]];
      w.gz[s][k] = spaces[s].sz[w.set[k]];
    }
  }
  // Left-hand side: looked up among this worker's recent systems by neighbour set.
  std::uint64_t hash = 1469598103934665603ULL;  // FNV-1a over the indices
  for (const std::uint32_t i : w.set) hash = (hash ^ i) * 1099511628211ULL;
  System* sys = nullptr;
  for (auto& cand : w.systems)
    if (cand.hash == hash && cand.set == w.set) {
      sys = &cand;
      break;
    }
  if (!sys) {
    if (w.systems.size() < kSystems) {
      sys = &w.systems.emplace_back();
    } else {
      sys = &*std::min_element(
          w.systems.begin(), w.systems.end(),
          [](const System& a, const System& b) { return a.last_use < b.last_use; });
    }
    sys->hash = hash;
    sys->set = w.set;
    // Lower triangle only (all the Cholesky factorisation reads), column by column.
    sys->factor.resize(n * n);
    double* c = sys->factor.data();
    for (std::size_t s = 0; s < spaces.size(); ++s)
      for (std::size_t k = 0; k < n; ++k)
        add_covariances(spaces[s], w.gx[s].data() + k, w.gy[s].data() + k, w.gz[s].data() + k,
                        n - k, {w.gx[s][k], w.gy[s][k], w.gz[s][k]}, c + k * n + k, w.tmp.data(),
                        s == 0);
    if (spaces.empty()) std::fill(sys->factor.begin(), sys->factor.end(), 0.0);
    double max_diag = 0;
    for (std::size_t k = 0; k < n; ++k) {
      c[k * n + k] += nugget;
      max_diag = std::max(max_diag, c[k * n + k]);
    }
    bool singular = !cholesky_lower(c, n, n);
    if (!singular) {
      double min_l = HUGE_VAL;
      for (std::size_t k = 0; k < n; ++k) min_l = std::min(min_l, c[k * n + k]);
      singular = !(min_l * min_l > 1e-13 * max_diag);
    }
    if (!singular && ok) {
      sys->b.assign(n, 1.0);
      cholesky_solve(c, n, n, sys->b.data());
      sys->one_b = 0;
      for (const double bi : sys->b) sys->one_b += bi;
      singular = !(sys->one_b > 0) || !std::isfinite(sys->one_b);
    }
    sys->singular = singular;
  }
  sys->last_use = ++w.tick;
  if (sys->singular) {
    r.status = TargetStatus::singular;
    return;
  }
  // Right-hand side: point or block-average covariances (no nugget in block averages).
  w.rhs.setZero(ni);
  if (!block) {
    for (std::size_t s = 0; s < spaces.size(); ++s) {
      const auto q = spaces[s].apply({t[0] - centre[0], t[1] - centre[1], t[2] - centre[2]});
      add_covariances(spaces[s], w.gx[s].data(), w.gy[s].data(), w.gz[s].data(), n, q, w.rhs.data(),
                      w.tmp.data(), false);
    }
    if (nugget > 0)
      for (std::size_t k = 0; k < n; ++k) {
        const std::uint32_t i = w.set[k];
        if (x[i] == t[0] && y[i] == t[1] && z[i] == t[2])
          w.rhs[static_cast<Eigen::Index>(k)] += nugget;
      }
  } else {
    const std::size_t nd = disc_w.size();
    for (std::size_t s = 0; s < spaces.size(); ++s) {
      const Space& sp = spaces[s];
      const auto q = sp.apply({t[0] - centre[0], t[1] - centre[1], t[2] - centre[2]});
      for (std::size_t k = 0; k < n; ++k) {
        // Covariance of sample k with every discretisation point q + d_j (weighted mean).
        w.rhs[static_cast<Eigen::Index>(k)] += weighted_covariance(
            sp, disc_w.data(), nd, {w.gx[s][k] - q[0], w.gy[s][k] - q[1], w.gz[s][k] - q[2]},
            w.tmp.data());
      }
    }
  }
  w.lambda = w.rhs;
  cholesky_solve(sys->factor.data(), n, n, w.lambda.data());
  double mu = 0;
  if (ok) {
    mu = (w.lambda.sum() - 1.0) / sys->one_b;
    w.lambda -= mu * Eigen::Map<const Eigen::VectorXd>(sys->b.data(), ni);
  }
  w.vals.resize(ni);
  for (std::size_t k = 0; k < n; ++k) w.vals[static_cast<Eigen::Index>(k)] = v[w.set[k]];
  const double lc = w.lambda.dot(w.rhs);
  if (ok) {
    r.estimate = w.lambda.dot(w.vals);
    r.variance = block_variance - lc - mu;
  } else {
    r.estimate = opt.sk_mean + w.lambda.dot((w.vals.array() - opt.sk_mean).matrix());
    r.variance = block_variance - lc;
  }
  const double var_est = lc - mu;  // Var(Z*) = lambda^T C lambda
  r.slope = var_est > 0 ? lc / var_est : kNaN;
  r.efficiency = (block_variance - r.variance) / block_variance;
  r.n_negative_weights = static_cast<std::int32_t>((w.lambda.array() < 0).count());
  if (!std::isfinite(r.estimate) || !std::isfinite(r.variance)) {
    const TargetResult found = r;
    r = TargetResult{};
    r.n_samples = found.n_samples;
    r.n_holes = found.n_holes;
    r.nearest_m = found.nearest_m;
    r.status = TargetStatus::singular;
    return;
  }
  r.status = TargetStatus::estimated;
}

std::unique_ptr<void, void (*)(void*)> Engine::make_work() const {
  return {new Work, [](void* p) { delete static_cast<Work*>(p); }};
}

}  // namespace detail

namespace {

constexpr std::size_t kGrain = 1024;  // fixed chunks: results never depend on the thread count

void report_singular(std::size_t singular, Diagnostics& diag) {
  if (singular > 0)
    diag.warn("numeric.singular_kriging_system",
              fmt::format("{} targets have a kriging system that cannot be solved (coincident "
                          "or nearly coincident samples without a nugget); they are left "
                          "unestimated with status 'singular'",
                          singular));
}

}  // namespace

EstimateResult run_estimate(const Samples& samples, const Targets& targets,
                            const EstimateOptions& options, Diagnostics& diag) {
  const detail::Engine engine(samples, options, &diag);
  const std::size_t nt = targets.size();
  if (targets.y_m.size() != nt || (!targets.z_m.empty() && targets.z_m.size() != nt))
    throw Error("internal.target_sizes", "target columns have different lengths");
  EstimateResult out;
  out.targets.resize(nt);
  out.duplicates_merged = engine.duplicates_merged;
  out.block_variance = (options.method == Method::ordinary || options.method == Method::simple)
                           ? engine.block_variance
                           : kNaN;
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(0, nt, kGrain),
      [&](const tbb::blocked_range<std::size_t>& range) {
        auto work = engine.make_work();
        for (std::size_t i = range.begin(); i != range.end(); ++i)
          engine.estimate(
              {targets.x_m[i], targets.y_m[i], targets.z_m.empty() ? 0.0 : targets.z_m[i]},
              out.targets[i], work.get(), -1, NeighbourSearch::kNoHole);
      },
      tbb::simple_partitioner());
  for (const auto& r : out.targets) {
    if (r.status == TargetStatus::too_few_samples) ++out.too_few;
    if (r.status == TargetStatus::singular) ++out.singular;
  }
  report_singular(out.singular, diag);
  return out;
}

EstimateResult run_estimate(const Samples& samples, const Targets& targets,
                            const EstimateOptions& options) {
  Diagnostics diag;
  return run_estimate(samples, targets, options, diag);
}

EstimateResult run_estimate(const Samples& samples, const BlockGrid& grid,
                            const EstimateOptions& options, Diagnostics& diag) {
  EstimateOptions o = options;
  if (o.block) {
    o.block->size_m = grid.block_size_m;
    o.block->rotation_deg = grid.rotation_deg;
  }
  return run_estimate(samples, targets_from_grid(grid), o, diag);
}

CrossValidation cross_validate(const Samples& samples, const EstimateOptions& options,
                               CrossValidationMode mode, Diagnostics& diag) {
  EstimateOptions o = options;
  o.block.reset();
  if (mode == CrossValidationMode::leave_one_hole_out && samples.hole.empty())
    throw Error("input.bad_option", "leave-one-hole-out cross-validation needs hole ids");
  const detail::Engine engine(samples, o, &diag);
  const std::size_t n = engine.x.size();
  CrossValidation cv;
  cv.results.resize(n);
  cv.true_value = engine.v;
  cv.sample_index = engine.source;
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(0, n, kGrain),
      [&](const tbb::blocked_range<std::size_t>& range) {
        auto work = engine.make_work();
        for (std::size_t i = range.begin(); i != range.end(); ++i) {
          const bool by_hole = mode == CrossValidationMode::leave_one_hole_out;
          engine.estimate({engine.x[i], engine.y[i], engine.z[i]}, cv.results[i], work.get(),
                          static_cast<std::int64_t>(i),
                          by_hole ? engine.hole[i] : NeighbourSearch::kNoHole);
        }
      },
      tbb::simple_partitioner());
  // Statistics in sample order (fixed summation order), two passes for the correlation.
  auto& st = cv.stats;
  double se = 0, se2 = 0, sz = 0, sz2 = 0, sx = 0, sy = 0;
  std::size_t nz = 0, singular = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& r = cv.results[i];
    if (!r.estimated()) {
      ++st.not_estimated;
      if (r.status == TargetStatus::singular) ++singular;
      continue;
    }
    ++st.n;
    const double e = r.estimate - cv.true_value[i];
    se += e;
    se2 += e * e;
    if (std::isfinite(r.variance) && r.variance > 0) {
      const double zs = e / std::sqrt(r.variance);
      sz += zs;
      sz2 += zs * zs;
      ++nz;
    }
    sx += r.estimate;
    sy += cv.true_value[i];
  }
  if (st.n > 0) {
    const double m = static_cast<double>(st.n);
    st.mean_error = se / m;
    st.mean_squared_error = se2 / m;
    const double mx = sx / m, my = sy / m;
    double cxy = 0, cxx = 0, cyy = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (!cv.results[i].estimated()) continue;
      const double a = cv.results[i].estimate - mx, b = cv.true_value[i] - my;
      cxy += a * b;
      cxx += a * a;
      cyy += b * b;
    }
    st.correlation = (cxx > 0 && cyy > 0) ? cxy / std::sqrt(cxx * cyy) : kNaN;
  }
  if (nz > 0) {
    st.mean_standardised_error = sz / static_cast<double>(nz);
    st.mean_squared_standardised_error = sz2 / static_cast<double>(nz);
  }
  report_singular(singular, diag);
  return cv;
}

}  // namespace lodeline::kriging
