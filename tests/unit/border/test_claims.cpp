// SPDX-License-Identifier: Apache-2.0
// Offsets that reproduce a claimed share: direction and range by hand, exact offsets on
// uniform and stepped rectangles, Brent's method on a classic cubic.
#include <gtest/gtest.h>

#include <cmath>

#include "lodeline/border/claims.hpp"
#include "lodeline/border/tally.hpp"

using lodeline::BlockGrid;
using lodeline::Error;
using lodeline::MultiPolygon;
using lodeline::Point2;
using lodeline::Polyline;
namespace border = lodeline::border;

namespace {

BlockGrid grid2d(double dx, double dy, std::int64_t nx, std::int64_t ny) {
  BlockGrid g;
  g.block_size_m = {dx, dy, 1};
  g.counts = {nx, ny, 1};
  return g;
}

struct Fixture {
  BlockGrid grid = grid2d(1, 1, 100, 50);  // 100 m x 50 m
  std::vector<double> grade, tonnes;
  border::MeasureSet ms;
  // Grade `west` for x < 50, `east` beyond; one tonne per block.
  Fixture(double west, double east, const MultiPolygon& licence = {}) {
    for (std::int64_t j = 0; j < grid.ny(); ++j)
      for (std::int64_t i = 0; i < grid.nx(); ++i) {
        grade.push_back(i < 50 ? west : east);
        tonnes.push_back(1);
      }
    border::TallyInput in;
    in.grid = &grid;
    in.grade_gpt = &grade;
    in.tonnes = &tonnes;
    in.cutoffs_gpt = {0.1};
    ms = border::make_measures(grid, border::block_measures(in), licence);
  }
};

// Indices in the measure set: area, ore@0.1, metal@0.1, then licence_area.
constexpr std::size_t kArea = 0, kMetal = 2, kLicence = 3;

border::OffsetSearchOptions strict() {
  border::OffsetSearchOptions o;
  o.tolerance_m = 1e-9;
  return o;
}

}  // namespace

// Right-hand normal of first -> last: a line walked north moves east for a positive offset.
TEST(Claims, OffsetDirectionPointsToSideB) {
  const Point2 n = border::offset_direction({{0, 0}, {5, 3}, {0, 10}});
  EXPECT_DOUBLE_EQ(n.x, 1);
  EXPECT_DOUBLE_EQ(n.y, 0);
  const Point2 s = border::offset_direction({{0, 0}, {10, 0}});  // walked east: B is south
  EXPECT_DOUBLE_EQ(s.x, 0);
  EXPECT_DOUBLE_EQ(s.y, -1);
  const auto moved = border::offset_line({{0, 0}, {5, 3}, {0, 10}}, 2.5);
  EXPECT_EQ(moved, (Polyline{{2.5, 0}, {7.5, 3}, {2.5, 10}}));
  EXPECT_THROW(border::offset_direction({{1, 1}, {4, 4}, {1, 1}}), Error);
}

// Uniform rectangle 100 m x 50 m, line x = 40 walked north (side A = west): side A's area
// share is (40 + d) % for an offset d, so a claimed share s of side A needs d = s - 40 and a
// claimed share s of side B needs d = 60 - s. The line meets the model for d in (-40, 60).
TEST(Claims, AreaOffsetIsLinearInTheShare) {
  const Fixture f(1, 1);
  const Polyline line{{40, -5}, {40, 55}};
  const auto range = border::valid_offset_range(f.grid, line, 1000);
  EXPECT_NEAR(range.lo_m, -40, 1e-5);
  EXPECT_NEAR(range.hi_m, 60, 1e-5);
  EXPECT_GT(range.lo_m, -40);
  EXPECT_LT(range.hi_m, 60);
  std::vector<border::ShareTarget> targets;
  for (double s : {10.0, 25.0, 40.0, 50.0, 73.5, 90.0}) targets.push_back({kArea, 0, s});
  targets.push_back({kArea, 1, 74});   // side B claims 74 %: d = -14
  targets.push_back({kMetal, 1, 26});  // uniform grade: metal follows area, d = 34
  const auto sol = border::solve_offsets(f.ms, line, targets, strict());
  for (std::size_t k = 0; k < targets.size(); ++k) {
    const double want =
        targets[k].side == 0 ? targets[k].share_pct - 40 : 60 - targets[k].share_pct;
    ASSERT_TRUE(sol[k].reachable) << k;
    EXPECT_NEAR(sol[k].offset_m, want, 1e-7) << k;
    EXPECT_NEAR(sol[k].share_pct_at_offset, targets[k].share_pct, 1e-7) << k;
  }
  EXPECT_EQ(sol[2].offset_m, 0);  // 40 % is the line as given
  EXPECT_NEAR(sol[6].share_pct_at_zero, 60, 1e-12);
  // Beyond the model edge or beyond the search limit: not reachable.
  auto o = strict();
  o.max_offset_m = 20;
  const auto far = border::solve_offsets(f.ms, line, {{kArea, 0, 70}, {kArea, 0, 55}}, o);
  EXPECT_FALSE(far[0].reachable);
  EXPECT_TRUE(std::isnan(far[0].offset_m));
  EXPECT_NEAR(far[0].range.hi_m, 20, 1e-5);
  EXPECT_TRUE(far[1].reachable);
  EXPECT_NEAR(far[1].offset_m, 15, 1e-7);
  const auto all = border::solve_offsets(f.ms, line, {{kArea, 0, 100}}, strict());
  EXPECT_FALSE(all[0].reachable);  // 100 % needs the line off the model
}

// Grade 1 g/t west of x = 50, 3 g/t east: side A's metal per metre of model height is x for
// x <= 50 and 50 + 3 (x - 50) beyond, of 200 in all. A claim of 40 % for side A needs
// 50 + 3 (x - 50) = 80, x = 60, d = 20 from x = 40; 10 % needs x = 20, d = -20.
// Licence [20, 60] x [10, 40]: its side-A share is (x - 20) / 40, 75 % at x = 50, d = 10.
TEST(Claims, MetalAndLicenceOffsets) {
  const MultiPolygon licence{{{{20, 10}, {60, 10}, {60, 40}, {20, 40}}}};
  const Fixture f(1, 3, licence);
  const Polyline line{{40, -5}, {40, 55}};
  const auto sol = border::solve_offsets(
      f.ms, line, {{kMetal, 0, 40}, {kMetal, 0, 10}, {kLicence, 0, 75}, {kLicence, 1, 75}},
      strict());
  EXPECT_NEAR(sol[0].offset_m, 20, 1e-7);
  EXPECT_NEAR(sol[1].offset_m, -20, 1e-7);
  EXPECT_NEAR(sol[2].offset_m, 10, 1e-7);
  EXPECT_NEAR(sol[3].offset_m, -10, 1e-7);  // side B 75 %: x = 30
  EXPECT_NEAR(sol[0].share_pct_at_zero, 20, 1e-9);
}

// A slanted line from E = (-1, 25) to (50, 60): its right-hand normal is n = (35, -51)/|.|.
// Towards side B the start enters the model when -1 + n.x d = 0 (d = 1/n.x, y still inside);
// towards side A the line leaves the model when it passes the corner (0, 50):
// d = n · ((0, 50) - E).
TEST(Claims, ValidRangeByHand) {
  const BlockGrid g = grid2d(1, 1, 100, 50);
  const Polyline line{{-1, 25}, {50, 60}};
  const double len = std::hypot(51.0, 35.0);
  const Point2 n{35 / len, -51 / len};
  const auto r = border::valid_offset_range(g, line, 1000);
  // (both shrunk by 1e-7 relative)
  EXPECT_NEAR(r.hi_m, 1 / n.x, 1e-5);
  EXPECT_NEAR(r.lo_m, n.x * 1 + n.y * 25, 1e-5);
  EXPECT_NEAR(border::valid_offset_range(g, line, 0.5).lo_m, -0.5, 1e-6);
}

// Brent's method on x^3 - 2x - 5 (Wallis' example), root 2.0945514815423265.
TEST(Claims, BrentRoot) {
  auto f = [](double x) { return x * x * x - 2 * x - 5; };
  std::int64_t evals = 0;
  const double r = border::brent_root(f, 2, 3, f(2), f(3), 1e-14, 100, &evals);
  EXPECT_NEAR(r, 2.0945514815423265, 1e-13);
  EXPECT_LT(evals, 15);
  EXPECT_THROW(border::brent_root(f, 3, 4, f(3), f(4), 1e-9, 100), Error);
  EXPECT_THROW(border::brent_root(f, 2, 3, f(2), f(3), 1e-15, 2), Error);  // too few steps
}
