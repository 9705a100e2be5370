// SPDX-License-Identifier: Apache-2.0
// Monte Carlo over vertex positions with incremental recomputation of the columns near the line.
//
// Why only tiles swept by the line can change: draw d moves every vertex from p_v to p_v'.
// The lines L_t with vertices (1 - t) p_v + t p_v', t in [0, 1], lead from the given line to
// the drawn one, and a point changes side only if some L_t passes over it. Every point of
// segment s of L_t lies in the convex hull of p_s, p_s+1, p_s', p_s+1'; splitting the segment
// into parts of parameter length 1/m, each part's sweep lies in the hull of its four corner
// positions, hence in their bounding box. So the tiles meeting those boxes (parts no longer
// than half a tile) hold every column whose fraction can differ from the unperturbed split,
// and every other column keeps its unperturbed fraction exactly.
#include "lodeline/border/monte_carlo.hpp"

#include <fmt/format.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>

#include "lodeline/border/claims.hpp"
#include "lodeline/border/option_table.hpp"
#include "lodeline/core/memory.hpp"
#include "lodeline/core/random.hpp"
#include "lodeline/geo/geos_ops.hpp"

namespace lodeline::border {
namespace {

std::uint64_t hash64(std::uint64_t x) { return SplitMix64(x).next(); }

// Side-A amounts for lines with the same vertex count as the given one, recomputing only the
// tiles the sweep can reach.
class IncrementalSplit {
 public:
  IncrementalSplit(const MeasureSet& ms, const Polyline& line, std::int64_t tile)
      : ms_(ms), g_(*ms.grid), line_(line), tile_(tile) {
    const SplitResult base = split_columns(g_, line);
    base_fraction_ = base.fraction_left;
    base_amounts_ = side_a_amounts(ms, base_fraction_, base.territory_left);
    for (const auto& p : line) local_.push_back(g_.to_local(p));
    tiles_x_ = (g_.nx() + tile_ - 1) / tile_;
    tiles_y_ = (g_.ny() + tile_ - 1) / tile_;
    w_ = static_cast<double>(g_.nx()) * g_.block_size_m[0];
    h_ = static_cast<double>(g_.ny()) * g_.block_size_m[1];
  }

  [[nodiscard]] const std::vector<double>& baseline() const { return base_amounts_; }

  std::vector<double> amounts(const Polyline& moved, std::int64_t& columns_recomputed) const {
    const SideBoundary boundary = side_a_boundary(g_, moved);
    std::vector<char> mark(static_cast<std::size_t>(tiles_x_ * tiles_y_), 0);
    mark_swept_tiles(moved, mark);
    const std::size_t nm = ms_.columns.size();
    std::vector<double> delta(nm, 0.0), frac;
    const auto nx = static_cast<std::size_t>(g_.nx());
    columns_recomputed = 0;
    for (std::int64_t ty = 0; ty < tiles_y_; ++ty)
      for (std::int64_t tx = 0; tx < tiles_x_; ++tx) {
        if (!mark[static_cast<std::size_t>(tx + tiles_x_ * ty)]) continue;
        ColumnWindow win{tx * tile_, ty * tile_, 0, 0};
        win.ni = std::min(tile_, g_.nx() - win.i0);
        win.nj = std::min(tile_, g_.ny() - win.j0);
        window_fractions(g_, boundary, win, frac);
        columns_recomputed += win.ni * win.nj;
        for (std::int64_t jj = 0; jj < win.nj; ++jj)
          for (std::int64_t ii = 0; ii < win.ni; ++ii) {
            const auto col =
                static_cast<std::size_t>(win.i0 + ii) + nx * static_cast<std::size_t>(win.j0 + jj);
            const double df =
                frac[static_cast<std::size_t>(ii + win.ni * jj)] - base_fraction_[col];
            if (df == 0) continue;
            for (std::size_t m = 0; m < nm; ++m) delta[m] += df * ms_.columns[m].column_total[col];
          }
      }
    std::vector<double> out(ms_.size());
    for (std::size_t m = 0; m < nm; ++m) out[m] = base_amounts_[m] + delta[m];
    if (ms_.has_licence())
      out[nm] = boundary.territory_left.empty()
                    ? 0.0
                    : geo::intersection_area_m2(ms_.licence, boundary.territory_left);
    return out;
  }

 private:
  void mark_swept_tiles(const Polyline& moved, std::vector<char>& mark) const {
    const double dx = g_.block_size_m[0], dy = g_.block_size_m[1];
    const double part = 0.5 * static_cast<double>(tile_) * std::min(dx, dy);
    const double eps = 1e-9 * (w_ + h_);
    auto lerp = [](Point2 a, Point2 b, double u) {
      return Point2{a.x + (b.x - a.x) * u, a.y + (b.y - a.y) * u};
    };
    Point2 prev = g_.to_local(moved.front());
    for (std::size_t s = 0; s + 1 < local_.size(); ++s) {
      const Point2 a0 = local_[s], a1 = local_[s + 1], b0 = prev, b1 = g_.to_local(moved[s + 1]);
      prev = b1;
      const double len =
          std::max(std::hypot(a1.x - a0.x, a1.y - a0.y), std::hypot(b1.x - b0.x, b1.y - b0.y));
      const auto parts = static_cast<std::int64_t>(std::max(1.0, std::ceil(len / part)));
      for (std::int64_t k = 0; k < parts; ++k) {
        const double u0 = static_cast<double>(k) / static_cast<double>(parts);
        const double u1 = static_cast<double>(k + 1) / static_cast<double>(parts);
        const Point2 q[4] = {lerp(a0, a1, u0), lerp(a0, a1, u1), lerp(b0, b1, u0),
                             lerp(b0, b1, u1)};
        double xmin = q[0].x, xmax = q[0].x, ymin = q[0].y, ymax = q[0].y;
        for (const auto& p : q) {
          xmin = std::min(xmin, p.x);
          xmax = std::max(xmax, p.x);
          ymin = std::min(ymin, p.y);
          ymax = std::max(ymax, p.y);
        }
        xmin -= eps;
        ymin -= eps;
        xmax += eps;
        ymax += eps;
        if (xmax < 0 || ymax < 0 || xmin > w_ || ymin > h_) continue;
        auto cell = [](double v, double size, std::int64_t n) {
          return std::clamp(static_cast<std::int64_t>(std::floor(v / size)), std::int64_t{0},
                            n - 1);
        };
        const std::int64_t t0x = cell(xmin, dx, g_.nx()) / tile_,
                           t1x = cell(xmax, dx, g_.nx()) / tile_;
        const std::int64_t t0y = cell(ymin, dy, g_.ny()) / tile_,
                           t1y = cell(ymax, dy, g_.ny()) / tile_;
        for (std::int64_t ty = t0y; ty <= t1y; ++ty)
          for (std::int64_t tx = t0x; tx <= t1x; ++tx)
            mark[static_cast<std::size_t>(tx + tiles_x_ * ty)] = 1;
      }
    }
  }

  const MeasureSet& ms_;
  const BlockGrid& g_;
  Polyline line_;
  std::int64_t tile_;
  std::vector<double> base_fraction_, base_amounts_;
  std::vector<Point2> local_;
  std::int64_t tiles_x_ = 0, tiles_y_ = 0;
  double w_ = 0, h_ = 0;
};

// Lower Cholesky factor of a positive semi-definite 2x2 covariance.
struct Chol {
  double l11 = 0, l21 = 0, l22 = 0;
};
Chol cholesky(const VertexCovariance& c) {
  Chol l;
  l.l11 = std::sqrt(c.var_e_m2);
  l.l21 = l.l11 > 0 ? c.cov_en_m2 / l.l11 : 0.0;
  l.l22 = std::sqrt(std::max(0.0, c.var_n_m2 - l.l21 * l.l21));
  return l;
}

}  // namespace

void MonteCarloOptions::validate() const {
  // draws, seed and tile_columns: the ranges and messages of the [monte_carlo] table.
  if (auto message = options::out_of_range(monte_carlo_table(), *this))
    throw Error("input.bad_option", *message);
  if (!(shift_step_m >= 0) || !std::isfinite(shift_step_m))
    throw Error("input.bad_option",
                fmt::format("'shift_step_m' is {}, expected a distance >= 0 m (0 = automatic)",
                            shift_step_m));
}

Summary summarise(const std::vector<double>& v) {
  if (v.empty()) throw Error("internal.empty_sample", "no values to summarise");
  Summary s;
  double sum = 0;
  for (double x : v) sum += x;
  const auto n = static_cast<double>(v.size());
  s.mean = sum / n;
  double ss = 0;
  for (double x : v) ss += (x - s.mean) * (x - s.mean);
  s.sd = v.size() > 1 ? std::sqrt(ss / (n - 1)) : 0.0;
  std::vector<double> sorted = v;
  std::sort(sorted.begin(), sorted.end());
  auto quantile = [&](double p) {
    const double h = (n - 1) * p;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    if (lo + 1 >= sorted.size()) return sorted.back();
    return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[lo + 1] - sorted[lo]);
  };
  s.p2_5 = quantile(0.025);
  s.p50 = quantile(0.5);
  s.p97_5 = quantile(0.975);
  return s;
}

void validate_covariance(const std::vector<VertexCovariance>& cov, std::size_t points,
                         const InputLocation& where) {
  if (cov.size() != points)
    throw Error("input.bad_covariance",
                fmt::format("{} position errors given for a line of {} vertices, expected one per "
                            "vertex",
                            cov.size(), points),
                where);
  for (std::size_t v = 0; v < cov.size(); ++v) {
    const auto& c = cov[v];
    const bool finite =
        std::isfinite(c.var_e_m2) && std::isfinite(c.var_n_m2) && std::isfinite(c.cov_en_m2);
    constexpr double max_var_m2 = kMaxPositionSdM * kMaxPositionSdM;
    if (!finite || c.var_e_m2 < 0 || c.var_n_m2 < 0 || c.var_e_m2 > max_var_m2 ||
        c.var_n_m2 > max_var_m2 ||
        c.cov_en_m2 * c.cov_en_m2 > c.var_e_m2 * c.var_n_m2 * (1 + 1e-12))
      throw Error("input.bad_covariance",
                  fmt::format("vertex {} has covariance var_e {} m², cov_en {} m², var_n {} m², "
                              "expected variances from 0 to {:g} m² and cov_en² <= var_e var_n",
                              v, c.var_e_m2, c.cov_en_m2, c.var_n_m2, max_var_m2),
                  where);
  }
}

std::vector<Point2> perturbed_points(const std::vector<Point2>& points,
                                     const std::vector<VertexCovariance>& cov, std::uint64_t seed,
                                     std::int64_t draw) {
  SplitMix64 rng(hash64(hash64(seed) + static_cast<std::uint64_t>(draw)));
  std::vector<Point2> out = points;
  for (std::size_t v = 0; v < out.size(); ++v) {
    const double z1 = rng.normal(), z2 = rng.normal();
    const Chol l = cholesky(cov[v]);
    out[v].x += l.l11 * z1;
    out[v].y += l.l21 * z1 + l.l22 * z2;
  }
  return out;
}

namespace {

/// Per draw: the side-A amounts [draw][measure], columns recomputed, largest vertex move.
struct Draws {
  std::vector<std::vector<double>> by_draw;
  std::vector<std::int64_t> recomputed;
  std::vector<double> moved_max_m;
  explicit Draws(std::size_t ndraw)
      : by_draw(ndraw), recomputed(ndraw, 0), moved_max_m(ndraw, 0.0) {}
};

/// Draw d: perturb the points, check the drawn line, record its side-A amounts.
void run_draw(const UncertainLine& ul, const Polyline& line, const IncrementalSplit& inc,
              std::uint64_t seed, std::size_t d, Draws& draws) {
  const auto pts = perturbed_points(ul.points, ul.covariance, seed, static_cast<std::int64_t>(d));
  for (std::size_t v = 0; v < pts.size(); ++v)
    draws.moved_max_m[d] = std::max(
        draws.moved_max_m[d], std::hypot(pts[v].x - ul.points[v].x, pts[v].y - ul.points[v].y));
  const Polyline drawn = ul.line_through(pts);
  if (drawn.size() != line.size())
    throw Error("internal.monte_carlo", "the drawn line has another vertex count");
  if (auto hit = geo::find_self_intersection(drawn))
    throw Error("geometry.self_intersecting",
                fmt::format("the drawn line crosses itself at ({:.3f}, {:.3f}) between "
                            "segments {} and {}",
                            hit->at.x, hit->at.y, hit->segment_a, hit->segment_b));
  draws.by_draw[d] = inc.amounts(drawn, draws.recomputed[d]);
}

/// Every draw in parallel; the first failed draw (in draw order) is thrown.
Draws run_draws(const UncertainLine& ul, const Polyline& line, const IncrementalSplit& inc,
                const MonteCarloOptions& options) {
  const auto ndraw = static_cast<std::size_t>(options.draws);
  Draws draws(ndraw);
  std::vector<std::unique_ptr<Error>> failed(ndraw);
  tbb::parallel_for(std::size_t{0}, ndraw, [&](std::size_t d) {
    try {
      run_draw(ul, line, inc, options.seed, d, draws);
    } catch (const Error& e) {
      failed[d] = std::make_unique<Error>(e);
    }
  });
  for (std::size_t d = 0; d < ndraw; ++d)
    if (failed[d])
      throw Error(failed[d]->code(),
                  fmt::format("Monte Carlo draw {} (seed {}): {}; expected position errors small "
                              "against the line's shape and its distance to the model edge",
                              d, options.seed, failed[d]->message()),
                  ul.where);
  return draws;
}

/// Vertices (perturbed), largest displacement and mean columns recomputed.
void record_draw_counts(const UncertainLine& ul, const Draws& draws, MonteCarloResult& r) {
  r.vertices = static_cast<std::int64_t>(ul.points.size());
  for (const auto& c : ul.covariance)
    if (c.var_e_m2 > 0 || c.var_n_m2 > 0) ++r.vertices_perturbed;
  double rec = 0;
  for (std::size_t d = 0; d < draws.by_draw.size(); ++d) {
    r.max_displacement_m = std::max(r.max_displacement_m, draws.moved_max_m[d]);
    rec += static_cast<double>(draws.recomputed[d]);
  }
  r.mean_columns_recomputed = rec / static_cast<double>(draws.by_draw.size());
}

/// Side-A amount per metre of parallel offset, per measure: central difference (one-sided
/// where the line cannot move both ways, e.g. an end on the model edge); NaN where it cannot
/// move at all.
std::vector<double> per_metre_shift(const BlockGrid& g, const Polyline& line,
                                    const IncrementalSplit& inc, std::size_t nmeas, double step_m) {
  const OffsetRange range = valid_offset_range(g, line, 2 * step_m);
  std::vector<double> slope(nmeas, NAN);
  const bool up = range.hi_m >= step_m, down = range.lo_m <= -step_m;
  if (up || down) {
    std::int64_t unused = 0;
    const auto a_up = up ? inc.amounts(offset_line(line, step_m), unused) : inc.baseline();
    const auto a_down = down ? inc.amounts(offset_line(line, -step_m), unused) : inc.baseline();
    const double span = (up ? step_m : 0) + (down ? step_m : 0);
    for (std::size_t m = 0; m < nmeas; ++m) slope[m] = (a_up[m] - a_down[m]) / span;
  }
  return slope;
}

/// Measure m's sides over the draws; its side-A amounts per draw into side_a.
MonteCarloMeasure summarise_measure(const MeasureSet& ms, std::size_t m, double total,
                                    const Draws& draws, std::vector<double>& side_a) {
  const std::size_t ndraw = draws.by_draw.size();
  MonteCarloMeasure mm;
  mm.measure = ms.name(m);
  mm.unit = ms.unit(m);
  mm.cutoff_gpt = ms.cutoff_gpt(m);
  mm.total = total;
  std::vector<double> a(ndraw), b(ndraw), sa(ndraw), sb(ndraw);
  for (std::size_t d = 0; d < ndraw; ++d) {
    a[d] = draws.by_draw[d][m];
    b[d] = mm.total - a[d];
    sa[d] = mm.total > 0 ? 100 * a[d] / mm.total : NAN;
    sb[d] = mm.total > 0 ? 100 * b[d] / mm.total : NAN;
  }
  mm.amount = {summarise(a), summarise(b)};
  mm.share_pct = {summarise(sa), summarise(sb)};
  side_a = std::move(a);
  return mm;
}

}  // namespace

MonteCarloResult run_monte_carlo(const MeasureSet& ms, const UncertainLine& ul,
                                 const MonteCarloOptions& options) {
  options.validate();
  validate_covariance(ul.covariance, ul.points.size(), ul.where);
  const BlockGrid& g = *ms.grid;
  // Per draw: each measure's amount, its summary copies and the draw's displacement.
  require_memory(static_cast<double>(options.draws) * (40.0 * static_cast<double>(ms.size()) + 16),
                 fmt::format("{} Monte Carlo draws of {} measure{}", options.draws, ms.size(),
                             ms.size() == 1 ? "" : "s"),
                 "ask for fewer draws");
  const Polyline line = ul.line_through(ul.points);
  const IncrementalSplit inc(ms, line, options.tile_columns);
  const std::vector<double> totals = ms.totals();
  const std::size_t nmeas = ms.size();
  const Draws draws = run_draws(ul, line, inc, options);

  MonteCarloResult r;
  r.draws = options.draws;
  r.seed = options.seed;
  record_draw_counts(ul, draws, r);
  r.shift_step_m = options.shift_step_m > 0 ? options.shift_step_m
                                            : 1e-3 * std::min(g.block_size_m[0], g.block_size_m[1]);
  const std::vector<double> slope = per_metre_shift(g, line, inc, nmeas, r.shift_step_m);
  if (options.keep_draws) r.side_a_draws.assign(nmeas, std::vector<double>(draws.by_draw.size()));
  for (std::size_t m = 0; m < nmeas; ++m) {
    std::vector<double> side_a;
    MonteCarloMeasure mm = summarise_measure(ms, m, totals[m], draws, side_a);
    mm.baseline_a = inc.baseline()[m];
    mm.per_metre_shift = slope[m];
    if (options.keep_draws) r.side_a_draws[m] = std::move(side_a);
    r.measures.push_back(std::move(mm));
  }
  return r;
}

}  // namespace lodeline::border
