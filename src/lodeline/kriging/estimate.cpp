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
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "lodeline/io/text_file.hpp"
#include "lodeline/kriging/discretisation.hpp"
#include "lodeline/kriging/estimate_internal.hpp"
#include "lodeline/kriging/kernel.hpp"
#include "lodeline/kriging/neighbourhood.hpp"
#include "lodeline/kriging/option_table.hpp"
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

double squared(double a) { return a * a; }

[[noreturn]] void bad_option(const std::string& message) {
  throw Error("input.bad_option", message);
}

}  // namespace

void validate(const EstimateOptions& o, bool samples_have_holes) {
  const bool kriging = o.method == Method::ordinary || o.method == Method::simple;
  if (kriging || !o.variogram.structures.empty()) variogram::validate(o.variogram);
  // The rules across options are the option table's, with its messages.
  for (const auto& rule : estimate_table().rules)
    if (const auto message = rule.broken(o)) bad_option(*message);
  // The ranges of the options are the table's, with its messages.
  if (const auto message = options::out_of_range(estimate_table(), o)) bad_option(*message);
  if (o.search.min_holes > 0 && !samples_have_holes)
    bad_option("search min_holes needs hole ids on the samples");
  if (o.search.max_per_hole > 0 && !samples_have_holes)
    bad_option("search max_per_hole needs hole ids on the samples");
  if (o.block) (void)discretise(*o.block, false);  // z is checked when the data are 3D
}

namespace detail {

namespace {

InputLocation sample_location(const Samples& samples, std::size_t i) {
  InputLocation loc;
  loc.file = samples.file;
  if (i < samples.line.size()) loc.line = samples.line[i];
  return loc;
}

/// Throws on columns of different lengths, no samples, too many, or a value not finite.
void check_samples(const Samples& samples) {
  const std::size_t n_in = samples.size();
  if (samples.x_m.size() != n_in || samples.y_m.size() != n_in ||
      (samples.is_3d() && samples.z_m.size() != n_in) ||
      (!samples.hole.empty() && samples.hole.size() != n_in))
    throw Error("internal.sample_sizes", "sample columns have different lengths");
  if (n_in == 0) throw Error("input.empty_file", "no samples", {samples.file});
  if (n_in >= std::numeric_limits<std::uint32_t>::max())
    throw Error("input.bad_count", fmt::format("{} samples, expected fewer than 2^32", n_in));
  const bool three_d = samples.is_3d();
  for (std::size_t i = 0; i < n_in; ++i) {
    const double zi = three_d ? samples.z_m[i] : 0.0;
    if (!std::isfinite(samples.x_m[i]) || !std::isfinite(samples.y_m[i]) || !std::isfinite(zi) ||
        !std::isfinite(samples.value[i]))
      throw Error("input.bad_number", "sample coordinate or value is not a finite number",
                  sample_location(samples, i));
  }
}

/// For each sample, the index of its merged sample: samples at the same (x, y, z) share one,
/// numbered in order of their first sample in the input. `merged_count` is their number.
std::vector<std::size_t> merged_index(const Samples& samples, bool three_d,
                                      std::size_t& merged_count) {
  const std::size_t n_in = samples.size();
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
  std::vector<std::size_t> g(first_of_group.size());
  std::iota(g.begin(), g.end(), std::size_t{0});
  std::sort(g.begin(), g.end(),
            [&](std::size_t a, std::size_t b) { return first_of_group[a] < first_of_group[b]; });
  std::vector<std::size_t> rank(first_of_group.size());
  for (std::size_t r = 0; r < g.size(); ++r) rank[g[r]] = r;
  for (auto& group : group_of) group = rank[group];
  merged_count = first_of_group.size();
  return group_of;
}

[[noreturn]] void duplicate_sample(const Engine& e, const Samples& samples, std::size_t i,
                                   std::size_t m) {
  throw Error(
      "input.duplicate_sample",
      fmt::format("sample at ({}, {}, {}) has the same coordinates as the sample of "
                  "{}, expected distinct locations (or merge duplicates)",
                  io::format_double(e.x[m]), io::format_double(e.y[m]), io::format_double(e.z[m]),
                  e.source[m] < samples.line.size()
                      ? fmt::format("line {}", samples.line[e.source[m]])
                      : fmt::format("row {}", e.source[m] + 1)),
      sample_location(samples, i));
}

/// Merge exact duplicates (same x, y, z): one sample at the mean value, first hole kept.
void merge_duplicates(Engine& e, const Samples& samples, Diagnostics* diag) {
  const std::size_t n_in = samples.size();
  std::size_t n = 0;
  const std::vector<std::size_t> merged = merged_index(samples, e.three_d, n);
  e.x.assign(n, 0);
  e.y.assign(n, 0);
  e.z.assign(n, 0);
  e.v.assign(n, 0);
  e.source.assign(n, 0);
  std::vector<std::size_t> count(n, 0);
  if (!samples.hole.empty()) e.hole.assign(n, 0);
  for (std::size_t i = 0; i < n_in; ++i) {
    const std::size_t m = merged[i];
    if (count[m] == 0) {
      e.x[m] = samples.x_m[i];
      e.y[m] = samples.y_m[i];
      e.z[m] = e.three_d ? samples.z_m[i] : 0.0;
      e.source[m] = i;
      if (!e.hole.empty()) e.hole[m] = samples.hole[i];
    } else if (e.opt.duplicates == DuplicatePolicy::error) {
      duplicate_sample(e, samples, i, m);
    }
    e.v[m] += samples.value[i];
    ++count[m];
  }
  for (std::size_t m = 0; m < n; ++m) e.v[m] /= static_cast<double>(count[m]);
  e.duplicates_merged = n_in - n;
  if (e.duplicates_merged > 0 && diag)
    diag->warn("kriging.duplicates_merged",
               fmt::format("{} samples share their coordinates with an earlier sample; each such "
                           "group was merged into one sample at the mean value",
                           e.duplicates_merged),
               {samples.file});
}

/// Local origin: centre of the sample bounding box (keeps transformed coordinates small).
void set_centre(Engine& e) {
  const auto [xmin, xmax] = std::minmax_element(e.x.begin(), e.x.end());
  const auto [ymin, ymax] = std::minmax_element(e.y.begin(), e.y.end());
  const auto [zmin, zmax] = std::minmax_element(e.z.begin(), e.z.end());
  e.centre = {(*xmin + *xmax) / 2, (*ymin + *ymax) / 2, (*zmin + *zmax) / 2};
}

/// Nugget, sill, and each structure's space with the samples in it.
void set_structure_spaces(Engine& e) {
  const std::size_t n = e.x.size();
  e.nugget = e.opt.variogram.nugget;
  e.sill = e.opt.variogram.total_sill();
  for (const auto& s : e.opt.variogram.structures) {
    Space sp;
    sp.type = s.type;
    sp.sill = s.sill;
    sp.a = variogram::reduced_distance_matrix(s);
    sp.sx.resize(n);
    sp.sy.resize(n);
    sp.sz.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      const auto t = sp.apply({e.x[i] - e.centre[0], e.y[i] - e.centre[1], e.z[i] - e.centre[2]});
      sp.sx[i] = t[0];
      sp.sy[i] = t[1];
      sp.sz[i] = t[2];
    }
    e.spaces.push_back(std::move(sp));
  }
}

/// Search space: plain (centred) coordinates, or the first structure's rotation with its
/// range ratios, in metres along the major axis.
void set_search(Engine& e) {
  const EstimateOptions& options = e.opt;
  e.search_matrix = {{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};
  if (options.search.metric == SearchMetric::anisotropic && !options.variogram.structures.empty())
    e.search_matrix =
        variogram::gstat_matrix(variogram::to_gstat_anis(options.variogram.structures[0]));
  const std::size_t n = e.x.size();
  std::vector<std::array<double, 3>> pts(n);
  for (std::size_t i = 0; i < n; ++i) pts[i] = e.to_search({e.x[i], e.y[i], e.z[i]});
  NeighbourLimits lim;
  lim.max_samples = options.search.max_samples;
  lim.radius = options.search.max_distance_m;
  lim.max_per_hole = options.search.max_per_hole;
  lim.max_per_octant = options.search.max_per_octant;
  e.search = std::make_unique<NeighbourSearch>(std::move(pts), e.hole, lim);
}

/// The block's discretisation points in the structure's space, and their farthest reach.
void set_discretisation(Space& sp, const Discretisation& d) {
  const std::size_t nd = d.offsets_m.size();
  sp.dx.resize(nd);
  sp.dy.resize(nd);
  sp.dz.resize(nd);
  sp.disc_reach = 0;
  for (std::size_t k = 0; k < nd; ++k) {
    const auto t = sp.apply(d.offsets_m[k]);
    sp.dx[k] = t[0];
    sp.dy[k] = t[1];
    sp.dz[k] = t[2];
    sp.disc_reach = std::max(sp.disc_reach, std::sqrt(t[0] * t[0] + t[1] * t[1] + t[2] * t[2]));
  }
}

/// Cbar(V,V): the covariance averaged over pairs of discretisation points.
double block_block_covariance(const Engine& e) {
  const std::vector<double>& disc_w = e.disc_w;
  double cvv = 0;
  const auto ndi = static_cast<Eigen::Index>(disc_w.size());
  Eigen::ArrayXd c(ndi), tmp(ndi);
  for (std::size_t k = 0; k < disc_w.size(); ++k) {
    double row = 0;
    for (const auto& sp : e.spaces) {
      add_covariances(sp, sp.dx.data(), sp.dy.data(), sp.dz.data(), disc_w.size(),
                      {sp.dx[k], sp.dy[k], sp.dz[k]}, c.data(), tmp.data(), true);
      row += (c * Eigen::Map<const Eigen::ArrayXd>(disc_w.data(),
                                                   static_cast<Eigen::Index>(disc_w.size())))
                 .sum();
    }
    cvv += disc_w[k] * row;
  }
  return cvv;
}

/// Block support: discretisation in every structure's space, and Cbar(V,V) once.
void set_block_support(Engine& e) {
  e.block = true;
  const Discretisation d = discretise(*e.opt.block, e.three_d);
  e.disc_w = d.weights;
  for (auto& sp : e.spaces) set_discretisation(sp, d);
  e.block_variance = block_block_covariance(e);
}

}  // namespace

Engine::Engine(const Samples& samples, const EstimateOptions& options, Diagnostics* diag)
    : opt(options) {
  check_samples(samples);
  three_d = samples.is_3d();
  validate(options, !samples.hole.empty());
  merge_duplicates(*this, samples, diag);
  set_centre(*this);
  const bool kriging = options.method == Method::ordinary || options.method == Method::simple;
  if (kriging) set_structure_spaces(*this);
  set_search(*this);
  if (options.block)
    set_block_support(*this);
  else
    block_variance = sill;
  // C(0) on the diagonal, summed as add_covariances sums it.
  max_diag = 0;
  for (const auto& sp : spaces) max_diag += sp.sill;
  max_diag += nugget;
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

namespace {

// sill * spherical shape at the reduced distance of (a, b, c): the shape is zero from h = 1 on,
// written as a 0/1 factor (h < 1) rather than min(h, 1) so that GCC vectorises the loops it
// sits in (it does not if-convert the min); both give the same bits (1 - 1.5h + 0.5h^3 >= 0
// for h >= 1, so the factor yields +0 exactly as min(h, 1) does).
inline double spherical(double sill, double a, double b, double c) {
  const double h = std::sqrt(a * a + b * b + c * c);
  const double inside = h < 1.0;
  return sill * (inside * (1.0 - h * (1.5 - 0.5 * (h * h))));
}

LODELINE_KERNEL void spherical_assign(double sill, const double* __restrict px,
                                      const double* __restrict py, const double* __restrict pz,
                                      std::size_t n, double q0, double q1, double q2,
                                      double* __restrict out) {
  for (std::size_t i = 0; i < n; ++i) out[i] = spherical(sill, px[i] - q0, py[i] - q1, pz[i] - q2);
}

LODELINE_KERNEL void spherical_add(double sill, const double* __restrict px,
                                   const double* __restrict py, const double* __restrict pz,
                                   std::size_t n, double q0, double q1, double q2,
                                   double* __restrict out) {
  for (std::size_t i = 0; i < n; ++i) out[i] += spherical(sill, px[i] - q0, py[i] - q1, pz[i] - q2);
}

}  // namespace

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
      if (assign)
        spherical_assign(c, px, py, pz, n, q[0], q[1], q[2], out);
      else
        spherical_add(c, px, py, pz, n, q[0], q[1], q[2], out);
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

namespace {

// sill * sum_j w_j shape(|d_j - v|) for a spherical structure: one vectorised pass, then eight
// fixed partial sums.
LODELINE_KERNEL double spherical_block(const Space& sp, const double* __restrict w, std::size_t nd,
                                       double vx, double vy, double vz, double* __restrict t) {
  const double* __restrict dx = sp.dx.data();
  const double* __restrict dy = sp.dy.data();
  const double* __restrict dz = sp.dz.data();
  for (std::size_t d = 0; d < nd; ++d)
    t[d] = w[d] * spherical(1.0, dx[d] - vx, dy[d] - vy, dz[d] - vz);
  double s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  std::size_t d = 0;
  for (; d + 8 <= nd; d += 8)
    for (std::size_t j = 0; j < 8; ++j) s[j] += t[d + j];
  for (; d < nd; ++d) s[0] += t[d];
  return sp.sill * (((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7])));
}

}  // namespace

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
      return spherical_block(sp, weights, nd, q[0], q[1], q[2], tmp);
    case StructureType::exponential:
      T = ((X - q[0]).square() + (Y - q[1]).square() + (Z - q[2]).square()).sqrt();
      return sp.sill * (W * (-T).exp()).sum();
    case StructureType::gaussian:
      T = (X - q[0]).square() + (Y - q[1]).square() + (Z - q[2]).square();
      return sp.sill * (W * (-T).exp()).sum();
  }
  return 0;
}

void add_block_covariances(const Space& sp, const double* weights, std::size_t nd, const double* px,
                           const double* py, const double* pz, std::size_t n,
                           const std::array<double, 3>& q, double* out, double* tmp) {
  // A spherical structure is zero beyond its range (h >= 1 gives exactly 0): a sample farther
  // than 1 + the discretisation's reach from the block centre adds exactly nothing, so it is
  // skipped (the result is the same to the bit). The margin covers rounding.
  const double skip2 = sp.type == StructureType::spherical
                           ? squared((1.0 + sp.disc_reach) * (1 + 1e-9) + 1e-9)
                           : HUGE_VAL;
  for (std::size_t k = 0; k < n; ++k) {
    const double vx = px[k] - q[0], vy = py[k] - q[1], vz = pz[k] - q[2];
    if (vx * vx + vy * vy + vz * vz >= skip2) continue;
    out[k] += weighted_covariance(sp, weights, nd, {vx, vy, vz}, tmp);
  }
}

namespace {

/// A factorised left-hand side for one ordered neighbour set. Rows [0, valid) of L and of
/// z = L^-1 1 are final; a later set with the same leading samples extends them
/// (cholesky_rows), bit-identically to factorising it from scratch.
struct System {
  std::uint64_t hash = 0;
  std::vector<std::uint32_t> set;
  std::size_t lda = 0;
  std::vector<double> factor;  // column-major lda x lda, lower triangle = L
  std::vector<double> inv;     // 1 / L[i][i]
  std::vector<double> z;
  std::size_t valid = 0;
  std::uint64_t last_use = 0;

  /// Room for `rows` rows (lda); growing it forgets the factor.
  void reserve(std::size_t rows) {
    if (lda >= rows) return;
    lda = rows;
    factor.assign(rows * rows, 0.0);
    inv.assign(rows, 0.0);
    z.assign(rows, 0.0);
    set.clear();
    valid = 0;
  }
};

/// Systems kept per worker (exact reuse: 54 % of the benchmark's targets with 8, 58 % with
/// 64). Which one is reused or extended never changes a result (see System).
constexpr std::size_t kSystems = 64;

struct Work {
  std::vector<std::uint32_t> nb;  // distance order
  std::vector<double> nb_d2;
  std::vector<std::uint32_t> set;  // the system's order
  // Group search: per target of the group (max_samples slots each).
  std::vector<std::uint32_t> g_nb, g_set;
  std::vector<std::size_t> g_n, g_order;
  std::vector<std::array<double, 3>> g_t;
  std::vector<System> systems;
  System* last = nullptr;  // the system used last
  std::uint64_t tick = 0;
  NeighbourSearch::Scratch scratch;
  NeighbourSearch::Group group;
  std::vector<std::vector<double>> gx, gy, gz;  // per structure, gathered coordinates
  std::vector<std::int64_t> holes;
  Eigen::VectorXd rhs, lambda, vals;
  std::vector<double> tmp;
  bool prev_full = false;  // nb holds the previous target's full set of k neighbours
};

std::size_t common_prefix(const std::vector<std::uint32_t>& a, std::size_t na,
                          const std::vector<std::uint32_t>& b) {
  const std::size_t m = std::min(na, b.size());
  std::size_t p = 0;
  while (p < m && a[p] == b[p]) ++p;
  return p;
}

}  // namespace

std::array<double, 3> Engine::point(const Targets& targets, std::size_t i) const {
  return {targets.x_m[i], targets.y_m[i], three_d && !targets.z_m.empty() ? targets.z_m[i] : 0.0};
}

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
  w.prev_full =
      opt.search.max_samples > 0 && w.nb.size() == opt.search.max_samples && exclude_index < 0;
  // System order: ascending sample index.
  w.set.assign(w.nb.begin(), w.nb.end());
  std::sort(w.set.begin(), w.set.end());
  solve(t, r, work_ptr);
}

void Engine::estimate_group(const std::array<double, 3>& group_centre, double reach,
                            const Targets& targets, const std::uint32_t* ids, std::size_t count,
                            TargetResult* results, void* work_ptr) const {
  Work& w = *static_cast<Work*>(work_ptr);
  search->prepare(group_centre, reach, w.group, w.scratch);
  const std::size_t k = opt.search.max_samples;
  // Pass 1: every target's neighbours (distance order) and its system order: ascending sample
  // index, as for a target searched alone, so that a target gets the same bits in any group,
  // batch or thread count.
  w.g_nb.resize(count * k);
  w.g_set.resize(count * k);
  w.g_n.resize(count);
  w.g_t.resize(count);
  for (std::size_t c = 0; c < count; ++c) {
    w.g_t[c] = point(targets, ids[c]);
    search->find_in(w.group, to_search(w.g_t[c]), w.nb, w.nb_d2, w.scratch);
    const std::size_t n = w.nb.size();
    w.g_n[c] = n;
    std::copy_n(w.nb.data(), n, w.g_nb.data() + c * k);
    std::uint32_t* set = w.g_set.data() + c * k;
    std::copy_n(w.nb.data(), n, set);
    std::sort(set, set + n);
  }
  // Pass 2 in lexicographic order of the sets: equal sets come together (one factorisation)
  // and each system shares the longest possible leading run with the one before (the order
  // changes the speed only, never a result).
  w.g_order.resize(count);
  std::iota(w.g_order.begin(), w.g_order.end(), std::size_t{0});
  std::sort(w.g_order.begin(), w.g_order.end(), [&](std::size_t a, std::size_t b) {
    const std::uint32_t* sa = w.g_set.data() + a * k;
    const std::uint32_t* sb = w.g_set.data() + b * k;
    return std::lexicographical_compare(sa, sa + w.g_n[a], sb, sb + w.g_n[b]);
  });
  for (const std::size_t c : w.g_order) {
    const std::size_t n = w.g_n[c];
    w.nb.assign(w.g_nb.data() + c * k, w.g_nb.data() + c * k + n);
    w.set.assign(w.g_set.data() + c * k, w.g_set.data() + c * k + n);
    solve(w.g_t[c], results[ids[c]], work_ptr);
  }
}

void Engine::solve(const std::array<double, 3>& t, TargetResult& r, void* work_ptr) const {
  Work& w = *static_cast<Work*>(work_ptr);
  const std::size_t n = w.nb.size();
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
    // Distinct holes (few: a linear scan of those seen beats sorting).
    w.holes.clear();
    for (const std::uint32_t i : w.nb)
      if (std::find(w.holes.begin(), w.holes.end(), hole[i]) == w.holes.end())
        w.holes.push_back(hole[i]);
    r.n_holes = static_cast<std::int32_t>(w.holes.size());
    if (w.holes.size() < opt.search.min_holes) {
      r.status = TargetStatus::too_few_samples;
      return;
    }
  }

  if (opt.method == Method::nearest) {
    r.estimate = v[w.nb[0]];
    r.status = TargetStatus::estimated;
    return;
  }
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
  solve_kriging(t, r, work_ptr);
}

// The steps of Engine::solve_kriging. Each is forced inline, so each AVX2 and default clone of
// solve_kriging compiles its own copy of every step, as when they were one function.
namespace {

#define LODELINE_STEP [[gnu::always_inline]] inline

/// The neighbours' coordinates in each structure's space.
LODELINE_STEP void gather_coordinates(const Engine& e, Work& w, std::size_t n) {
  w.gx.resize(e.spaces.size());
  w.gy.resize(e.spaces.size());
  w.gz.resize(e.spaces.size());
  for (std::size_t s = 0; s < e.spaces.size(); ++s) {
    w.gx[s].resize(n);
    w.gy[s].resize(n);
    w.gz[s].resize(n);
    for (std::size_t k = 0; k < n; ++k) {
      w.gx[s][k] = e.spaces[s].sx[w.set[k]];
      w.gy[s][k] = e.spaces[s].sy[w.set[k]];
      w.gz[s][k] = e.spaces[s].sz[w.set[k]];
    }
  }
}

/// FNV-1a over the set's indices.
LODELINE_STEP std::uint64_t set_hash(const std::vector<std::uint32_t>& set) {
  std::uint64_t hash = 1469598103934665603ULL;
  for (const std::uint32_t i : set) hash = (hash ^ i) * 1099511628211ULL;
  return hash;
}

/// A free or the least recently used slot (systems are reserved: no reallocation).
LODELINE_STEP System& free_system(Work& w) {
  if (w.systems.size() < kSystems) return w.systems.emplace_back();
  return *std::min_element(
      w.systems.begin(), w.systems.end(),
      [](const System& a, const System& b) { return a.last_use < b.last_use; });
}

/// Factorises the left-hand side of this set into `sys`: the last system's leading run shared
/// with this set is copied (or kept, when it is the slot), so the system extended stays
/// available; the new rows [p, n) are computed and factorised.
LODELINE_STEP void build_system(const Engine& e, Work& w, std::size_t n, std::uint64_t hash,
                                System& sys) {
  sys.reserve(std::max<std::size_t>(n, e.opt.search.max_samples));
  const System* from = w.last;
  const std::size_t p =
      from && from->lda == sys.lda ? common_prefix(from->set, from->valid, w.set) : 0;
  if (from != &sys && p > 0) {
    for (std::size_t j = 0; j < p; ++j)
      std::copy_n(from->factor.data() + j * from->lda + j, p - j,
                  sys.factor.data() + j * sys.lda + j);
    std::copy_n(from->inv.data(), p, sys.inv.data());
    std::copy_n(from->z.data(), p, sys.z.data());
  }
  sys.set = w.set;
  sys.hash = hash;
  const std::size_t lda_s = sys.lda;
  double* c = sys.factor.data();
  // Covariances of the new rows [p, n): column j from row max(j, p).
  for (std::size_t s = 0; s < e.spaces.size(); ++s)
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t r0 = std::max(k, p);
      add_covariances(e.spaces[s], w.gx[s].data() + r0, w.gy[s].data() + r0, w.gz[s].data() + r0,
                      n - r0, {w.gx[s][k], w.gy[s][k], w.gz[s][k]}, c + k * lda_s + r0,
                      w.tmp.data(), s == 0);
    }
  if (e.spaces.empty())
    for (std::size_t k = 0; k < n; ++k)
      std::fill_n(c + k * lda_s + std::max(k, p), n - std::max(k, p), 0.0);
  for (std::size_t k = p; k < n; ++k) c[k * lda_s + k] += e.nugget;
  sys.valid = cholesky_rows(c, sys.inv.data(), n, lda_s, p);
  unit_forward_rows(c, sys.inv.data(), sys.valid, lda_s, p, sys.z.data());
}

/// The left-hand side: one of the worker's recent systems when it holds exactly this set
/// (found by hash); otherwise the most recent system's leading run shared with this set is
/// extended (in a group's lexicographic order that is the longest run any earlier set shares).
LODELINE_STEP const System& left_hand_side(const Engine& e, Work& w, std::size_t n) {
  const std::uint64_t hash = set_hash(w.set);
  System* sys = nullptr;
  for (auto& cand : w.systems)
    if (cand.hash == hash && cand.set == w.set) {
      sys = &cand;
      break;
    }
  if (!sys) {
    sys = &free_system(w);
    build_system(e, w, n, hash, *sys);
  }
  sys->last_use = ++w.tick;
  w.last = sys;
  return *sys;
}

/// Whether the factorised system is singular; `zz` = z^T z (z = L^-1 1) when it is not.
LODELINE_STEP bool singular_system(const Engine& e, const System& sys, std::size_t n, double& zz) {
  if (sys.valid < n) return true;
  const std::size_t lda = sys.lda;
  const double* l = sys.factor.data();
  double min_l = HUGE_VAL;
  for (std::size_t k = 0; k < n; ++k) min_l = std::min(min_l, l[k * lda + k]);
  bool singular = !(min_l * min_l > 1e-13 * e.max_diag);
  zz = dot4(sys.z.data(), sys.z.data(), n);
  if (e.opt.method == Method::ordinary) singular = singular || !(zz > 0) || !std::isfinite(zz);
  return singular;
}

/// Point or block-average covariances of the neighbours with the target (no nugget in block
/// averages).
LODELINE_STEP void right_hand_side(const Engine& e, Work& w, const std::array<double, 3>& t,
                                   std::size_t n) {
  w.rhs.setZero(static_cast<Eigen::Index>(n));
  const std::array<double, 3> h{t[0] - e.centre[0], t[1] - e.centre[1], t[2] - e.centre[2]};
  for (std::size_t s = 0; s < e.spaces.size(); ++s) {
    const auto q = e.spaces[s].apply(h);
    if (e.block)
      // Covariance of each sample with every discretisation point q + d_j (weighted mean).
      add_block_covariances(e.spaces[s], e.disc_w.data(), e.disc_w.size(), w.gx[s].data(),
                            w.gy[s].data(), w.gz[s].data(), n, q, w.rhs.data(), w.tmp.data());
    else
      add_covariances(e.spaces[s], w.gx[s].data(), w.gy[s].data(), w.gz[s].data(), n, q,
                      w.rhs.data(), w.tmp.data(), false);
  }
  if (e.block || !(e.nugget > 0)) return;
  for (std::size_t k = 0; k < n; ++k) {
    const std::uint32_t i = w.set[k];
    if (e.x[i] == t[0] && e.y[i] == t[1] && e.z[i] == t[2])
      w.rhs[static_cast<Eigen::Index>(k)] += e.nugget;
  }
}

/// The weights into w.lambda; returns the Lagrange multiplier mu (0 for simple kriging).
/// With C = L L^T, y = L^-1 c and z = L^-1 1: 1^T C^-1 c = z^T y, 1^T C^-1 1 = z^T z, and
/// lambda = L^-T (y - mu z).
LODELINE_STEP double solve_weights(const Engine& e, Work& w, const System& sys, std::size_t n,
                                   double zz) {
  const double* l = sys.factor.data();
  w.lambda = w.rhs;
  cholesky_forward(l, sys.inv.data(), n, sys.lda, w.lambda.data());
  double mu = 0;
  if (e.opt.method == Method::ordinary) {
    mu = (dot4(sys.z.data(), w.lambda.data(), n) - 1.0) / zz;
    w.lambda -= mu * Eigen::Map<const Eigen::VectorXd>(sys.z.data(), static_cast<Eigen::Index>(n));
  }
  cholesky_backward(l, sys.inv.data(), n, sys.lda, w.lambda.data());
  return mu;
}

/// Estimate, variance, slope, efficiency and negative weights from the weights; a non-finite
/// estimate or variance makes the target singular.
LODELINE_STEP void weighted_result(const Engine& e, Work& w, std::size_t n, double mu,
                                   TargetResult& r) {
  w.vals.resize(static_cast<Eigen::Index>(n));
  for (std::size_t k = 0; k < n; ++k) w.vals[static_cast<Eigen::Index>(k)] = e.v[w.set[k]];
  const double lc = w.lambda.dot(w.rhs);
  if (e.opt.method == Method::ordinary) {
    r.estimate = w.lambda.dot(w.vals);
    r.variance = e.block_variance - lc - mu;
  } else {
    r.estimate = e.opt.sk_mean + w.lambda.dot((w.vals.array() - e.opt.sk_mean).matrix());
    r.variance = e.block_variance - lc;
  }
  const double var_est = lc - mu;  // Var(Z*) = lambda^T C lambda
  r.slope = var_est > 0 ? lc / var_est : kNaN;
  r.efficiency = (e.block_variance - r.variance) / e.block_variance;
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

#undef LODELINE_STEP

}  // namespace

// Kept apart from solve(): only this part has an AVX2 clone (IDW's pow stays out, see
// kernel.hpp).
LODELINE_KERNEL void Engine::solve_kriging(const std::array<double, 3>& t, TargetResult& r,
                                           void* work_ptr) const {
  Work& w = *static_cast<Work*>(work_ptr);
  const std::size_t n = w.nb.size();
  if (w.tmp.size() < std::max(n, disc_w.size())) w.tmp.resize(std::max(n, disc_w.size()));
  gather_coordinates(*this, w, n);
  const System& sys = left_hand_side(*this, w, n);
  double zz = 0;
  if (singular_system(*this, sys, n, zz)) {
    r.status = TargetStatus::singular;
    return;
  }
  right_hand_side(*this, w, t, n);
  const double mu = solve_weights(*this, w, sys, n, zz);
  weighted_result(*this, w, n, mu, r);
}

std::unique_ptr<void, void (*)(void*)> Engine::make_work() const {
  auto* w = new Work;
  w->systems.reserve(kSystems);  // pointers into it stay valid
  return {w, [](void* p) { delete static_cast<Work*>(p); }};
}

}  // namespace detail

namespace {

constexpr std::size_t kGrain = 1024;    // fixed chunks: results never depend on the thread count
constexpr std::size_t kGroupGrain = 8;  // groups per task (results do not depend on it)

/// Targets in compact groups for the group search: cells of a fixed size in search space,
/// cell by cell (x fastest), targets in input order within a cell. The cell size is
/// kGroupCells x the median distance to the k-th neighbour at up to 257 evenly spaced
/// targets: groups small against the neighbourhood keep the candidates few, large enough
/// to share one kd-tree query among many targets. It depends on the inputs alone, so the
/// results do not depend on the thread count.
struct TargetGroups {
  std::vector<std::uint32_t> order;  // target indices, group after group
  std::vector<std::size_t> begin;    // group g is order[begin[g], begin[g + 1])
  std::vector<std::array<double, 3>> centre;
  std::vector<double> reach;
};

constexpr double kGroupCells = 0.7;  // measured best of 0.5 / 0.7 / 1.0 on bench_kriging

/// Every target in search space.
std::vector<std::array<double, 3>> search_points(const detail::Engine& e, const Targets& targets) {
  std::vector<std::array<double, 3>> q(targets.size());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, targets.size(), 16384),
                    [&](const tbb::blocked_range<std::size_t>& range) {
                      for (std::size_t i = range.begin(); i != range.end(); ++i)
                        q[i] = e.to_search(e.point(targets, i));
                    });
  return q;
}

/// The distance to the k-th neighbour (or the search radius when fewer are found) at up to
/// 257 evenly spaced targets.
std::vector<double> probe_neighbourhoods(const detail::Engine& e,
                                         const std::vector<std::array<double, 3>>& q) {
  const std::size_t nt = q.size();
  std::vector<double> dk;
  NeighbourSearch::Scratch scratch;
  std::vector<std::uint32_t> nb;
  std::vector<double> d2;
  const std::size_t probes = std::min<std::size_t>(nt, 257);
  for (std::size_t s = 0; s < probes; ++s) {
    const std::size_t i = probes > 1 ? s * (nt - 1) / (probes - 1) : 0;
    e.search->find(q[i], nb, d2, scratch);
    if (!d2.empty() && d2.size() == e.opt.search.max_samples)
      dk.push_back(std::sqrt(d2.back()));
    else if (std::isfinite(e.opt.search.max_distance_m))
      dk.push_back(e.opt.search.max_distance_m);
  }
  return dk;
}

/// The cells of the group search over the targets' bounding box in search space.
struct CellGrid {
  std::array<double, 3> lo{}, hi{};
  double cell_m = 0;
  std::array<std::uint64_t, 3> cells{};

  [[nodiscard]] std::uint64_t of(const std::array<double, 3>& p) const {
    std::array<std::uint64_t, 3> c{};
    for (std::size_t a = 0; a < 3; ++a)
      // p >= lo: truncation is the floor (and needs no libm call).
      c[a] = std::min(cells[a] - 1, static_cast<std::uint64_t>((p[a] - lo[a]) / cell_m));
    return (c[2] * cells[1] + c[1]) * cells[0] + c[0];
  }
  [[nodiscard]] std::size_t count() const {
    return static_cast<std::size_t>(cells[0] * cells[1] * cells[2]);
  }
};

CellGrid cell_grid(const detail::Engine& e, const std::vector<std::array<double, 3>>& q) {
  const std::size_t nt = q.size();
  CellGrid grid;
  grid.lo = q[0];
  grid.hi = q[0];
  for (const auto& p : q)
    for (std::size_t a = 0; a < 3; ++a) {
      grid.lo[a] = std::min(grid.lo[a], p[a]);
      grid.hi[a] = std::max(grid.hi[a], p[a]);
    }
  const auto& lo = grid.lo;
  const auto& hi = grid.hi;
  // Cell size from the neighbourhood's scale.
  std::vector<double> dk = probe_neighbourhoods(e, q);
  const double extent = std::max({hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]});
  double cell = extent;
  if (!dk.empty()) {
    std::nth_element(dk.begin(), dk.begin() + static_cast<std::ptrdiff_t>(dk.size() / 2), dk.end());
    cell = kGroupCells * dk[dk.size() / 2];
  }
  if (!(cell > 0) || !std::isfinite(cell)) cell = extent > 0 ? extent : 1.0;
  for (;;) {
    for (std::size_t a = 0; a < 3; ++a)
      grid.cells[a] = static_cast<std::uint64_t>(std::floor((hi[a] - lo[a]) / cell)) + 1;
    if (static_cast<double>(grid.cells[0]) * static_cast<double>(grid.cells[1]) *
            static_cast<double>(grid.cells[2]) <=
        static_cast<double>(4 * nt + 1024))
      break;
    cell *= 2;  // never more cells than a few per target
  }
  grid.cell_m = cell;
  return grid;
}

/// Counting sort of the targets by cell (stable: input order within a cell) into g.order;
/// returns where each cell starts in it (one past the end last).
std::vector<std::size_t> sort_by_cell(const CellGrid& grid,
                                      const std::vector<std::array<double, 3>>& q,
                                      TargetGroups& g) {
  const std::size_t nt = q.size();
  const std::size_t ncell = grid.count();
  std::vector<std::uint32_t> key(nt);
  std::vector<std::size_t> start(ncell + 1, 0);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, nt, 16384),
                    [&](const tbb::blocked_range<std::size_t>& range) {
                      for (std::size_t i = range.begin(); i != range.end(); ++i)
                        key[i] = static_cast<std::uint32_t>(grid.of(q[i]));
                    });
  for (std::size_t i = 0; i < nt; ++i) ++start[key[i] + 1];
  for (std::size_t c = 0; c < ncell; ++c) start[c + 1] += start[c];
  g.order.resize(nt);
  std::vector<std::size_t> fill(start.begin(), start.end() - 1);
  for (std::size_t i = 0; i < nt; ++i) g.order[fill[key[i]]++] = static_cast<std::uint32_t>(i);
  return start;
}

/// A group of g.order[first, last): the centre of its bounding box and its reach from there.
void add_group(std::size_t first, std::size_t last, const std::vector<std::array<double, 3>>& q,
               TargetGroups& g) {
  g.begin.push_back(first);
  std::array<double, 3> a = q[g.order[first]], b = a;
  for (std::size_t k = first; k < last; ++k)
    for (std::size_t d = 0; d < 3; ++d) {
      a[d] = std::min(a[d], q[g.order[k]][d]);
      b[d] = std::max(b[d], q[g.order[k]][d]);
    }
  const std::array<double, 3> mid{(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2};
  double reach = 0;
  for (std::size_t k = first; k < last; ++k) {
    const auto& p = q[g.order[k]];
    reach = std::max(
        reach, std::sqrt(squared(p[0] - mid[0]) + squared(p[1] - mid[1]) + squared(p[2] - mid[2])));
  }
  g.centre.push_back(mid);
  g.reach.push_back(reach);
}

TargetGroups group_targets(const detail::Engine& e, const Targets& targets) {
  const std::size_t nt = targets.size();
  TargetGroups g;
  if (nt == 0) {
    g.begin.push_back(0);
    return g;
  }
  const std::vector<std::array<double, 3>> q = search_points(e, targets);
  const CellGrid grid = cell_grid(e, q);
  const std::vector<std::size_t> start = sort_by_cell(grid, q, g);
  for (std::size_t c = 0; c < grid.count(); ++c)
    if (start[c] != start[c + 1]) add_group(start[c], start[c + 1], q, g);
  g.begin.push_back(nt);
  return g;
}

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
  const std::size_t nt = targets.size();
  if (targets.y_m.size() != nt || (!targets.z_m.empty() && targets.z_m.size() != nt))
    throw Error("internal.target_sizes", "target columns have different lengths");
  for (std::size_t i = 0; i < nt; ++i)
    if (!std::isfinite(targets.x_m[i]) || !std::isfinite(targets.y_m[i]) ||
        (!targets.z_m.empty() && !std::isfinite(targets.z_m[i])))
      throw Error("input.bad_number",
                  fmt::format("target {} has a coordinate that is not a finite number, expected "
                              "finite x, y(, z)",
                              i + 1));
  const detail::Engine engine(samples, options, &diag);
  EstimateResult out;
  out.targets.resize(nt);
  out.duplicates_merged = engine.duplicates_merged;
  out.block_variance = (options.method == Method::ordinary || options.method == Method::simple)
                           ? engine.block_variance
                           : kNaN;
  // One work buffer per thread, kept across tasks (its cached systems never change a result,
  // only how often a factorisation is reused).
  tbb::enumerable_thread_specific<std::unique_ptr<void, void (*)(void*)>> works(
      [&] { return engine.make_work(); });
  if (engine.search->groups_apply()) {
    const TargetGroups groups = group_targets(engine, targets);
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, groups.centre.size(), kGroupGrain),
        [&](const tbb::blocked_range<std::size_t>& range) {
          auto& work = works.local();
          for (std::size_t gi = range.begin(); gi != range.end(); ++gi)
            engine.estimate_group(groups.centre[gi], groups.reach[gi], targets,
                                  groups.order.data() + groups.begin[gi],
                                  groups.begin[gi + 1] - groups.begin[gi], out.targets.data(),
                                  work.get());
        },
        tbb::simple_partitioner());
  } else {
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, nt, kGrain),
        [&](const tbb::blocked_range<std::size_t>& range) {
          auto& work = works.local();
          for (std::size_t i = range.begin(); i != range.end(); ++i)
            engine.estimate(engine.point(targets, i), out.targets[i], work.get(), -1,
                            NeighbourSearch::kNoHole);
        },
        tbb::simple_partitioner());
  }
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
