// SPDX-License-Identifier: Apache-2.0
// GEOS C API (reentrant) behind plain geometry values.
#include "lodeline/geo/geos_ops.hpp"

#include <geos_c.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <vector>

#include "lodeline/core/error.hpp"

namespace lodeline::geo {
namespace {

class Context {
 public:
  Context() : h_(GEOS_init_r()) {}
  ~Context() { GEOS_finish_r(h_); }
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;
  GEOSContextHandle_t get() const { return h_; }

 private:
  GEOSContextHandle_t h_;
};

struct GeomDeleter {
  GEOSContextHandle_t h;
  void operator()(GEOSGeometry* g) const {
    if (g) GEOSGeom_destroy_r(h, g);
  }
};
using GeomPtr = std::unique_ptr<GEOSGeometry, GeomDeleter>;

GEOSCoordSequence* make_seq(GEOSContextHandle_t h, const std::vector<Point2>& pts, bool close) {
  const bool add = close && !pts.empty() && !(pts.front() == pts.back());
  const auto n = static_cast<unsigned>(pts.size() + (add ? 1 : 0));
  GEOSCoordSequence* seq = GEOSCoordSeq_create_r(h, n, 2);
  for (unsigned i = 0; i < pts.size(); ++i) GEOSCoordSeq_setXY_r(h, seq, i, pts[i].x, pts[i].y);
  if (add) GEOSCoordSeq_setXY_r(h, seq, n - 1, pts[0].x, pts[0].y);
  return seq;
}

GeomPtr check(GEOSContextHandle_t h, GEOSGeometry* g, const char* what) {
  if (!g) throw Error("internal.geos", std::string("GEOS failed to ") + what);
  return GeomPtr(g, GeomDeleter{h});
}

GeomPtr make_multipolygon(GEOSContextHandle_t h, const MultiPolygon& mp) {
  std::vector<GEOSGeometry*> polys;
  for (const auto& poly : mp) {
    if (poly.empty()) continue;
    GEOSGeometry* shell = GEOSGeom_createLinearRing_r(h, make_seq(h, poly[0], true));
    std::vector<GEOSGeometry*> holes;
    for (std::size_t r = 1; r < poly.size(); ++r)
      holes.push_back(GEOSGeom_createLinearRing_r(h, make_seq(h, poly[r], true)));
    polys.push_back(
        GEOSGeom_createPolygon_r(h, shell, holes.data(), static_cast<unsigned>(holes.size())));
  }
  return check(h,
               GEOSGeom_createCollection_r(h, GEOS_MULTIPOLYGON, polys.data(),
                                           static_cast<unsigned>(polys.size())),
               "build a polygon");
}

double cross(Point2 o, Point2 a, Point2 b) {
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

bool on_segment(Point2 p, Point2 a, Point2 b) {
  return std::min(a.x, b.x) <= p.x && p.x <= std::max(a.x, b.x) && std::min(a.y, b.y) <= p.y &&
         p.y <= std::max(a.y, b.y);
}

// Segment intersection test used only to locate what GEOS already found.
std::optional<Point2> segments_meet(Point2 a, Point2 b, Point2 c, Point2 d) {
  const double d1 = cross(c, d, a), d2 = cross(c, d, b), d3 = cross(a, b, c), d4 = cross(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
    const double t = d1 / (d1 - d2);
    return Point2{a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)};
  }
  if (d1 == 0 && on_segment(a, c, d)) return a;
  if (d2 == 0 && on_segment(b, c, d)) return b;
  if (d3 == 0 && on_segment(c, a, b)) return c;
  if (d4 == 0 && on_segment(d, a, b)) return d;
  return std::nullopt;
}

}  // namespace

std::optional<SelfIntersection> find_self_intersection(const Polyline& line) {
  Context ctx;
  const auto h = ctx.get();
  GeomPtr g = check(h, GEOSGeom_createLineString_r(h, make_seq(h, line, false)), "build a line");
  const char simple = GEOSisSimple_r(h, g.get());
  if (simple == 2) throw Error("internal.geos", "GEOS failed to test a line for simplicity");
  if (simple == 1) return std::nullopt;
  const std::size_t n = line.size();
  for (std::size_t i = 0; i + 1 < n; ++i)
    for (std::size_t j = i + 1; j + 1 < n; ++j) {
      if (j == i + 1) {
        // Adjacent segments share a vertex; they conflict only when they fold back.
        const Point2 a = line[i], b = line[i + 1], c = line[j + 1];
        if (cross(a, b, c) == 0 && ((c.x - b.x) * (a.x - b.x) + (c.y - b.y) * (a.y - b.y)) > 0)
          return SelfIntersection{i, j, b};
        continue;
      }
      if (i == 0 && j == n - 2 && line.front() == line.back()) continue;  // closed ring
      if (auto p = segments_meet(line[i], line[i + 1], line[j], line[j + 1]))
        return SelfIntersection{i, j, *p};
    }
  // GEOS says not simple (e.g. repeated points) but no pair was found: report the whole line.
  return SelfIntersection{0, 0, line.front()};
}

std::string polygon_invalid_reason(const MultiPolygon& polygon) {
  Context ctx;
  const auto h = ctx.get();
  GeomPtr g = make_multipolygon(h, polygon);
  char* reason = GEOSisValidReason_r(h, g.get());
  std::string out = reason ? reason : "GEOS could not validate";
  GEOSFree_r(h, reason);
  return out == "Valid Geometry" ? std::string() : out;
}

double area_m2(const MultiPolygon& polygon) {
  Context ctx;
  const auto h = ctx.get();
  GeomPtr g = make_multipolygon(h, polygon);
  double a = 0;
  GEOSArea_r(h, g.get(), &a);
  return a;
}

std::optional<Point2> centroid(const MultiPolygon& polygon) {
  if (polygon.empty()) return std::nullopt;
  Context ctx;
  const auto h = ctx.get();
  GeomPtr g = make_multipolygon(h, polygon);
  GeomPtr c = check(h, GEOSGetCentroid_r(h, g.get()), "compute a centroid");
  Point2 p;
  if (GEOSisEmpty_r(h, c.get()) != 0 || GEOSGeomGetX_r(h, c.get(), &p.x) != 1 ||
      GEOSGeomGetY_r(h, c.get(), &p.y) != 1)
    return std::nullopt;
  return p;
}

bool covers(const MultiPolygon& polygon, const Point2& point) {
  Context ctx;
  const auto h = ctx.get();
  GeomPtr g = make_multipolygon(h, polygon);
  GeomPtr p = check(h, GEOSGeom_createPointFromXY_r(h, point.x, point.y), "point");
  return GEOSCovers_r(h, g.get(), p.get()) == 1;
}

double intersection_area_m2(const MultiPolygon& a, const MultiPolygon& b) {
  Context ctx;
  const auto h = ctx.get();
  GeomPtr ga = make_multipolygon(h, a), gb = make_multipolygon(h, b);
  GeomPtr gi = check(h, GEOSIntersection_r(h, ga.get(), gb.get()), "intersect polygons");
  double area = 0;
  GEOSArea_r(h, gi.get(), &area);
  return area;
}

namespace {

Ring ring_points(GEOSContextHandle_t h, const GEOSGeometry* ring) {
  const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, ring);
  unsigned n = 0;
  if (!seq || !GEOSCoordSeq_getSize_r(h, seq, &n))
    throw Error("internal.geos", "GEOS failed to read a ring");
  Ring out;
  out.reserve(n);
  for (unsigned i = 0; i < n; ++i) {
    double x = 0, y = 0;
    GEOSCoordSeq_getXY_r(h, seq, i, &x, &y);
    out.push_back({x, y});
  }
  if (out.size() > 1 && out.front() == out.back()) out.pop_back();
  return out;
}

void collect_polygons(GEOSContextHandle_t h, const GEOSGeometry* g, MultiPolygon& out) {
  const int type = GEOSGeomTypeId_r(h, g);
  if (type == GEOS_POLYGON) {
    if (GEOSisEmpty_r(h, g) == 1) return;
    Polygon poly{ring_points(h, GEOSGetExteriorRing_r(h, g))};
    const int holes = GEOSGetNumInteriorRings_r(h, g);
    for (int r = 0; r < holes; ++r) poly.push_back(ring_points(h, GEOSGetInteriorRingN_r(h, g, r)));
    out.push_back(std::move(poly));
  } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
    const int n = GEOSGetNumGeometries_r(h, g);
    for (int k = 0; k < n; ++k) collect_polygons(h, GEOSGetGeometryN_r(h, g, k), out);
  }
}

}  // namespace

MultiPolygon polygon_overlay(const MultiPolygon& a, const MultiPolygon& b, Overlay op) {
  Context ctx;
  const auto h = ctx.get();
  GeomPtr ga = make_multipolygon(h, a), gb = make_multipolygon(h, b);
  GEOSGeometry* raw = op == Overlay::intersection ? GEOSIntersection_r(h, ga.get(), gb.get())
                      : op == Overlay::union_of   ? GEOSUnion_r(h, ga.get(), gb.get())
                                                  : GEOSDifference_r(h, ga.get(), gb.get());
  GeomPtr g = check(h, raw, "overlay polygons");
  MultiPolygon out;
  collect_polygons(h, g.get(), out);
  return out;
}

MultiPolygon dissolve(const MultiPolygon& parts) {
  if (parts.empty()) return {};
  Context ctx;
  const auto h = ctx.get();
  GeomPtr all = make_multipolygon(h, parts);
  GeomPtr g = check(h, GEOSUnaryUnion_r(h, all.get()), "dissolve polygons");
  MultiPolygon out;
  collect_polygons(h, g.get(), out);
  return out;
}

std::vector<double> geos_cell_fractions(const MultiPolygon& region, double x0, double y0, double dx,
                                        double dy, std::int64_t nx, std::int64_t ny) {
  Context ctx;
  const auto h = ctx.get();
  GeomPtr g = make_multipolygon(h, region);
  const GEOSPreparedGeometry* prep = GEOSPrepare_r(h, g.get());
  std::vector<double> out(static_cast<std::size_t>(nx * ny), 0.0);
  const double cell_area = dx * dy;
  for (std::int64_t j = 0; j < ny; ++j)
    for (std::int64_t i = 0; i < nx; ++i) {
      const double xa = x0 + static_cast<double>(i) * dx, ya = y0 + static_cast<double>(j) * dy;
      GeomPtr cell = check(h, GEOSGeom_createRectangle_r(h, xa, ya, xa + dx, ya + dy), "cell");
      double f = 0;
      if (GEOSPreparedContains_r(h, prep, cell.get()) == 1) {
        f = 1;
      } else if (GEOSPreparedIntersects_r(h, prep, cell.get()) == 1) {
        GeomPtr part = check(h, GEOSIntersection_r(h, g.get(), cell.get()), "intersect a cell");
        double a = 0;
        GEOSArea_r(h, part.get(), &a);
        f = a / cell_area;
      }
      out[static_cast<std::size_t>(i + nx * j)] = f;
    }
  GEOSPreparedGeom_destroy_r(h, prep);
  return out;
}

}  // namespace lodeline::geo
