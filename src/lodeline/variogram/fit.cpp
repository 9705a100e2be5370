// SPDX-License-Identifier: Apache-2.0
// Weighted least-squares variogram fitting (Cressie 1985; gstat fit.variogram, Pebesma 2004)
// with Eigen's Levenberg-Marquardt (More 1978). See fit.hpp for the definitions.
#include "lodeline/variogram/fit.hpp"

#include <fmt/format.h>

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numbers>
#include <unsupported/Eigen/NonLinearOptimization>
#include <unsupported/Eigen/NumericalDiff>

#include "lodeline/core/error.hpp"

namespace lodeline::variogram {
namespace {

constexpr double kDeg = 180.0 / std::numbers::pi;
constexpr double kStartFractions[] = {0.1, 0.2, 0.35, 0.5, 0.75, 1.0};
constexpr std::size_t kMaxStructures = 6;

/// One lag with pairs: mean distance, semivariance, pair count, which direction.
struct Point {
  double h = 0, g = 0, n = 0;
  std::size_t dir = 0;
};

struct Problem {
  std::vector<Point> points;
  std::vector<StructureType> types;
  std::size_t directions = 1;
  FitWeighting weighting = FitWeighting::npairs_over_h2;
  double g_scale = 1;  // largest semivariance, guards the Cressie denominator
};

struct Params {
  double nugget = 0;
  std::vector<double> sill;   // per structure
  std::vector<double> range;  // per structure and direction: k * directions + d
};

/// What a free parameter is: the nugget, structure k's sill, or range slot (k, d).
struct Slot {
  enum Kind { nugget, sill, range } kind;
  std::size_t index;
};

double model_gamma(const Problem& p, const Params& x, const Point& q) {
  double g = q.h > 0 ? x.nugget : 0.0;
  for (std::size_t k = 0; k < p.types.size(); ++k)
    g += x.sill[k] * unit_variogram(p.types[k], q.h / x.range[k * p.directions + q.dir]);
  return g;
}

double residual(const Problem& p, const Params& x, const Point& q) {
  const double m = model_gamma(p, x, q);
  switch (p.weighting) {
    case FitWeighting::npairs_over_h2:
      return std::sqrt(q.n) / q.h * (q.g - m);
    case FitWeighting::npairs:
      return std::sqrt(q.n) * (q.g - m);
    case FitWeighting::ols:
      return q.g - m;
    case FitWeighting::cressie:
      return std::sqrt(q.n) * (q.g / std::max(m, 1e-12 * p.g_scale) - 1.0);
  }
  return 0;
}

double objective(const Problem& p, const Params& x) {
  long double s = 0;
  for (const auto& q : p.points) {
    const double r = residual(p, x, q);
    s += static_cast<long double>(r) * r;
  }
  return static_cast<double>(s);
}

/// The residual vector as a function of the free parameters (ranges as logarithms), in the
/// form Eigen's Levenberg-Marquardt and NumericalDiff expect.
struct Residuals {
  using Scalar = double;
  enum { InputsAtCompileTime = Eigen::Dynamic, ValuesAtCompileTime = Eigen::Dynamic };
  using InputType = Eigen::VectorXd;
  using ValueType = Eigen::VectorXd;
  using JacobianType = Eigen::MatrixXd;

  const Problem* problem = nullptr;
  Params base;
  std::vector<Slot> slots;

  [[nodiscard]] int inputs() const { return static_cast<int>(slots.size()); }
  [[nodiscard]] int values() const { return static_cast<int>(problem->points.size()); }

  [[nodiscard]] Params unpack(const Eigen::VectorXd& v) const {
    Params x = base;
    for (std::size_t i = 0; i < slots.size(); ++i) {
      const double value = v[static_cast<Eigen::Index>(i)];
      switch (slots[i].kind) {
        case Slot::nugget:
          x.nugget = value;
          break;
        case Slot::sill:
          x.sill[slots[i].index] = value;
          break;
        case Slot::range:
          x.range[slots[i].index] = std::exp(value);
          break;
      }
    }
    return x;
  }
  [[nodiscard]] Eigen::VectorXd pack(const Params& x) const {
    Eigen::VectorXd v(static_cast<Eigen::Index>(slots.size()));
    for (std::size_t i = 0; i < slots.size(); ++i) {
      double value = 0;
      switch (slots[i].kind) {
        case Slot::nugget:
          value = x.nugget;
          break;
        case Slot::sill:
          value = x.sill[slots[i].index];
          break;
        case Slot::range:
          value = std::log(x.range[slots[i].index]);
          break;
      }
      v[static_cast<Eigen::Index>(i)] = value;
    }
    return v;
  }
  int operator()(const Eigen::VectorXd& v, Eigen::VectorXd& f) const {
    const Params x = unpack(v);
    for (std::size_t j = 0; j < problem->points.size(); ++j) {
      const double r = residual(*problem, x, problem->points[j]);
      f[static_cast<Eigen::Index>(j)] = std::isfinite(r) ? r : 1e150;
    }
    return 0;
  }
};

struct Fit {
  Params x;
  double sse = 0;
  bool converged = true;
  std::int32_t evaluations = 0;
  std::vector<std::size_t> zeroed;
};

/// Levenberg-Marquardt from `start`, repeated with negative sills fixed at zero.
Fit minimise(const Problem& p, const Params& start, const FitOptions& o) {
  const std::size_t K = p.types.size(), D = p.directions;
  std::vector<bool> sill_free(K + 1, false);  // 0 = nugget
  sill_free[0] = o.fit_nugget;
  for (std::size_t k = 0; k < K; ++k) sill_free[k + 1] = o.fit_sills;
  Fit fit;
  fit.x = start;
  for (;;) {
    Residuals r;
    r.problem = &p;
    r.base = fit.x;
    if (sill_free[0]) r.slots.push_back({Slot::nugget, 0});
    for (std::size_t k = 0; k < K; ++k)
      if (sill_free[k + 1]) r.slots.push_back({Slot::sill, k});
    if (o.fit_ranges)
      for (std::size_t i = 0; i < K * D; ++i) r.slots.push_back({Slot::range, i});
    if (!r.slots.empty()) {
      Eigen::VectorXd v = r.pack(fit.x);
      Eigen::NumericalDiff<Residuals, Eigen::Central> diff(r);
      Eigen::LevenbergMarquardt<Eigen::NumericalDiff<Residuals, Eigen::Central>> lm(diff);
      lm.parameters.maxfev = o.max_evaluations;
      lm.parameters.ftol = 1e-14;
      lm.parameters.xtol = 1e-14;
      const auto status = lm.minimize(v);
      fit.evaluations += static_cast<std::int32_t>(lm.nfev);
      fit.converged = fit.converged &&
                      status != Eigen::LevenbergMarquardtSpace::TooManyFunctionEvaluation &&
                      status != Eigen::LevenbergMarquardtSpace::ImproperInputParameters;
      fit.x = r.unpack(v);
    }
    bool again = false;
    for (std::size_t k = 0; k <= K; ++k) {
      double& s = k == 0 ? fit.x.nugget : fit.x.sill[k - 1];
      if (sill_free[k] && s < 0) {
        s = 0;
        sill_free[k] = false;
        fit.zeroed.push_back(k);
        again = true;
      }
    }
    if (!again) break;
  }
  std::sort(fit.zeroed.begin(), fit.zeroed.end());
  fit.sse = objective(p, fit.x);
  return fit;
}

Problem make_problem(const std::vector<const ExperimentalVariogram*>& vs,
                     const std::vector<StructureType>& types, FitWeighting weighting) {
  Problem p;
  p.types = types;
  p.directions = vs.size();
  p.weighting = weighting;
  for (std::size_t d = 0; d < vs.size(); ++d)
    for (const auto& lag : vs[d]->values) {
      if (lag.pairs <= 0) continue;
      if (lag.mean_distance_m == 0 &&
          (weighting == FitWeighting::npairs_over_h2 || weighting == FitWeighting::cressie))
        throw Error("numeric.zero_lag_distance",
                    fmt::format("variogram '{}' has a lag at mean distance 0 m, expected "
                                "distances > 0 for {} weights (use npairs or ols)",
                                vs[d]->label, to_string(weighting)));
      p.points.push_back({lag.mean_distance_m, lag.gamma, static_cast<double>(lag.pairs), d});
      p.g_scale = std::max(p.g_scale, std::fabs(lag.gamma));
    }
  return p;
}

void check_enough(const Problem& p, const FitOptions& o) {
  const std::size_t K = p.types.size();
  const std::size_t free =
      (o.fit_nugget ? 1 : 0) + (o.fit_sills ? K : 0) + (o.fit_ranges ? K * p.directions : 0);
  if (p.points.size() < free)
    throw Error("input.too_few_lags",
                fmt::format("{} lag{} with pairs, expected at least {} (one per free parameter) "
                            "to fit",
                            p.points.size(), p.points.size() == 1 ? "" : "s", free));
}

void check_types(const std::vector<StructureType>& types) {
  if (types.empty() || types.size() > kMaxStructures)
    throw Error("input.bad_option",
                fmt::format("{} structures, expected 1 to {} structure types to fit", types.size(),
                            kMaxStructures));
}

/// Starting points: gstat-like sills (nugget = mean of the first 3 semivariances, total sill
/// = mean of the last 5 less the nugget), ranges from kStartFractions, increasing over the
/// nested structures.
std::vector<Params> starts(const Problem& p, const FitOptions& o) {
  std::vector<Point> byh = p.points;
  std::stable_sort(byh.begin(), byh.end(),
                   [](const Point& a, const Point& b) { return a.h < b.h; });
  auto mean = [](auto first, auto last) {
    double s = 0;
    std::size_t n = 0;
    for (auto it = first; it != last; ++it, ++n) s += it->g;
    return n ? s / static_cast<double>(n) : 0.0;
  };
  const std::size_t m = byh.size();
  const double head =
      mean(byh.begin(), byh.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(3, m)));
  const double tail =
      mean(byh.end() - static_cast<std::ptrdiff_t>(std::min<std::size_t>(5, m)), byh.end());
  const double nugget = o.fit_nugget ? std::max(0.0, std::min(head, tail)) : 0.0;
  double total = std::max(tail - nugget, 0.5 * tail);
  if (!(total > 0)) total = std::max(p.g_scale, 1e-12);
  const double hmax = byh.empty() ? 1.0 : std::max(byh.back().h, 1e-9);

  const std::size_t K = p.types.size(), F = std::size(kStartFractions);
  std::vector<Params> out;
  std::vector<std::size_t> pick(K);
  // Every strictly increasing choice of K fractions, in lexicographic order.
  std::function<void(std::size_t, std::size_t)> choose = [&](std::size_t k, std::size_t from) {
    if (k == K) {
      Params x;
      x.nugget = nugget;
      x.sill.assign(K, total / static_cast<double>(K));
      for (std::size_t s = 0; s < K; ++s)
        for (std::size_t d = 0; d < p.directions; ++d)
          x.range.push_back(kStartFractions[pick[s]] * hmax);
      out.push_back(std::move(x));
      return;
    }
    for (std::size_t f = from; f + (K - k) <= F; ++f) {
      pick[k] = f;
      choose(k + 1, f + 1);
    }
  };
  choose(0, 0);
  return out;
}

Fit best_of(const Problem& p, const std::vector<Params>& xs, const FitOptions& o) {
  Fit best;
  bool have = false;
  for (const auto& x : xs) {
    Fit f = minimise(p, x, o);
    if (!std::isfinite(f.sse)) continue;
    if (!have || f.sse < best.sse) {
      const std::int32_t spent = have ? best.evaluations : 0;
      best = std::move(f);
      best.evaluations += spent;
      have = true;
    } else {
      best.evaluations += f.evaluations;
    }
  }
  if (!have) throw Error("numeric.fit_failed", "no starting point gave a finite fit");
  return best;
}

void require_positive_sill(const VariogramModel& m) {
  if (!(m.total_sill() > 0))
    throw Error("numeric.fit_failed",
                "every sill fitted to 0 (a flat experimental variogram of zeros?), expected a "
                "total sill > 0");
}

FitResult result_of(const Fit& f, VariogramModel model) {
  require_positive_sill(model);
  FitResult r;
  r.model = std::move(model);
  r.weighted_sse = f.sse;
  r.converged = f.converged;
  r.evaluations = f.evaluations;
  r.zeroed = f.zeroed;
  return r;
}

VariogramModel isotropic_model(const Problem& p, const Params& x) {
  VariogramModel m;
  m.nugget = x.nugget;
  for (std::size_t k = 0; k < p.types.size(); ++k) {
    Structure s;
    s.type = p.types[k];
    s.sill = x.sill[k];
    s.ranges_m = {x.range[k], x.range[k], x.range[k]};
    m.structures.push_back(s);
  }
  return m;
}

std::array<double, 3> cross(const std::array<double, 3>& a, const std::array<double, 3>& b) {
  return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}

double dot(const std::array<double, 3>& a, const std::array<double, 3>& b) {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

}  // namespace

const char* to_string(FitWeighting w) {
  switch (w) {
    case FitWeighting::npairs_over_h2:
      return "npairs-h2";
    case FitWeighting::npairs:
      return "npairs";
    case FitWeighting::cressie:
      return "cressie";
    case FitWeighting::ols:
      return "ols";
  }
  return "?";
}

std::optional<FitWeighting> fit_weighting_from_string(std::string_view name) {
  for (const auto w : {FitWeighting::npairs_over_h2, FitWeighting::npairs, FitWeighting::cressie,
                       FitWeighting::ols})
    if (name == to_string(w)) return w;
  return std::nullopt;
}

void validate(const FitOptions& o) {
  if (o.max_evaluations < 1)
    throw Error("input.bad_option",
                fmt::format("max_evaluations is {}, expected at least 1", o.max_evaluations));
}

std::array<double, 3> direction_vector(const Direction& d) {
  const double a = d.azimuth_deg / kDeg, b = d.dip_deg / kDeg;
  return {std::sin(a) * std::cos(b), std::cos(a) * std::cos(b), std::sin(b)};
}

std::array<double, 3> gslib_angles(const std::array<double, 3>& major_axis,
                                   const std::array<double, 3>& semi) {
  std::array<double, 3> m = major_axis;
  // Quote a plunging axis by its downward end, a horizontal one by azimuth in [0, 180).
  const bool horizontal = std::fabs(m[2]) <= 1e-12;
  const double az0 = std::atan2(m[0], m[1]) * kDeg;
  if ((!horizontal && m[2] > 0) || (horizontal && (az0 < 0 || az0 >= 180)))
    m = {-m[0], -m[1], -m[2]};
  double ang1 = (m[0] == 0 && m[1] == 0) ? 0.0 : std::atan2(m[0], m[1]) * kDeg;
  ang1 = std::fmod(ang1 + 360.0, 360.0);
  if (ang1 >= 360.0) ang1 = 0;
  const double ang2 = std::asin(std::clamp(m[2], -1.0, 1.0)) * kDeg;
  // The model's frame (model.hpp, gstat_matrix): alpha = 90 - ang1, beta = -ang2; the semi axis
  // is cos(ang3) e1 + sin(ang3) e2.
  const double alpha = (90.0 - ang1) / kDeg, beta = -ang2 / kDeg;
  const double sa = std::sin(alpha), ca = std::cos(alpha), sb = std::sin(beta), cb = std::cos(beta);
  const std::array<double, 3> e1 = {-sa, ca, 0.0};
  const std::array<double, 3> e2 = {sb * ca, sb * sa, cb};
  double ang3 = std::atan2(dot(semi, e2), dot(semi, e1)) * kDeg;
  if (ang3 > 90) ang3 -= 180;
  if (ang3 < -90) ang3 += 180;
  return {ang1, ang2, ang3};
}

FitResult fit_variogram(const ExperimentalVariogram& experimental, const VariogramModel& initial,
                        const FitOptions& options) {
  validate(options);
  validate(initial);
  std::vector<StructureType> types;
  Params x;
  x.nugget = initial.nugget;
  for (const auto& s : initial.structures) {
    types.push_back(s.type);
    x.sill.push_back(s.sill);
    x.range.push_back(s.ranges_m[0]);
  }
  check_types(types);
  const Problem p = make_problem({&experimental}, types, options.weighting);
  check_enough(p, options);
  const Fit f = minimise(p, x, options);
  return result_of(f, isotropic_model(p, f.x));
}

FitResult fit_variogram(const ExperimentalVariogram& experimental,
                        const std::vector<StructureType>& types, const FitOptions& options) {
  validate(options);
  check_types(types);
  if (!options.fit_ranges)
    throw Error("input.bad_option",
                "fixed ranges without an initial model, expected an initial model to hold them");
  const Problem p = make_problem({&experimental}, types, options.weighting);
  check_enough(p, options);
  const Fit f = best_of(p, starts(p, options), options);
  return result_of(f, isotropic_model(p, f.x));
}

FitResult fit_anisotropic(const std::vector<ExperimentalVariogram>& directional,
                          const std::vector<StructureType>& types, const FitOptions& options) {
  validate(options);
  check_types(types);
  if (directional.size() < 2 || directional.size() > 3)
    throw Error("input.bad_option",
                fmt::format("{} directional variograms, expected 2 or 3 perpendicular "
                            "directions for an anisotropic fit",
                            directional.size()));
  if (!options.fit_ranges)
    throw Error("input.bad_option",
                "fixed ranges without an initial model, expected an initial model to hold them");
  std::vector<std::array<double, 3>> axes;
  std::vector<const ExperimentalVariogram*> vs;
  for (const auto& v : directional) {
    if (v.downhole || v.direction.omnidirectional())
      throw Error("input.bad_option",
                  fmt::format("variogram '{}' has no direction, expected directional variograms "
                              "for an anisotropic fit",
                              v.label));
    axes.push_back(direction_vector(v.direction));
    vs.push_back(&v);
  }
  for (std::size_t a = 0; a < axes.size(); ++a)
    for (std::size_t b = a + 1; b < axes.size(); ++b)
      if (std::fabs(dot(axes[a], axes[b])) > 1e-6)
        throw Error("input.bad_option",
                    fmt::format("directions '{}' and '{}' are {:.3f} degrees apart, expected "
                                "perpendicular directions for an anisotropic fit",
                                directional[a].label, directional[b].label,
                                std::acos(std::clamp(dot(axes[a], axes[b]), -1.0, 1.0)) * kDeg));
  const Problem p = make_problem(vs, types, options.weighting);
  check_enough(p, options);
  const Fit f = best_of(p, starts(p, options), options);

  VariogramModel m;
  m.nugget = f.x.nugget;
  const std::size_t D = directional.size();
  for (std::size_t k = 0; k < types.size(); ++k) {
    std::vector<std::pair<double, std::array<double, 3>>> ax;
    for (std::size_t d = 0; d < D; ++d) ax.emplace_back(f.x.range[k * D + d], axes[d]);
    std::stable_sort(ax.begin(), ax.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    if (D == 2) ax.emplace_back(ax[0].first, cross(ax[0].second, ax[1].second));
    Structure s;
    s.type = types[k];
    s.sill = f.x.sill[k];
    s.ranges_m = {ax[0].first, ax[1].first, ax[2].first};
    s.angles_deg = gslib_angles(ax[0].second, ax[1].second);
    m.structures.push_back(s);
  }
  return result_of(f, std::move(m));
}

}  // namespace lodeline::variogram
