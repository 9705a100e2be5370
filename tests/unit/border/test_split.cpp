// SPDX-License-Identifier: Apache-2.0
// Exact split: analytic cases, degenerate geometry and bad lines.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "lodeline/border/split.hpp"
#include "lodeline/geo/geos_ops.hpp"

using lodeline::BlockGrid;
using lodeline::Error;
using lodeline::Point2;
using lodeline::Polyline;
namespace border = lodeline::border;

namespace {

BlockGrid grid2d(double x0, double y0, double dx, double dy, std::int64_t nx, std::int64_t ny) {
  BlockGrid g;
  g.origin_m = {x0, y0, 0};
  g.block_size_m = {dx, dy, 1};
  g.counts = {nx, ny, 1};
  return g;
}

double at(const border::SplitResult& r, const BlockGrid& g, int i, int j) {
  return r.fraction_left[static_cast<std::size_t>(g.column_index(i, j))];
}

}  // namespace

// A vertical line x = 2.5 walked south -> north: left is west. Columns 0,1 are fully west,
// column 2 is half, 3 fully east.
TEST(Split, VerticalLineHalfColumn) {
  const auto g = grid2d(0, 0, 1, 1, 4, 3);
  const auto r = border::split_columns(g, {{2.5, -1}, {2.5, 4}});
  for (int j = 0; j < 3; ++j) {
    EXPECT_EQ(at(r, g, 0, j), 1.0);
    EXPECT_EQ(at(r, g, 1, j), 1.0);
    EXPECT_DOUBLE_EQ(at(r, g, 2, j), 0.5);
    EXPECT_EQ(at(r, g, 3, j), 0.0);
  }
  EXPECT_DOUBLE_EQ(r.area_left_m2, 7.5);
  EXPECT_DOUBLE_EQ(r.area_right_m2, 4.5);
  EXPECT_EQ(r.counts.straddling, 3);
}

// Reversing the line swaps the sides exactly.
TEST(Split, ReversedLineIsComplement) {
  const auto g = grid2d(10, 20, 2, 3, 17, 11);
  Polyline line{{5, 15}, {20, 30}, {18, 40}, {30, 28}, {50, 60}};
  const auto a = border::split_columns(g, line);
  std::reverse(line.begin(), line.end());
  const auto b = border::split_columns(g, line);
  for (std::size_t c = 0; c < a.fraction_left.size(); ++c)
    EXPECT_NEAR(a.fraction_left[c] + b.fraction_left[c], 1.0, 1e-12) << c;
}

// A diagonal through block corners: y = x on unit cells -> diagonal cells are exactly 0.5,
// cells above the diagonal (left of a line walked south-west -> north-east) are 1.
TEST(Split, DiagonalThroughCorners) {
  const auto g = grid2d(0, 0, 1, 1, 5, 5);
  const auto r = border::split_columns(g, {{-1, -1}, {6, 6}});
  for (int j = 0; j < 5; ++j)
    for (int i = 0; i < 5; ++i) {
      const double want = i == j ? 0.5 : (j > i ? 1.0 : 0.0);
      EXPECT_DOUBLE_EQ(at(r, g, i, j), want) << i << "," << j;
    }
  EXPECT_EQ(r.counts.straddling, 5);
}

// A line running exactly along grid lines: no column straddles.
TEST(Split, AlongGridLinesNoStraddle) {
  const auto g = grid2d(0, 0, 10, 10, 6, 6);
  const auto r = border::split_columns(g, {{-5, 20}, {30, 20}, {30, 40}, {65, 40}});
  EXPECT_EQ(r.counts.straddling, 0);
  // Left of eastward travel is north: rows j >= 2 for i < 3, rows j >= 4 for i >= 3.
  for (int j = 0; j < 6; ++j)
    for (int i = 0; i < 6; ++i) EXPECT_EQ(at(r, g, i, j), (j >= (i < 3 ? 2 : 4)) ? 1.0 : 0.0);
}

// A meandering line crossing the same column several times: compare each column with an
// independent fine-sampling estimate (midpoint rule, 400 x 400 points per cell, left test by
// the crossing count of a ray to the north, which is valid because the line runs west->east
// and ends beyond the extent).
TEST(Split, MeanderMatchesSampling) {
  const auto g = grid2d(0, 0, 10, 10, 4, 3);
  const Polyline line{{-5, 5}, {15, 25}, {17, 3}, {19, 28}, {22, 4}, {45, 20}};
  const auto r = border::split_columns(g, line);
  auto left_of = [&](double x, double y) {
    // Point is left (north-ish) iff the number of line crossings of the downward ray is odd.
    int n = 0;
    for (std::size_t s = 0; s + 1 < line.size(); ++s) {
      const Point2 a = line[s], b = line[s + 1];
      if ((a.x <= x) != (b.x <= x)) {
        const double yy = a.y + (x - a.x) * (b.y - a.y) / (b.x - a.x);
        if (yy < y) ++n;
      }
    }
    return n % 2 == 1;
  };
  const int m = 400;
  for (int j = 0; j < 3; ++j)
    for (int i = 0; i < 4; ++i) {
      int in = 0;
      for (int a = 0; a < m; ++a)
        for (int b = 0; b < m; ++b)
          in += left_of(i * 10 + (a + 0.5) * 10.0 / m, j * 10 + (b + 0.5) * 10.0 / m);
      EXPECT_NEAR(at(r, g, i, j), static_cast<double>(in) / (m * m), 5e-3) << i << "," << j;
    }
  EXPECT_EQ(r.pieces, 1);
}

// Rotated grid: a line along the rotated i axis at half height splits every row band.
TEST(Split, RotatedGrid) {
  auto g = grid2d(100, 200, 2, 2, 3, 2);
  g.rotation_deg = 30;
  const Point2 a = g.to_world({-5, 2}), b = g.to_world({11, 2});
  const auto r = border::split_columns(g, {a, b});
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(at(r, g, i, 0), 0.0, 1e-12);
    EXPECT_NEAR(at(r, g, i, 1), 1.0, 1e-12);
  }
}

// Territory polygon area equals the summed fractions.
TEST(Split, TerritoryMatchesArea) {
  const auto g = grid2d(0, 0, 5, 5, 20, 20);
  const auto r = border::split_columns(g, {{-1, 30}, {40, 90}, {60, 10}, {101, 70}});
  double area = 0;
  for (const auto& poly : r.territory_left) {
    const auto& ring = poly[0];
    for (std::size_t v = 0; v < ring.size(); ++v) {
      const auto p = ring[v], q = ring[(v + 1) % ring.size()];
      area += 0.5 * (p.x * q.y - q.x * p.y);
    }
  }
  EXPECT_NEAR(area, r.area_left_m2, 1e-9 * 10000);
}

// A line that leaves and re-enters the extent gives two separate left regions.
TEST(Split, LineLeavingAndReentering) {
  const auto g = grid2d(0, 0, 1, 1, 10, 4);
  // West -> east at y = 1, dips below the model between x = 3 and 6, back to y = 3.
  const auto r = border::split_columns(g, {{-1, 1}, {3, 1}, {3, -2}, {6, -2}, {6, 3}, {11, 3}});
  EXPECT_EQ(r.pieces, 2);
  EXPECT_DOUBLE_EQ(r.area_left_m2, 3 * 3 + 3 * 4 + 4 * 1);
  EXPECT_EQ(r.territory_left.size(), 1u);  // one region: the dip opens the bottom edge
}

// Enters from the west and leaves north, comes back from the east and leaves south: left is
// the north-west corner triangle plus the south-east rectangle [3,4] x [0,2].
TEST(Split, TwoCornerCuts) {
  const auto g = grid2d(0, 0, 1, 1, 4, 4);
  const auto r = border::split_columns(g, {{-1, 2}, {2, 5}, {6, 5}, {6, 2}, {3, 2}, {3, -1}});
  EXPECT_EQ(r.pieces, 2);
  EXPECT_DOUBLE_EQ(r.area_left_m2, 0.5 + 2.0);
  EXPECT_EQ(r.territory_left.size(), 2u);
  EXPECT_DOUBLE_EQ(at(r, g, 0, 3), 0.5);
  EXPECT_DOUBLE_EQ(at(r, g, 3, 0), 1.0);
}

TEST(Split, LineMissingModel) {
  const auto g = grid2d(0, 0, 1, 1, 4, 4);
  try {
    border::split_columns(g, {{10, -1}, {10, 5}});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "geometry.border_misses_model");
    EXPECT_EQ(e.message(),
              "the line (bounding box [10, -1] - [10, 5]) does not cross the model extent "
              "[0, 0] - [4, 4], expected a line through the model");
  }
}

TEST(Split, LineEndingInside) {
  const auto g = grid2d(0, 0, 1, 1, 4, 4);
  try {
    border::split_columns(g, {{-1, 1}, {2, 1}},
                          [](std::int64_t v) { return lodeline::InputLocation{"b.wkt", 1, v + 1}; });
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.headline(),
              "b.wkt:1:2: error[geometry.line_ends_inside]: the line ends at (2, 1) inside the "
              "model extent [0, 0] - [4, 4], expected it to start and end outside so that it "
              "splits the extent in two");
  }
}

TEST(Split, LineWindingAround) {
  const auto g = grid2d(0, 0, 1, 1, 4, 4);
  // A spiral: crosses northward at x = 1, wraps around the model and crosses northward again
  // at x = 3. The strip between is right of the first crossing and left of the second.
  EXPECT_THROW(
      {
        try {
          border::split_columns(g, {{1, -1}, {1, 5}, {-2, 5}, {-2, -2}, {3, -2}, {3, 5}});
        } catch (const Error& e) {
          EXPECT_EQ(e.code(), "geometry.inconsistent_sides");
          throw;
        }
      },
      Error);
}

TEST(Split, PolygonFractions) {
  const auto g = grid2d(0, 0, 1, 1, 4, 4);
  // Square [0.5, 2.5]^2 with a hole [1,2]^2, given clockwise to test normalisation.
  const lodeline::MultiPolygon mp{{{{0.5, 0.5}, {0.5, 2.5}, {2.5, 2.5}, {2.5, 0.5}},
                                   {{1, 1}, {2, 1}, {2, 2}, {1, 2}}}};
  const auto f = border::polygon_fractions(g, mp);
  EXPECT_DOUBLE_EQ(f[static_cast<std::size_t>(g.column_index(0, 0))], 0.25);
  EXPECT_DOUBLE_EQ(f[static_cast<std::size_t>(g.column_index(1, 0))], 0.5);
  EXPECT_DOUBLE_EQ(f[static_cast<std::size_t>(g.column_index(1, 1))], 0.0);
  EXPECT_DOUBLE_EQ(f[static_cast<std::size_t>(g.column_index(3, 3))], 0.0);
  double sum = 0;
  for (double v : f) sum += v;
  EXPECT_DOUBLE_EQ(sum, 4.0 - 1.0);
}

// A polygon reaching far outside the model is clipped exactly.
TEST(Split, PolygonBeyondExtent) {
  const auto g = grid2d(0, 0, 2, 2, 3, 3);
  const auto f = border::polygon_fractions(g, {{{{-10, -10}, {3, -10}, {3, 100}, {-10, 100}}}});
  for (int j = 0; j < 3; ++j) {
    EXPECT_DOUBLE_EQ(f[static_cast<std::size_t>(g.column_index(0, j))], 1.0);
    EXPECT_DOUBLE_EQ(f[static_cast<std::size_t>(g.column_index(1, j))], 0.5);
    EXPECT_DOUBLE_EQ(f[static_cast<std::size_t>(g.column_index(2, j))], 0.0);
  }
}

// A slanted polygon edge entering the model through its bottom edge inside a column: the
// part below the model counts nothing (GEOS per-cell intersection as the oracle). The total
// is the triangle's part above y = 0: ∫_0^30.2 (y + 20.7) 29.8 / 50.9 dy.
TEST(Split, PolygonSlantedAcrossBottomEdge) {
  const auto g = grid2d(0, 0, 1, 1, 50, 50);
  const lodeline::MultiPolygon tri{{{{10.3, -20.7}, {40.1, 30.2}, {10.3, 30.2}}}};
  const auto f = border::polygon_fractions(g, tri);
  const auto ref = lodeline::geo::geos_cell_fractions(tri, 0, 0, 1, 1, 50, 50);
  double sum = 0;
  for (std::size_t c = 0; c < f.size(); ++c) {
    EXPECT_NEAR(f[c], ref[c], 1e-12) << c;
    sum += f[c];
  }
  EXPECT_NEAR(sum, 29.8 / 50.9 * (50.9 * 50.9 - 20.7 * 20.7) / 2, 1e-9);
}

// Fractions of any column window equal those of the whole split, on a rotated grid with a
// line that enters the model three times, for windows of 1, 3, 7 and 16 columns.
TEST(Split, WindowFractionsEqualFullSplit) {
  BlockGrid g = grid2d(500000, 4000000, 2, 3, 60, 45);
  g.rotation_deg = 17;
  auto world = [&](double x, double y) { return g.to_world({x, y}); };
  const Polyline line{world(60, -20), world(50, 40), world(10, 60),  world(-8, 75),
                      world(-6, 95),  world(30, 100), world(55, 128), world(118, 140)};
  const auto full = border::split_columns(g, line);
  const auto boundary = border::side_a_boundary(g, line);
  EXPECT_EQ(boundary.pieces, full.pieces);
  std::vector<double> f;
  for (const std::int64_t t : {1, 3, 7, 16})
    for (std::int64_t j0 = 0; j0 < g.ny(); j0 += t)
      for (std::int64_t i0 = 0; i0 < g.nx(); i0 += t) {
        const border::ColumnWindow w{i0, j0, std::min(t, g.nx() - i0), std::min(t, g.ny() - j0)};
        border::window_fractions(g, boundary, w, f);
        for (std::int64_t jj = 0; jj < w.nj; ++jj)
          for (std::int64_t ii = 0; ii < w.ni; ++ii)
            ASSERT_NEAR(f[static_cast<std::size_t>(ii + w.ni * jj)], at(full, g, static_cast<int>(i0 + ii), static_cast<int>(j0 + jj)), 1e-12)
                << t << " " << i0 + ii << " " << j0 + jj;
      }
  EXPECT_THROW(border::window_fractions(g, boundary, {55, 0, 10, 5}, f), Error);
}
