// SPDX-License-Identifier: Apache-2.0
// Joint and standalone pits against hand calculations on 2D sections (ny = 1).
//
// Economics (hand): 1555.17384 USD/oz = 50 USD/g, recovery 0.8 -> 40 USD per contained g;
// mining 4 USD/t, processing + transport 16 USD/t. Blocks 10 m cubes at 2.5 t/m3 = 2,500 t.
//   waste (0 g/t): -2,500 x 4 = -10,000 USD
//   ore (2 g/t):   2,500 x 2 x 40 - 2,500 x 16 - 10,000 = 150,000 USD
// Slope 45 deg over 1 bench on 10 m cubes: a block needs the three blocks above it
// (i-1, i, i+1 on the bench above).
#include <gtest/gtest.h>

#include <cmath>

#include "lodeline/border/split.hpp"
#include "lodeline/borderpit/border_pits.hpp"
#include "support/hand_economics.hpp"

using namespace lodeline;

namespace {

economics::EconomicsOptions hand() { return lodeline::test::hand_economics(); }

struct Case {
  BlockGrid grid;
  std::vector<double> grade, tonnes;
  std::vector<border::LineResult> scenarios;
};

// nx x 1 x 2 section; ore at the given bottom-bench columns; a north-going line at x = line_x.
Case make_case(std::int64_t nx, std::vector<std::int64_t> ore_columns, double line_x) {
  Case c;
  c.grid.block_size_m = {10, 10, 10};
  c.grid.counts = {nx, 1, 2};
  c.grade.assign(static_cast<std::size_t>(nx * 2), 0.0);
  for (auto i : ore_columns) c.grade[static_cast<std::size_t>(i)] = 2.0;
  c.tonnes.assign(c.grade.size(), 2500.0);
  border::LineResult s;
  s.scenario.name = "line";
  s.scenario.side_a = "West";
  s.scenario.side_b = "East";
  s.split = border::split_columns(c.grid, {{line_x, -5}, {line_x, 15}});
  c.scenarios.push_back(s);
  return c;
}

borderpit::PitOptions one_bench(const std::string& rule) {
  const auto straddling = borderpit::straddling_names().parse(rule);
  EXPECT_TRUE(straddling.has_value()) << rule;
  borderpit::PitOptions o;
  o.slope_deg = 45;
  o.benches = 1;
  o.straddling = straddling.value_or(borderpit::Straddling::forbidden);
  return o;
}

}  // namespace

// Ore under the line at columns 1 and 2 (line at x = 20): each side's ore needs one block of
// the other side above it, so both standalone pits are empty; the joint pit takes the 4 top
// blocks and both ore blocks: 2 x 150,000 - 4 x 10,000 = 260,000 USD, 10 kg of gold, all
// sterilised by the border. Allocated by footprint: each side 150,000 - 20,000 = 130,000.
TEST(BorderPits, OreUnderTheLineIsSterilised) {
  const auto c = make_case(4, {1, 2}, 20);
  for (const char* rule : {"forbidden", "majority", "shared"}) {
    const auto sec =
        borderpit::run_border_pits(c.grid, c.grade, c.tonnes, c.scenarios, hand(), one_bench(rule));
    EXPECT_EQ(sec.pattern_offsets, 5);  // (0,0,1), (±1,0,1), (0,±1,1); ny = 1 drops the y ones
    EXPECT_EQ(sec.joint.blocks, 6) << rule;
    EXPECT_NEAR(sec.joint.value_usd, 260000, 1e-6);
    EXPECT_NEAR(sec.joint.metal_g, 10000, 1e-9);
    EXPECT_NEAR(sec.joint.ore_t, 5000, 1e-9);
    EXPECT_NEAR(sec.joint.waste_t, 10000, 1e-9);
    ASSERT_EQ(sec.lines.size(), 1u);
    const auto& l = sec.lines[0];
    EXPECT_EQ(l.standalone[0].blocks, 0) << rule;
    EXPECT_EQ(l.standalone[1].blocks, 0) << rule;
    EXPECT_NEAR(l.sterilised_value_usd, 260000, 1e-6);
    EXPECT_NEAR(l.sterilised_metal_g, 10000, 1e-9);
    EXPECT_NEAR(l.joint.side_value_usd[0], 130000, 1e-6);
    EXPECT_NEAR(l.joint.side_value_usd[1], 130000, 1e-6);
  }
}

// Ore well inside each side (columns 1 and 4 of 6, line at x = 30): each side mines its own
// 3 + 1 blocks for 150,000 - 30,000 = 120,000 USD; the joint pit is the union; nothing is
// sterilised. Mine life of a side at 320 kt/y: 2,500 t / 320,000 t/y.
TEST(BorderPits, SeparatePitsLoseNothing) {
  const auto c = make_case(6, {1, 4}, 30);
  const auto sec = borderpit::run_border_pits(c.grid, c.grade, c.tonnes, c.scenarios, hand(),
                                              one_bench("forbidden"));
  const auto& l = sec.lines[0];
  EXPECT_EQ(l.standalone[0].blocks, 4);
  EXPECT_EQ(l.standalone[1].blocks, 4);
  EXPECT_NEAR(l.standalone[0].value_usd, 120000, 1e-6);
  EXPECT_NEAR(l.standalone[1].value_usd, 120000, 1e-6);
  EXPECT_NEAR(sec.joint.value_usd, 240000, 1e-6);
  EXPECT_NEAR(l.sterilised_value_usd, 0, 1e-6);
  EXPECT_NEAR(l.standalone[0].ore_t / sec.production_rates_t_per_y[0], 2500.0 / 320000.0, 1e-12);
}

// Line through the middle of column 1 (x = 15) with ore at column 1 only: "forbidden" and
// "majority" (f = 0.5 is not more than half) keep both sides out of column 1; "shared" lets the
// west side mine it owning half: (150,000 - 30,000 of the three blocks above) ... but the
// block above-right (column 2) is wholly east, so west still cannot reach the ore.
TEST(BorderPits, StraddlingRules) {
  const auto c = make_case(4, {1}, 15);
  for (const char* rule : {"forbidden", "majority", "shared"}) {
    const auto sec =
        borderpit::run_border_pits(c.grid, c.grade, c.tonnes, c.scenarios, hand(), one_bench(rule));
    EXPECT_EQ(sec.lines[0].standalone[0].blocks, 0) << rule;
    EXPECT_NEAR(sec.joint.value_usd, 120000, 1e-6);
  }
  // Wider: ore at column 1 of 4 with the line at x = 25 (through column 2). West owns
  // columns 0, 1 and half of 2. forbidden: column 2 closed -> nothing. majority: 0.5 is not
  // a majority -> nothing. shared: west mines column 2's top block paying half its cost:
  // 150,000 - 10,000 - 10,000 - 5,000 = 125,000.
  const auto w = make_case(4, {1}, 25);
  EXPECT_EQ(borderpit::run_border_pits(w.grid, w.grade, w.tonnes, w.scenarios, hand(),
                                       one_bench("forbidden"))
                .lines[0]
                .standalone[0]
                .blocks,
            0);
  EXPECT_EQ(borderpit::run_border_pits(w.grid, w.grade, w.tonnes, w.scenarios, hand(),
                                       one_bench("majority"))
                .lines[0]
                .standalone[0]
                .blocks,
            0);
  const auto shared = borderpit::run_border_pits(w.grid, w.grade, w.tonnes, w.scenarios, hand(),
                                                 one_bench("shared"));
  EXPECT_EQ(shared.lines[0].standalone[0].blocks, 4);
  EXPECT_NEAR(shared.lines[0].standalone[0].value_usd, 125000, 1e-6);
}

// Side economics: the west side treats ore at its own plant for 200 USD/t more. Its 2 g/t
// block then earns 200,000 - 2,500 x 216 = -340,000 as ore (waste: -10,000), below the marginal
// cut-off (216 / 40 = 5.4 g/t): the west pit is empty. The east pit is unchanged (120,000); the
// joint pit (project economics) still takes both: 240,000 - 0 - 120,000 = 120,000 is lost.
TEST(BorderPits, SideEconomics) {
  const auto c = make_case(6, {1, 4}, 30);
  auto opts = one_bench("forbidden");
  auto west = hand();
  west.processing_cost_usd_per_t += 200;
  opts.side_economics["West"] = west;
  const auto sec = borderpit::run_border_pits(c.grid, c.grade, c.tonnes, c.scenarios, hand(), opts);
  const auto& l = sec.lines[0];
  EXPECT_TRUE(l.own_economics[0]);
  EXPECT_FALSE(l.own_economics[1]);
  EXPECT_NEAR(l.marginal_cutoff_gpt[0], 5.4, 1e-12);
  EXPECT_NEAR(l.marginal_cutoff_gpt[1], 0.4, 1e-12);
  EXPECT_EQ(l.standalone[0].blocks, 0);
  EXPECT_NEAR(l.standalone[1].value_usd, 120000, 1e-6);
  EXPECT_NEAR(sec.joint.value_usd, 240000, 1e-6);
  EXPECT_NEAR(l.sterilised_value_usd, 120000, 1e-6);
}

// Slope by zone: every block in zone 7 at 89 deg needs only the block directly above
// (10 m / tan 89 deg = 0.17 m of reach). Ore under the line at columns 1 and 2 is then
// reachable by each side alone: 150,000 - 10,000 = 140,000 each; joint 280,000; nothing lost.
TEST(BorderPits, SlopeByZone) {
  const auto c = make_case(4, {1, 2}, 20);
  auto opts = one_bench("forbidden");
  opts.zone_column = "zone";
  opts.zone_slope_deg[7] = 89;
  const std::vector<std::int64_t> zones(c.grade.size(), 7);
  const auto sec =
      borderpit::run_border_pits(c.grid, c.grade, c.tonnes, c.scenarios, hand(), opts, &zones);
  const auto& l = sec.lines[0];
  EXPECT_NEAR(l.standalone[0].value_usd, 140000, 1e-6);
  EXPECT_NEAR(l.standalone[1].value_usd, 140000, 1e-6);
  EXPECT_NEAR(sec.joint.value_usd, 280000, 1e-6);
  EXPECT_NEAR(l.sterilised_value_usd, 0, 1e-6);
  // Blocks of zones without an entry keep the default 45 deg pattern: the first case again.
  const std::vector<std::int64_t> other(c.grade.size(), 3);
  const auto dflt =
      borderpit::run_border_pits(c.grid, c.grade, c.tonnes, c.scenarios, hand(), opts, &other);
  EXPECT_NEAR(dflt.lines[0].sterilised_value_usd, 260000, 1e-6);
}

// Slope by azimuth sector: faces toward the east half (azimuth 0-180) at 89 deg, toward the
// west half at 45 deg. An offset toward the east (dx = +1, azimuth 90) is outside the cone, one
// toward the west (dx = -1, azimuth 270) inside: each block needs (i, k+1) and (i-1, k+1).
// West ore (1,0) needs (1,1), (0,1): 150,000 - 20,000 = 130,000. East ore (2,0) needs (1,1),
// which is west: the east pit is empty. Joint: tops 0..2 and both ores = 270,000.
TEST(BorderPits, SlopeBySector) {
  const auto c = make_case(4, {1, 2}, 20);
  auto opts = one_bench("forbidden");
  opts.sectors = {{0, 180, 89}, {180, 360, 45}};
  const auto sec = borderpit::run_border_pits(c.grid, c.grade, c.tonnes, c.scenarios, hand(), opts);
  const auto& l = sec.lines[0];
  EXPECT_NEAR(l.standalone[0].value_usd, 130000, 1e-6);
  EXPECT_EQ(l.standalone[1].blocks, 0);
  EXPECT_NEAR(sec.joint.value_usd, 270000, 1e-6);
  EXPECT_NEAR(l.sterilised_value_usd, 140000, 1e-6);
}

// Where a pit meets the model's limits (then the model bounds its figures). A 5 x 5 x 2 model
// with one ore block on the lowest bench: at the centre (2, 2) its pit is that block and the
// five above it (centre and its four neighbours, 150,000 - 5 x 10,000 > 0): no column on the
// model's outer ring, one column down to the lowest bench. At the corner (0, 0) the pit is the
// block and the three above it inside the model: all three columns are on the ring.
TEST(BorderPits, PitsAtTheModelLimitsAreCounted) {
  for (const std::int64_t ore : {2 + 5 * 2, 0}) {
    Case c;
    c.grid.block_size_m = {10, 10, 10};
    c.grid.counts = {5, 5, 2};
    c.grade.assign(50, 0.0);
    c.grade[static_cast<std::size_t>(ore)] = 2.0;
    c.tonnes.assign(50, 2500.0);
    border::LineResult s;
    s.scenario.name = "line";
    s.split = border::split_columns(c.grid, {{25, -5}, {25, 55}});
    c.scenarios.push_back(s);
    const auto sec = borderpit::run_border_pits(c.grid, c.grade, c.tonnes, c.scenarios, hand(),
                                                one_bench("forbidden"));
    if (ore != 0) {
      EXPECT_EQ(sec.joint.blocks, 6);
      EXPECT_EQ(sec.joint.edge_columns, 0);
      EXPECT_EQ(sec.joint.floor_columns, 1);
    } else {
      EXPECT_EQ(sec.joint.blocks, 4);
      EXPECT_EQ(sec.joint.edge_columns, 3);
      EXPECT_EQ(sec.joint.floor_columns, 1);
      EXPECT_TRUE(sec.lines[0].joint.at_model_limits());
    }
  }
}
