// SPDX-License-Identifier: Apache-2.0
// Parallel offsets of a line, their valid range, Brent's method and the offset of a claimed share.
#include "lodeline/border/claims.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "lodeline/border/split.hpp"
#include "lodeline/core/error.hpp"
#include "lodeline/core/parallel.hpp"

namespace lodeline::border {
namespace {

double cross(Point2 a, Point2 b) { return a.x * b.y - a.y * b.x; }
double dot(Point2 a, Point2 b) { return a.x * b.x + a.y * b.y; }
Point2 sub(Point2 a, Point2 b) { return {a.x - b.x, a.y - b.y}; }

struct Interval {
  double lo, hi;
};

// {d : e + d n lies in the OPEN rectangle (0, w) x (0, h)}, or an empty interval.
Interval open_rect_interval(Point2 e, Point2 n, double w, double h) {
  Interval out{-INFINITY, INFINITY};
  const double pos[2] = {e.x, e.y}, dir[2] = {n.x, n.y}, size[2] = {w, h};
  for (int a = 0; a < 2; ++a) {
    if (dir[a] == 0) {
      if (!(pos[a] > 0 && pos[a] < size[a])) return {1, -1};
      continue;
    }
    double t1 = (0 - pos[a]) / dir[a], t2 = (size[a] - pos[a]) / dir[a];
    if (t1 > t2) std::swap(t1, t2);
    out.lo = std::max(out.lo, t1);
    out.hi = std::min(out.hi, t2);
  }
  return out;
}

// {d : segment [a, b] + d n meets the closed rectangle [0, w] x [0, h]}: the line {d n}
// through conv({corner - a, corner - b}) (the Minkowski difference of rectangle and segment).
bool segment_meet_interval(Point2 a, Point2 b, Point2 n, double w, double h, Interval& out) {
  Point2 q[8];
  const Point2 corners[4] = {{0, 0}, {w, 0}, {w, h}, {0, h}};
  for (int c = 0; c < 4; ++c) {
    q[c] = sub(corners[c], a);
    q[4 + c] = sub(corners[c], b);
  }
  bool any = false;
  out = {INFINITY, -INFINITY};
  auto take = [&](double d) {
    out.lo = std::min(out.lo, d);
    out.hi = std::max(out.hi, d);
    any = true;
  };
  for (int i = 0; i < 8; ++i) {
    const double si = cross(n, q[i]), pi = dot(n, q[i]);
    if (si == 0) take(pi);
    for (int j = i + 1; j < 8; ++j) {
      const double sj = cross(n, q[j]);
      if ((si < 0 && sj > 0) || (si > 0 && sj < 0)) {
        const double t = si / (si - sj);
        take(pi + t * (dot(n, q[j]) - pi));
      }
    }
  }
  return any;
}

double share_a_pct(double amount, double total) { return total > 0 ? 100 * amount / total : NAN; }

}  // namespace

Point2 offset_direction(const Polyline& line) {
  if (line.size() < 2)
    throw Error("geometry.too_few_vertices",
                fmt::format("line has {} vertices, expected at least 2", line.size()));
  const Point2 d = sub(line.back(), line.front());
  const double len = std::hypot(d.x, d.y);
  if (!(len > 0))
    throw Error("geometry.degenerate_line",
                "the line's first and last vertex coincide, so it has no overall direction to "
                "offset across; expected a line that starts and ends at different points");
  return {d.y / len, -d.x / len};  // right-hand normal: towards side B
}

Polyline offset_line(const Polyline& line, double offset_m) {
  const Point2 n = offset_direction(line);
  Polyline out = line;
  for (auto& p : out) {
    p.x += offset_m * n.x;
    p.y += offset_m * n.y;
  }
  return out;
}

OffsetRange valid_offset_range(const BlockGrid& grid, const Polyline& line, double max_offset_m) {
  const Point2 nw = offset_direction(line);
  const Point2 p0 = grid.to_local(line.front());
  const Point2 n = sub(grid.to_local({line.front().x + nw.x, line.front().y + nw.y}), p0);
  const double w = static_cast<double>(grid.nx()) * grid.block_size_m[0];
  const double h = static_cast<double>(grid.ny()) * grid.block_size_m[1];
  std::vector<Point2> local;
  local.reserve(line.size());
  for (const auto& p : line) local.push_back(grid.to_local(p));

  double lo = -max_offset_m, hi = max_offset_m;
  // The ends must stay outside the open extent.
  for (const Point2 e : {local.front(), local.back()}) {
    const Interval in = open_rect_interval(e, n, w, h);
    if (!(in.lo < in.hi)) continue;
    if (in.hi <= 0)
      lo = std::max(lo, in.hi);
    else if (in.lo >= 0)
      hi = std::min(hi, in.lo);
    else
      return {0, 0};  // an end inside the extent: no valid offset (split refuses the line)
  }
  // The line must meet the extent: the union of the segments' intervals, component of 0.
  std::vector<Interval> parts;
  for (std::size_t s = 0; s + 1 < local.size(); ++s) {
    Interval iv;
    if (segment_meet_interval(local[s], local[s + 1], n, w, h, iv)) parts.push_back(iv);
  }
  std::sort(parts.begin(), parts.end(), [](const Interval& a, const Interval& b) {
    return a.lo < b.lo || (a.lo == b.lo && a.hi < b.hi);
  });
  bool found = false;
  Interval comp{0, 0}, cur{0, 0};
  for (std::size_t k = 0; k < parts.size(); ++k) {
    if (k == 0 || parts[k].lo > cur.hi) {
      if (k > 0 && cur.lo <= 0 && cur.hi >= 0) {
        comp = cur;
        found = true;
      }
      cur = parts[k];
    } else {
      cur.hi = std::max(cur.hi, parts[k].hi);
    }
  }
  if (!parts.empty() && cur.lo <= 0 && cur.hi >= 0) {
    comp = cur;
    found = true;
  }
  if (!found) return {0, 0};
  lo = std::max(lo, comp.lo);
  hi = std::min(hi, comp.hi);
  constexpr double kShrink = 1 - 1e-7;
  return {std::min(0.0, lo * kShrink), std::max(0.0, hi * kShrink)};
}

void OffsetSearchOptions::validate() const {
  if (!(max_offset_m >= 0) || !std::isfinite(max_offset_m))
    throw Error("input.bad_option",
                fmt::format("'max_offset_m' is {}, expected a distance >= 0 m (0 = the model "
                            "extent's diagonal)",
                            max_offset_m));
  if (scan_steps < 1 || scan_steps > 100000)
    throw Error("input.bad_option",
                fmt::format("'scan_steps' is {}, expected 1 to 100000", scan_steps));
  if (!(tolerance_m > 0) || !std::isfinite(tolerance_m))
    throw Error("input.bad_option",
                fmt::format("'tolerance_m' is {}, expected a distance > 0 m", tolerance_m));
  if (max_iterations < 1)
    throw Error("input.bad_option",
                fmt::format("'max_iterations' is {}, expected at least 1", max_iterations));
}

double brent_root(const std::function<double(double)>& f, double a, double b, double fa, double fb,
                  double tolerance, std::int64_t max_iterations, std::int64_t* evaluations) {
  if (fa == 0) return a;
  if (fb == 0) return b;
  if ((fa > 0) == (fb > 0))
    throw Error("internal.root_bracket",
                fmt::format("f({}) = {} and f({}) = {} have the same sign", a, fa, b, fb));
  constexpr double kEps = std::numeric_limits<double>::epsilon();
  // b: best estimate; c: the other end of the bracket; a: the previous b.
  double c = a, fc = fa, step = b - a, prev_step = step;
  for (std::int64_t it = 0; it < max_iterations; ++it) {
    if ((fb > 0) == (fc > 0)) {  // keep the root between b and c
      c = a;
      fc = fa;
      step = prev_step = b - a;
    }
    if (std::abs(fc) < std::abs(fb)) {  // b is the end with the smaller |f|
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const double tol = 2 * kEps * std::abs(b) + 0.5 * tolerance;
    const double half = 0.5 * (c - b);
    if (std::abs(half) <= tol || fb == 0) return b;
    if (std::abs(prev_step) >= tol && std::abs(fa) > std::abs(fb)) {
      // Interpolate: secant when only two points are distinct, else inverse quadratic.
      const double s = fb / fa;
      double p, q;
      if (a == c) {
        p = 2 * half * s;
        q = 1 - s;
      } else {
        const double qa = fa / fc, r = fb / fc;
        p = s * (2 * half * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (p > 0)
        q = -q;
      else
        p = -p;
      // Accept the interpolation only if it falls well inside the bracket and shrinks the
      // step faster than bisection would.
      if (2 * p < std::min(3 * half * q - std::abs(tol * q), std::abs(prev_step * q))) {
        prev_step = step;
        step = p / q;
      } else {
        step = prev_step = half;
      }
    } else {
      step = prev_step = half;
    }
    a = b;
    fa = fb;
    b += std::abs(step) > tol ? step : (half > 0 ? tol : -tol);
    fb = f(b);
    if (evaluations) ++*evaluations;
  }
  throw Error("numeric.no_convergence",
              fmt::format("root finding did not converge in {} evaluations (bracket [{}, {}])",
                          max_iterations, std::min(b, c), std::max(b, c)));
}

namespace {

/// Side A's amounts of every measure at offsets scanned over the valid range.
struct OffsetScan {
  const MeasureSet& ms;
  const Polyline& line;
  OffsetRange range;
  std::vector<double> totals;
  std::int64_t steps = 0;
  // Scan points: index 0 is the line as given, 1..n towards side B, n+1..2n towards side A.
  std::vector<double> at_m{};
  std::vector<std::vector<double>> amounts{};

  [[nodiscard]] std::vector<double> amounts_at(double d) const {
    try {
      const auto sr = split_columns(*ms.grid, d == 0 ? line : offset_line(line, d));
      return side_a_amounts(ms, sr.fraction_left, sr.territory_left);
    } catch (const Error& e) {
      throw Error(e.code(), fmt::format("line offset by {} m: {}", d, e.message()), e.location());
    }
  }
};

OffsetScan scan_offsets(const MeasureSet& ms, const Polyline& line,
                        const OffsetSearchOptions& options) {
  const BlockGrid& g = *ms.grid;
  const double w = static_cast<double>(g.nx()) * g.block_size_m[0];
  const double h = static_cast<double>(g.ny()) * g.block_size_m[1];
  const double max_offset = options.max_offset_m > 0 ? options.max_offset_m : std::hypot(w, h);
  OffsetScan scan{ms, line, valid_offset_range(g, line, max_offset), ms.totals()};
  const auto n = options.scan_steps;
  scan.steps = n;
  scan.at_m.assign(static_cast<std::size_t>(2 * n + 1), 0.0);
  for (std::int64_t k = 1; k <= n; ++k) {
    const double f = static_cast<double>(k) / static_cast<double>(n);
    scan.at_m[static_cast<std::size_t>(k)] = k == n ? scan.range.hi_m : scan.range.hi_m * f;
    scan.at_m[static_cast<std::size_t>(n + k)] = k == n ? scan.range.lo_m : scan.range.lo_m * f;
  }
  scan.amounts.resize(scan.at_m.size());
  parallel_for_index(scan.at_m.size(), [&](std::size_t k) {
    // A side of zero width is not scanned (its points repeat the line as given).
    if (k == 0 || scan.at_m[k] != 0) scan.amounts[k] = scan.amounts_at(scan.at_m[k]);
  });
  return scan;
}

/// Per direction, the first sign change of `gap` along the scan, refined by Brent's method.
template <class Gap>
std::vector<double> scanned_roots(const OffsetScan& scan, const Gap& gap, double g0,
                                  const OffsetSearchOptions& options, OffsetSolution& sol) {
  const std::int64_t n = scan.steps;
  std::vector<double> roots;
  for (int dir = 0; dir < 2; ++dir) {
    double prev_d = 0, prev_g = g0;
    for (std::int64_t k = 1; k <= n; ++k) {
      const auto idx = static_cast<std::size_t>(dir == 0 ? k : n + k);
      if (scan.at_m[idx] == 0) break;
      const double gk = gap(scan.amounts[idx]);
      if ((prev_g > 0) != (gk > 0) || gk == 0) {
        auto f = [&](double d) { return gap(scan.amounts_at(d)); };
        roots.push_back(brent_root(f, prev_d, scan.at_m[idx], prev_g, gk, options.tolerance_m,
                                   options.max_iterations, &sol.evaluations));
        break;
      }
      prev_d = scan.at_m[idx];
      prev_g = gk;
    }
  }
  return roots;
}

/// The offset of smallest magnitude at which side `t.side` holds the claimed share.
void solve_target(const OffsetScan& scan, const ShareTarget& t, const OffsetSearchOptions& options,
                  OffsetSolution& sol) {
  sol.range = scan.range;
  const double total = scan.totals[t.measure];
  const double target_a = t.side == 0 ? t.share_pct : 100 - t.share_pct;
  auto claimed = [&](double share_a) { return t.side == 0 ? share_a : 100 - share_a; };
  auto gap = [&](const std::vector<double>& amounts) {
    return share_a_pct(amounts[t.measure], total) - target_a;
  };
  const double g0 = gap(scan.amounts[0]);
  sol.share_pct_at_zero = claimed(share_a_pct(scan.amounts[0][t.measure], total));
  if (std::isnan(g0)) return;
  if (g0 == 0) {
    sol.reachable = true;
    sol.offset_m = 0;
    sol.share_pct_at_offset = sol.share_pct_at_zero;
    return;
  }
  const std::vector<double> roots = scanned_roots(scan, gap, g0, options, sol);
  if (roots.empty()) return;
  double best = roots.front();
  for (double r : roots)
    if (std::abs(r) < std::abs(best)) best = r;
  sol.reachable = true;
  sol.offset_m = best;
  sol.share_pct_at_offset = claimed(share_a_pct(scan.amounts_at(best)[t.measure], total));
  ++sol.evaluations;
}

}  // namespace

std::vector<OffsetSolution> solve_offsets(const MeasureSet& ms, const Polyline& line,
                                          const std::vector<ShareTarget>& targets,
                                          const OffsetSearchOptions& options) {
  options.validate();
  for (const auto& t : targets)
    if (t.measure >= ms.size() || (t.side != 0 && t.side != 1))
      throw Error("internal.claims", "share target names no measure or side");
  const OffsetScan scan = scan_offsets(ms, line, options);
  std::vector<OffsetSolution> out(targets.size());
  parallel_for_index(targets.size(),
                     [&](std::size_t ti) { solve_target(scan, targets[ti], options, out[ti]); });
  return out;
}

}  // namespace lodeline::border
