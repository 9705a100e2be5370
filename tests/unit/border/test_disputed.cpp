// SPDX-License-Identifier: Apache-2.0
// Disputed ground: parallel lines give the strip between them, crossing lines the four
// quadrants by hand, and the exact "both" fraction differs from min(g1, g2).
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "lodeline/border/disputed.hpp"
#include "lodeline/border/tally.hpp"

using lodeline::BlockGrid;
using lodeline::Polyline;
namespace border = lodeline::border;

namespace {

BlockGrid grid2d(std::int64_t nx, std::int64_t ny) {
  BlockGrid g;
  g.counts = {nx, ny, 1};
  return g;
}

double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

}  // namespace

// Lines x = 30.5 and x = 45.25 on a 100 x 40 model (unit cells), side X = west. Undisputed
// X is 30.5 x 40, undisputed Y 54.75 x 40, disputed the strip 14.75 x 40, all of it claimed
// for X by the second line only. The second line walked the other way (side X its side B)
// gives the same.
TEST(Disputed, ParallelLinesDisputeTheStrip) {
  const BlockGrid g = grid2d(100, 40);
  const auto a = border::split_columns(g, {{30.5, -1}, {30.5, 41}});
  const auto b = border::split_columns(g, {{45.25, -1}, {45.25, 41}});
  const auto b_rev = border::split_columns(g, {{45.25, 41}, {45.25, -1}});
  for (const bool reversed : {false, true}) {
    const auto d =
        border::disputed_ground(g, {{"a", &a, true}, {"b", reversed ? &b_rev : &b, !reversed}});
    EXPECT_NEAR(sum(d.undisputed_x.fraction), 30.5 * 40, 1e-9);
    EXPECT_NEAR(sum(d.undisputed_y.fraction), 54.75 * 40, 1e-9);
    EXPECT_NEAR(sum(d.disputed.fraction), 14.75 * 40, 1e-9);
    ASSERT_EQ(d.pairs.size(), 1u);
    EXPECT_NEAR(sum(d.pairs[0].x_by_first.fraction), 0, 1e-9);
    EXPECT_NEAR(sum(d.pairs[0].x_by_second.fraction), 14.75 * 40, 1e-9);
    EXPECT_TRUE(d.pairs[0].x_by_first.polygon.empty());
    // Column 30 is half disputed, column 45 a quarter.
    EXPECT_NEAR(d.disputed.fraction[30], 0.5, 1e-12);
    EXPECT_NEAR(d.disputed.fraction[45], 0.25, 1e-12);
  }
}

// Line 1: x = 50.5 walked north (X = west); line 2: y = x walked south-west -> north-east
// (X = north-west of it), on 100 x 100 unit cells. By hand:
//   both X:   ∫_0^50.5 (100 - x) dx = 3774.875     first only: ∫_0^50.5 x dx = 1275.125
//   second only: ∫_50.5^100 (100 - x) dx = 1225.125   neither: 3724.875
// Column (50, 50) is cut by both lines: exact "both" = ∫_50^50.5 (51 - x) dx = 0.375 of it,
// while min(g1, g2) = min(0.5, 0.5) would say 0.5.
TEST(Disputed, CrossingLinesByHand) {
  const BlockGrid g = grid2d(100, 100);
  const auto v = border::split_columns(g, {{50.5, -1}, {50.5, 101}});
  const auto diag = border::split_columns(g, {{-1, -1}, {101, 101}});
  const auto d = border::disputed_ground(g, {{"v", &v, true}, {"diag", &diag, true}});
  EXPECT_NEAR(sum(d.undisputed_x.fraction), 3774.875, 1e-8);
  EXPECT_NEAR(sum(d.undisputed_y.fraction), 3724.875, 1e-8);
  EXPECT_NEAR(sum(d.disputed.fraction), 1275.125 + 1225.125, 1e-8);
  EXPECT_NEAR(sum(d.pairs[0].x_by_first.fraction), 1275.125, 1e-8);
  EXPECT_NEAR(sum(d.pairs[0].x_by_second.fraction), 1225.125, 1e-8);
  const std::size_t c = 50 + 100 * 50;
  EXPECT_NEAR(d.undisputed_x.fraction[c], 0.375, 1e-12);
  EXPECT_NEAR(std::min(v.fraction_left[c], diag.fraction_left[c]), 0.5, 1e-12);
  // Tallies of a region: uniform grade 2 g/t, 3 t per block.
  std::vector<double> grade(10000, 2.0), tonnes(10000, 3.0);
  border::TallyInput in{&g, &grade, &tonnes, {1.0}};
  const auto t = border::tally_weighted(in, d.disputed.fraction);
  EXPECT_NEAR(t.area_m2, 2500.25, 1e-8);
  EXPECT_NEAR(t.by_cutoff[0].metal_g, 2500.25 * 6, 1e-7);
}

// Three parallel lines x = 20, 30, 60: undisputed X is x < 20, undisputed Y x > 60, the
// pairs dispute the strips between each two.
TEST(Disputed, ThreeLines) {
  const BlockGrid g = grid2d(100, 10);
  std::vector<border::SplitResult> s;
  for (double x : {20.0, 30.0, 60.0}) s.push_back(border::split_columns(g, {{x, -1}, {x, 11}}));
  const auto d =
      border::disputed_ground(g, {{"a", &s[0], true}, {"b", &s[1], true}, {"c", &s[2], true}});
  EXPECT_NEAR(sum(d.undisputed_x.fraction), 200, 1e-9);
  EXPECT_NEAR(sum(d.undisputed_y.fraction), 400, 1e-9);
  EXPECT_NEAR(sum(d.disputed.fraction), 400, 1e-9);
  ASSERT_EQ(d.pairs.size(), 3u);
  EXPECT_NEAR(sum(d.pairs[1].x_by_second.fraction), 400, 1e-9);  // a vs c: strip 20..60
  EXPECT_NEAR(sum(d.pairs[2].x_by_second.fraction), 300, 1e-9);  // b vs c: strip 30..60
  EXPECT_THROW(border::disputed_ground(g, {{"a", &s[0], true}}), lodeline::Error);
}
