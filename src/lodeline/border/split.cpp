// SPDX-License-Identifier: Apache-2.0
// Exact column fractions by boundary integration (Green's theorem over clamped cell bands).
//
// Method: for a region P with boundary oriented counter-clockwise and a cell
// [x_i, x_i+dx] x [y_j, y_j+dy], area(P ∩ cell) = -∮_{∂P} 1[x in column i] h_j(y) dx with
// h_j(y) = clamp(y - y_j, 0, dy) (Green's theorem, L = -1[x]h_j(y), M = 0). Splitting each
// boundary edge at column and row lines makes h_j linear on every piece, so each piece adds
// -Δx (ȳ - y_j) to its own cell and -Δx dy to every cell below it in the same column; the
// latter is accumulated once per row with a running sum.
#include "lodeline/border/split.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "lodeline/core/memory.hpp"

namespace lodeline::border {
namespace {

// Accumulates the boundary integral over a grid of nx x ny cells of size dx x dy whose
// lower-left corner is the local origin.
class CoverageAccumulator {
 public:
  // The window [i0, i0 + nx) x [j0, j0 + ny) of the grid's columns; coordinates stay those of
  // the whole grid, so a window computes its cells with the same arithmetic as the full grid.
  CoverageAccumulator(std::int64_t i0, std::int64_t j0, std::int64_t nx, std::int64_t ny, double dx,
                      double dy)
      : i0_(i0),
        j0_(j0),
        nx_(nx),
        ny_(ny),
        dx_(dx),
        dy_(dy),
        sums_(static_cast<std::size_t>(nx * ny), 0.0),
        top_(static_cast<std::size_t>(nx), 0.0) {}

  void add(Point2 a, Point2 b) {
    if (a.x == b.x) return;  // vertical edges add nothing
    const double x_lo = static_cast<double>(i0_) * dx_;
    const double x_hi = static_cast<double>(i0_ + nx_) * dx_;
    // Clip the x range to the window's columns: outside it no column is affected.
    const double lo = std::min(a.x, b.x), hi = std::max(a.x, b.x);
    if (hi <= x_lo || lo >= x_hi) return;
    const double slope = (b.y - a.y) / (b.x - a.x);
    auto y_at = [&](double x) {
      return x == a.x ? a.y : (x == b.x ? b.y : a.y + (x - a.x) * slope);
    };
    const double xa = std::clamp(a.x, x_lo, x_hi), xb = std::clamp(b.x, x_lo, x_hi);
    const int dir = b.x > a.x ? 1 : -1;
    auto col_of = [&](double x) {
      return std::clamp(static_cast<std::int64_t>(std::floor(x / dx_)), i0_, i0_ + nx_ - 1);
    };
    std::int64_t c = col_of(xa);
    // Step through column boundaries from xa to xb.
    Point2 p{xa, y_at(xa)};
    while (true) {
      double next_x;
      if (dir > 0) {
        const double bound = static_cast<double>(col_of(p.x) + 1) * dx_;
        next_x = bound < xb ? bound : xb;
      } else {
        double bound = static_cast<double>(col_of(p.x)) * dx_;
        if (bound >= p.x) bound = static_cast<double>(col_of(p.x) - 1) * dx_;
        next_x = bound > xb ? bound : xb;
      }
      const Point2 q{next_x, y_at(next_x)};
      if (q.x != p.x) {
        c = col_of(0.5 * (p.x + q.x));
        add_in_column(c, p, q);
      }
      if (next_x == xb) break;
      p = q;
    }
  }

  /// Finishes the running sums and returns covered area per cell (i + nx*j).
  std::vector<double> finish() {
    std::vector<double> carry = top_;
    for (std::int64_t r = ny_ - 1; r >= 0; --r) {
      double* row = sums_.data() + r * nx_;
      for (std::int64_t i = 0; i < nx_; ++i) {
        carry[static_cast<std::size_t>(i)] += row[i];
        row[i] = carry[static_cast<std::size_t>(i)];
      }
    }
    return std::move(sums_);
  }

 private:
  // p -> q lies within column c; split it at row lines within [0, height].
  void add_in_column(std::int64_t c, Point2 p, Point2 q) {
    const double bottom = static_cast<double>(j0_) * dy_;
    const double height = static_cast<double>(j0_ + ny_) * dy_;
    auto row_of = [&](double y) { return static_cast<std::int64_t>(std::floor(y / dy_)); };
    const double ylo = std::clamp(std::min(p.y, q.y), bottom, height);
    const double yhi = std::clamp(std::max(p.y, q.y), bottom, height);
    // One row band (h linear on the piece), or wholly above / below the window.
    if (p.y == q.y || ylo == yhi || row_of(std::min(p.y, q.y)) == row_of(std::max(p.y, q.y))) {
      add_piece(c, p, q);
      return;
    }
    const double inv = (q.x - p.x) / (q.y - p.y);
    const int dir = q.y > p.y ? 1 : -1;
    // Row lines strictly between p.y and q.y, within [0, height].
    std::int64_t first = dir > 0 ? row_of(ylo) + 1 : row_of(yhi);
    if (dir < 0 && static_cast<double>(first) * dy_ >= std::max(p.y, q.y)) --first;
    // Coming up from below the window: its bottom row line lies between p and q too.
    if (dir > 0 && p.y < bottom) first = j0_;
    Point2 s = p;
    for (std::int64_t r = first;; r += dir) {
      const double y = static_cast<double>(r) * dy_;
      const bool inside = dir > 0 ? (y < q.y && y <= height) : (y > q.y && y >= bottom);
      if (!inside) break;
      if ((dir > 0 && y <= s.y) || (dir < 0 && y >= s.y)) continue;
      const Point2 t{p.x + (y - p.y) * inv, y};
      add_piece(c, s, t);
      s = t;
    }
    add_piece(c, s, q);
  }

  // A piece inside one column and one row band (or wholly above/below the grid).
  void add_piece(std::int64_t c, Point2 p, Point2 q) {
    const double delta_x = q.x - p.x;
    if (delta_x == 0) return;
    const double y_mid = 0.5 * (p.y + q.y);
    const std::int64_t r = static_cast<std::int64_t>(std::floor(y_mid / dy_));
    if (r < j0_) return;
    const auto ci = static_cast<std::size_t>(c - i0_);
    if (r >= j0_ + ny_) {
      top_[ci] -= delta_x * dy_;
      return;
    }
    // The own-cell term enters the running sum at row r and leaves it again at row r - 1;
    // the full-band term enters at row r - 1 and stays for every row below.
    const std::size_t k = static_cast<std::size_t>((r - j0_) * nx_) + ci;
    const double own = -delta_x * (y_mid - static_cast<double>(r) * dy_);
    sums_[k] += own;
    if (r > j0_) sums_[k - static_cast<std::size_t>(nx_)] += -delta_x * dy_ - own;
  }

  std::int64_t i0_, j0_, nx_, ny_;
  double dx_, dy_;
  // Differences of the per-column running sum from the top row down: a value stored at row
  // r counts for row r and every row below it. One array keeps the memory touched minimal.
  std::vector<double> sums_;
  std::vector<double> top_;  // contributions to every cell of the column
};

std::vector<double> to_fractions(std::vector<double> area, double cell_area) {
  for (auto& a : area) {
    double f = a / cell_area;
    // Only rounding noise may leave [0,1]; anything larger is a bug, not data.
    if (f < -1e-7 || f > 1 + 1e-7)
      throw Error("internal.split", fmt::format("column fraction {} outside [0,1]", f));
    a = std::clamp(f, 0.0, 1.0);
  }
  return area;
}

// --- Clipping the line to the extent [0,W] x [0,H] (local coordinates) ---

enum Side { kBottom = 0, kRight = 1, kTop = 2, kLeft = 3, kNone = 4 };

struct Piece {
  std::vector<Point2> points;
  double s_in = -1, s_out = -1;  // perimeter parameters of entry and exit
};

class Extent {
 public:
  Extent(double w, double h) : w_(w), h_(h) {}
  double w() const { return w_; }
  double h() const { return h_; }
  double perimeter() const { return 2 * (w_ + h_); }
  bool contains(Point2 p) const { return p.x >= 0 && p.x <= w_ && p.y >= 0 && p.y <= h_; }
  bool on_boundary(Point2 p) const {
    return contains(p) && (p.x == 0 || p.x == w_ || p.y == 0 || p.y == h_);
  }
  // Counter-clockwise perimeter parameter from (0,0).
  double param(Point2 p) const {
    if (p.y == 0) return p.x;
    if (p.x == w_) return w_ + p.y;
    if (p.y == h_) return w_ + h_ + (w_ - p.x);
    return 2 * w_ + h_ + (h_ - p.y);
  }
  Point2 corner(int k) const {
    static constexpr double kx[4] = {1, 1, 0, 0}, ky[4] = {0, 1, 1, 0};
    return {kx[k] * w_, ky[k] * h_};
  }
  // Corner k is at parameter corner_param(k): (W,0)=W, (W,H)=W+H, (0,H)=2W+H, (0,0)=0/2W+2H.
  double corner_param(int k) const {
    const double v[4] = {w_, w_ + h_, 2 * w_ + h_, 2 * w_ + 2 * h_};
    return v[k];
  }

 private:
  double w_, h_;
};

// Liang-Barsky clip of a -> b to the closed extent; snaps clipped ends onto the boundary.
bool clip(const Extent& e, Point2 a, Point2 b, double& t0, double& t1, Point2& pa, Point2& pb) {
  t0 = 0;
  t1 = 1;
  int side0 = kNone, side1 = kNone;
  const double dxv = b.x - a.x, dyv = b.y - a.y;
  const double p[4] = {-dyv, dxv, dyv, -dxv};  // bottom, right, top, left
  const double q[4] = {a.y, e.w() - a.x, e.h() - a.y, a.x};
  for (int k = 0; k < 4; ++k) {
    if (p[k] == 0) {
      if (q[k] < 0) return false;
      continue;
    }
    const double t = q[k] / p[k];
    if (p[k] < 0) {
      if (t > t0) {
        t0 = t;
        side0 = k;
      }
    } else {
      if (t < t1) {
        t1 = t;
        side1 = k;
      }
    }
  }
  if (t0 > t1) return false;
  auto at = [&](double t, int side) {
    Point2 r = t == 0 ? a : (t == 1 ? b : Point2{a.x + t * dxv, a.y + t * dyv});
    switch (side) {
      case kBottom:
        r.y = 0;
        break;
      case kRight:
        r.x = e.w();
        break;
      case kTop:
        r.y = e.h();
        break;
      case kLeft:
        r.x = 0;
        break;
      default:
        break;
    }
    r.x = std::clamp(r.x, 0.0, e.w());
    r.y = std::clamp(r.y, 0.0, e.h());
    return r;
  };
  pa = at(t0, side0);
  pb = at(t1, side1);
  return true;
}

}  // namespace

ColumnCounts count_columns(const std::vector<double>& fraction_left) {
  ColumnCounts c;
  for (double f : fraction_left) {
    if (f <= kStraddleTolerance)
      ++c.full_right;
    else if (f >= 1 - kStraddleTolerance)
      ++c.full_left;
    else
      ++c.straddling;
  }
  return c;
}

namespace {

InputLocation vertex_location(const VertexLocator& locate, std::int64_t v) {
  return locate ? locate(v) : InputLocation{};
}

/// The line in grid-local coordinates without repeated vertices, and the original index of
/// each vertex kept.
struct LocalLine {
  std::vector<Point2> points;
  std::vector<std::int64_t> vertex_of;
};

LocalLine local_line(const BlockGrid& grid, const Polyline& line_world,
                     const VertexLocator& locate) {
  LocalLine out;
  for (std::size_t v = 0; v < line_world.size(); ++v) {
    const Point2 w = line_world[v];
    if (!std::isfinite(w.x) || !std::isfinite(w.y))
      throw Error("geometry.not_finite",
                  fmt::format("vertex {} is ({}, {}), expected finite coordinates", v, w.x, w.y),
                  vertex_location(locate, static_cast<std::int64_t>(v)));
    const Point2 p = grid.to_local(w);
    if (!out.points.empty() && out.points.back() == p) continue;  // repeated vertex
    out.points.push_back(p);
    out.vertex_of.push_back(static_cast<std::int64_t>(v));
  }
  return out;
}

std::string extent_text(const BlockGrid& grid, const Extent& ext) {
  const Point2 lo = grid.to_world({0, 0}), hi = grid.to_world({ext.w(), ext.h()});
  return fmt::format("[{}, {}] - [{}, {}]", lo.x, lo.y, hi.x, hi.y);
}

/// The line must start and end outside the extent (or on its edge).
void check_ends_outside(const BlockGrid& grid, const Extent& ext, const Polyline& line_world,
                        const LocalLine& line, const VertexLocator& locate) {
  for (std::size_t end : {std::size_t{0}, line.points.size() - 1}) {
    const Point2 p = line.points[end];
    const std::int64_t vertex = line.vertex_of[end];
    if (ext.contains(p) && !ext.on_boundary(p))
      throw Error("geometry.line_ends_inside",
                  fmt::format("the line {} at ({}, {}) inside the model extent {}, expected it "
                              "to start and end outside so that it splits the extent in two",
                              end == 0 ? "starts" : "ends", line_world[vertex].x,
                              line_world[vertex].y, extent_text(grid, ext)),
                  vertex_location(locate, vertex));
  }
}

/// Pieces of the line inside the extent.
std::vector<Piece> pieces_inside(const Extent& ext, const std::vector<Point2>& line) {
  std::vector<Piece> pieces;
  bool open = false;  // the last piece ends at a vertex inside the extent and may continue
  auto close_piece = [&] {
    if (!pieces.empty() && pieces.back().s_out < 0) {
      const Point2 end = pieces.back().points.back();
      if (!ext.on_boundary(end))
        throw Error("internal.split", "a piece of the line ends inside the extent");
      pieces.back().s_out = ext.param(end);
    }
    open = false;
  };
  for (std::size_t s = 0; s + 1 < line.size(); ++s) {
    double t0, t1;
    Point2 pa, pb;
    if (!clip(ext, line[s], line[s + 1], t0, t1, pa, pb) || pa == pb) {
      close_piece();
      continue;
    }
    if (open && t0 == 0 && pieces.back().points.back() == pa) {
      pieces.back().points.push_back(pb);
    } else {
      close_piece();
      pieces.push_back({{pa, pb}, ext.param(pa), -1});
    }
    open = t1 == 1;
    if (!open) close_piece();
  }
  close_piece();
  return pieces;
}

[[noreturn]] void misses_model(const BlockGrid& grid, const Extent& ext, const Polyline& line_world,
                               const VertexLocator& locate) {
  double minx = INFINITY, miny = INFINITY, maxx = -INFINITY, maxy = -INFINITY;
  for (const auto& w : line_world) {
    minx = std::min(minx, w.x);
    maxx = std::max(maxx, w.x);
    miny = std::min(miny, w.y);
    maxy = std::max(maxy, w.y);
  }
  throw Error("geometry.border_misses_model",
              fmt::format("the line (bounding box [{}, {}] - [{}, {}]) does not cross the "
                          "model extent {}, expected a line through the model",
                          minx, miny, maxx, maxy, extent_text(grid, ext)),
              vertex_location(locate, 0));
}

using Events = std::map<double, std::pair<std::size_t, bool>>;  // s -> (piece, is_entry)

/// Entry and exit events keyed by perimeter parameter.
Events edge_events(const std::vector<Piece>& pieces, const VertexLocator& locate) {
  Events events;
  for (std::size_t k = 0; k < pieces.size(); ++k) {
    for (const bool entry : {true, false}) {
      const double s = entry ? pieces[k].s_in : pieces[k].s_out;
      if (!events.emplace(s, std::make_pair(k, entry)).second)
        throw Error(
            "geometry.self_intersecting",
            "the line passes the same point of the model edge twice, expected a simple line",
            vertex_location(locate, 0));
    }
  }
  return events;
}

/// Boundary arc from an exit at s_from to the next entry at s_to, through the corners in
/// between: edges and ring points from `cur` on; returns the last point.
Point2 boundary_arc(const Extent& ext, double s_from, double s_to, Point2 cur,
                    std::vector<SideBoundary::Edge>& edges, Ring& ring) {
  const double span = s_to > s_from ? s_to - s_from : s_to - s_from + ext.perimeter();
  ring.push_back(cur);
  for (int lap = 0; lap < 2; ++lap)
    for (int c = 0; c < 4; ++c) {
      double cp = ext.corner_param(c) + lap * ext.perimeter();
      if (cp > s_from && cp < s_from + span) {
        const Point2 corner = ext.corner(c);
        edges.push_back({cur, corner});
        cur = corner;
        ring.push_back(corner);
      }
    }
  return cur;
}

/// The region closed from piece `start`: each exit continues, counter-clockwise along the
/// boundary, to the next event, which must be an entry.
Ring close_region(std::size_t start, const std::vector<Piece>& pieces, const Events& events,
                  const Extent& ext, const VertexLocator& locate, std::vector<bool>& used,
                  std::vector<SideBoundary::Edge>& edges) {
  auto next_event = [&](double s) {
    auto it = events.upper_bound(s);
    return it == events.end() ? events.begin() : it;
  };
  Ring ring;
  std::size_t k = start;
  while (!used[k]) {
    used[k] = true;
    const auto& pts = pieces[k].points;
    for (std::size_t v = 0; v + 1 < pts.size(); ++v) edges.push_back({pts[v], pts[v + 1]});
    ring.insert(ring.end(), pts.begin(), pts.end() - 1);
    const auto it = next_event(pieces[k].s_out);
    if (!it->second.second)
      throw Error("geometry.inconsistent_sides",
                  "the line leaves the model extent twice in a row along its edge (it winds "
                  "around the model), so 'left' and 'right' of it are not two regions; "
                  "expected a line that crosses the extent from one side to the other",
                  vertex_location(locate, 0));
    const Point2 cur = boundary_arc(ext, pieces[k].s_out, it->first, pts.back(), edges, ring);
    const Point2 entry = pieces[it->second.first].points.front();
    edges.push_back({cur, entry});
    k = it->second.first;
  }
  if (k != start)
    throw Error("geometry.inconsistent_sides",
                "the pieces of the line inside the model extent do not close into regions; "
                "expected a simple line crossing the extent",
                vertex_location(locate, 0));
  return ring;
}

/// The regions of counter-clockwise rings, in world coordinates: side A's territory.
MultiPolygon left_territory(const BlockGrid& grid, const MultiPolygon& territory) {
  MultiPolygon out;
  for (const auto& poly : territory) {
    Ring world;
    for (const auto& p : poly[0]) world.push_back(grid.to_world(p));
    double twice_area = 0;
    for (std::size_t v = 0; v < poly[0].size(); ++v) {
      const Point2 a = poly[0][v], b = poly[0][(v + 1) % poly[0].size()];
      twice_area += a.x * b.y - b.x * a.y;
    }
    if (twice_area > 0) out.push_back({world});
  }
  return out;
}

}  // namespace

SideBoundary side_a_boundary(const BlockGrid& grid, const Polyline& line_world,
                             const VertexLocator& locate) {
  if (line_world.size() < 2)
    throw Error("geometry.too_few_vertices",
                fmt::format("line has {} vertices, expected at least 2", line_world.size()),
                vertex_location(locate, 0));
  const LocalLine line = local_line(grid, line_world, locate);
  const Extent ext(static_cast<double>(grid.nx()) * grid.block_size_m[0],
                   static_cast<double>(grid.ny()) * grid.block_size_m[1]);
  check_ends_outside(grid, ext, line_world, line, locate);
  const std::vector<Piece> pieces = pieces_inside(ext, line.points);
  if (pieces.empty()) misses_model(grid, ext, line_world, locate);
  const Events events = edge_events(pieces, locate);
  SideBoundary out;
  MultiPolygon territory;
  std::vector<bool> used(pieces.size(), false);
  for (std::size_t start = 0; start < pieces.size(); ++start) {
    if (used[start]) continue;
    territory.push_back({close_region(start, pieces, events, ext, locate, used, out.edges)});
  }
  out.pieces = static_cast<std::int64_t>(pieces.size());
  out.territory_left = left_territory(grid, territory);
  return out;
}

void window_fractions(const BlockGrid& grid, const SideBoundary& boundary,
                      const ColumnWindow& window, std::vector<double>& out) {
  if (window.i0 < 0 || window.j0 < 0 || window.ni <= 0 || window.nj <= 0 ||
      window.i0 + window.ni > grid.nx() || window.j0 + window.nj > grid.ny())
    throw Error(
        "internal.split",
        fmt::format("column window [{}, {}) x [{}, {}) is not inside the {} x {} grid", window.i0,
                    window.i0 + window.ni, window.j0, window.j0 + window.nj, grid.nx(), grid.ny()));
  CoverageAccumulator acc(window.i0, window.j0, window.ni, window.nj, grid.block_size_m[0],
                          grid.block_size_m[1]);
  for (const auto& e : boundary.edges) acc.add(e.a, e.b);
  out = to_fractions(acc.finish(), grid.block_area_m2());
}

void require_split_memory(const BlockGrid& grid, const InputLocation& grid_file) {
  // The fraction, the coverage accumulator and the counts: about 24 bytes per column.
  require_memory(
      24.0 * static_cast<double>(grid.column_count()),
      fmt::format("the split of {} x {} = {} columns", grid.nx(), grid.ny(), grid.column_count()),
      "use larger blocks or a smaller grid", grid_file);
}

SplitResult split_columns(const BlockGrid& grid, const Polyline& line_world,
                          const VertexLocator& locate) {
  require_split_memory(grid, {});
  SideBoundary boundary = side_a_boundary(grid, line_world, locate);
  SplitResult out;
  window_fractions(grid, boundary, {0, 0, grid.nx(), grid.ny()}, out.fraction_left);
  out.pieces = boundary.pieces;
  out.territory_left = std::move(boundary.territory_left);
  out.counts = count_columns(out.fraction_left);
  double covered = 0;
  for (double f : out.fraction_left) covered += f;
  out.area_left_m2 = covered * grid.block_area_m2();
  const double w = static_cast<double>(grid.nx()) * grid.block_size_m[0];
  const double h = static_cast<double>(grid.ny()) * grid.block_size_m[1];
  out.area_right_m2 = w * h - out.area_left_m2;
  return out;
}

std::vector<double> polygon_fractions(const BlockGrid& grid, const MultiPolygon& region) {
  CoverageAccumulator acc(0, 0, grid.nx(), grid.ny(), grid.block_size_m[0], grid.block_size_m[1]);
  for (const auto& poly : region) {
    for (std::size_t r = 0; r < poly.size(); ++r) {
      std::vector<Point2> ring;
      for (const auto& p : poly[r]) ring.push_back(grid.to_local(p));
      if (ring.size() > 1 && ring.front() == ring.back()) ring.pop_back();
      double twice_area = 0;
      for (std::size_t v = 0; v < ring.size(); ++v) {
        const Point2 a = ring[v], b = ring[(v + 1) % ring.size()];
        twice_area += a.x * b.y - b.x * a.y;
      }
      // Exterior counter-clockwise, holes clockwise.
      if ((r == 0) != (twice_area > 0)) std::reverse(ring.begin(), ring.end());
      for (std::size_t v = 0; v < ring.size(); ++v) acc.add(ring[v], ring[(v + 1) % ring.size()]);
    }
  }
  return to_fractions(acc.finish(), grid.block_area_m2());
}

}  // namespace lodeline::border
