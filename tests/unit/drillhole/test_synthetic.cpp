// SPDX-License-Identifier: Apache-2.0
// Synthetic drilling: samples take the grade of the block their centre falls in, the noise
// is lognormal with mean 1, output is deterministic for a seed and reads back.
#include <gtest/gtest.h>

#include <cmath>

#include "drillhole_test_util.hpp"
#include "lodeline/drillhole/synthetic.hpp"

using namespace lodeline;
using namespace lodeline::drillhole;

namespace {

/// One column of 10 blocks of 5 m from z = 0 to 50 over [0,10] x [0,10]; block k has grade
/// k + 1 g/t, the top block (k = 9) is NaN (no block: air).
struct Model {
  BlockGrid grid;
  std::vector<double> grade;
  Model() {
    grid.origin_m = {0, 0, 0};
    grid.block_size_m = {10, 10, 5};
    grid.counts = {1, 1, 10};
    for (int k = 0; k < 10; ++k) grade.push_back(k + 1.0);
    grade[9] = std::nan("");
  }
};

}  // namespace

TEST(Synthetic, NoiselessSamplesTakeTheBlockGrade) {
  const Model m;
  SyntheticDrillingOptions o;
  o.noise_log_sd = 0;
  // Vertical hole from z = 50, 13 m: samples 0-2 (centre z 49: block 9, NaN), 2-4 (z 47: k 9),
  // 4-6 (z 45: on the face, belongs to the block above: k 9), 6-8 (z 43: k 8 -> 9 g/t),
  // 8-10 (z 41: k 8), 10-12 (z 39: k 7 -> 8 g/t), 12-13 (z 37.5: k 7).
  const auto d = synthesize_drilling(m.grid, m.grade, {{"S1", 5, 5, 50, 0, -90, 13}}, o);
  EXPECT_EQ(d.collars_csv, "hole_id,x,y,z,depth\nS1,5,5,50,13\n");
  EXPECT_EQ(d.surveys_csv, "hole_id,at,azimuth,dip\nS1,0,0,-90\n");
  EXPECT_EQ(d.assays_csv,
            "hole_id,from,to,au\nS1,0,2,\nS1,2,4,\nS1,4,6,\nS1,6,8,9.000\nS1,8,10,9.000\n"
            "S1,10,12,8.000\nS1,12,13,8.000\n");
  EXPECT_EQ(d.samples, 7u);
  EXPECT_EQ(d.without_block, 3u);
}

TEST(Synthetic, InclinedHoleSamplesAlongItsDirection) {
  const Model m;
  SyntheticDrillingOptions o;
  o.noise_log_sd = 0;
  o.survey_step_m = 4;
  // From (0, 5, 30), az 90, dip -30: centre of 0-2 at depth 1 is (cos30, 5, 29.5): k = 5.
  // Sample 8-10 (depth 9): x = 7.79, z = 25.5: k = 5 -> 6 g/t; 10-12: x = 9.53, z = 24.5: k 4.
  const auto d = synthesize_drilling(m.grid, m.grade, {{"S2", 0, 5, 30, 90, -30, 14}}, o);
  EXPECT_EQ(d.surveys_csv,
            "hole_id,at,azimuth,dip\nS2,0,90,-30\nS2,4,90,-30\nS2,8,90,-30\n"
            "S2,12,90,-30\n");
  EXPECT_EQ(d.assays_csv,
            "hole_id,from,to,au\nS2,0,2,6.000\nS2,2,4,6.000\nS2,4,6,6.000\nS2,6,8,6.000\n"
            "S2,8,10,6.000\nS2,10,12,5.000\nS2,12,14,\n");  // 12-14: x = 11.3, off the grid
}

TEST(Synthetic, NoiseHasMeanOneAndIsSeeded) {
  BlockGrid g;
  g.origin_m = {0, 0, 0};
  g.block_size_m = {10, 10, 10};
  g.counts = {1, 1, 1000};
  const std::vector<double> grade(1000, 1.0);
  SyntheticDrillingOptions o;
  o.seed = 7;
  const std::vector<PlannedHole> holes{{"N", 5, 5, 10000, 0, -90, 10000}};
  const auto a = synthesize_drilling(g, grade, holes, o);
  const auto b = synthesize_drilling(g, grade, holes, o);
  EXPECT_EQ(a.assays_csv, b.assays_csv);
  o.seed = 8;
  EXPECT_NE(synthesize_drilling(g, grade, holes, o).assays_csv, a.assays_csv);
  // Read back (the formats our readers accept) and check the mean of 5000 lognormal factors
  // exp(0.25 z - 0.25^2/2): mean 1, sd sqrt(exp(0.0625) - 1) = 0.2537, standard error 0.0036.
  const auto db = drillhole::testing::build(a.collars_csv, a.surveys_csv, a.assays_csv,
                                            drillhole::testing::declared());
  double sum = 0;
  std::size_t n = 0;
  for (const auto& iv : db.holes[0].intervals) {
    sum += iv.values[0];
    ++n;
  }
  EXPECT_EQ(n, 5000u);
  EXPECT_NEAR(sum / static_cast<double>(n), 1.0, 4 * 0.0036);
}

TEST(Synthetic, BelowDetectionWrittenAsLessThan) {
  BlockGrid g;
  g.counts = {1, 1, 1};
  g.block_size_m = {10, 10, 100};
  const std::vector<double> grade{0.012};
  SyntheticDrillingOptions o;  // noise sd 0.25 around 0.012: some fall below 0.01
  const auto d = synthesize_drilling(g, grade, {{"B", 5, 5, 100, 0, -90, 100}}, o);
  EXPECT_GT(d.below_detection, 0u);
  EXPECT_LT(d.below_detection, 50u);
  std::size_t written = 0;
  for (std::size_t p = d.assays_csv.find(",<0.01\n"); p != std::string::npos;
       p = d.assays_csv.find(",<0.01\n", p + 1))
    ++written;
  EXPECT_EQ(written, d.below_detection);
  DrillholeOptions read = drillhole::testing::declared();
  read.below_detection = BelowDetectionRule::parse("half");
  const auto db = drillhole::testing::build(d.collars_csv, d.surveys_csv, d.assays_csv, read);
  EXPECT_EQ(db.report.counts.below_detection[0], d.below_detection);
}

TEST(Synthetic, BadInput) {
  const Model m;
  auto msg = [&](const std::vector<PlannedHole>& holes, std::size_t n) {
    try {
      (void)synthesize_drilling(m.grid, std::span(m.grade).first(n), holes, {});
    } catch (const Error& e) {
      return e.formatted();
    }
    return std::string();
  };
  EXPECT_EQ(msg({}, 9),
            "error[input.bad_count]: 9 grades for a grid of 10 blocks, expected one "
            "per block");
  EXPECT_EQ(msg({{"H", 0, 0, 0, 360, -60, 10}}, 10),
            "error[input.bad_option]: planned hole 'H' azimuth is 360, expected 0 <= azimuth < "
            "360");
  EXPECT_EQ(msg({{"H", 0, 0, 0, 0, -60, 0}}, 10),
            "error[input.bad_option]: planned hole 'H' is 0 m long, expected > 0");
}
