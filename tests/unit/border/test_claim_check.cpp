// SPDX-License-Identifier: Apache-2.0
// Shares of a line's sides and claims matched against them, by hand: a line whose side A
// holds 30 of 100 m² of area, 2 of 8 t of ore and 3 of 12 g of metal.
#include <gtest/gtest.h>

#include <cmath>

#include "lodeline/border/claim_check.hpp"
#include "lodeline/border/disputed.hpp"

namespace border = lodeline::border;
using lodeline::Diagnostics;

namespace {

border::SideTally side(double area_m2, double ore_t, double metal_g) {
  border::SideTally t;
  t.area_m2 = area_m2;
  t.by_cutoff.push_back({0.8, ore_t, metal_g});
  return t;
}

border::LineResult line(const std::string& name, const std::string& a, const std::string& b) {
  border::LineResult l;
  l.scenario.name = name;
  l.scenario.side_a = a;
  l.scenario.side_b = b;
  l.sides = {side(30, 2, 3), side(70, 6, 9)};
  return l;
}

border::Claim claim(const std::string& side, double share_pct) {
  border::Claim c;
  c.source = "a ministry";
  c.date = "2020-11-20";
  c.side = side;
  c.share_pct = share_pct;
  return c;
}

}  // namespace

TEST(Shares, EachMeasureByHand) {
  const auto l = line("x", "A", "B");
  const auto area = border::shares_pct(l, border::ShareMeasure::area, false);
  EXPECT_DOUBLE_EQ(area[0], 30);
  EXPECT_DOUBLE_EQ(area[1], 70);
  EXPECT_DOUBLE_EQ(border::shares_pct(l, border::ShareMeasure::ore, false)[0], 25);
  EXPECT_DOUBLE_EQ(border::shares_pct(l, border::ShareMeasure::metal, false)[1], 75);
  // No licence: no licence share (NaN), whatever the sides hold.
  EXPECT_TRUE(std::isnan(border::shares_pct(l, border::ShareMeasure::licence_area, false)[0]));
  auto with_licence = l;
  with_licence.licence_area_m2 = {10, 30};
  EXPECT_DOUBLE_EQ(border::shares_pct(with_licence, border::ShareMeasure::licence_area, true)[0],
                   25);
}

TEST(Shares, MeasureNamesRoundTrip) {
  for (const auto m : border::kShareMeasures)
    EXPECT_EQ(border::share_measure_names().parse(border::share_measure_names().name(m)), m);
  EXPECT_FALSE(border::share_measure_names().parse("tonnes").has_value());
}

// A claim of 76 % for side B (tolerance 5): metal 75 % and ore 75 % agree, area 70 % does not.
TEST(ClaimCheck, RowsPerMeasureWithinTolerance) {
  Diagnostics diag;
  const auto checks =
      border::check_claims({claim("B", 76)}, {line("x", "A", "B")}, false, {"project.toml"}, diag);
  ASSERT_EQ(checks.size(), 1u);
  const auto& rows = checks[0].rows;
  ASSERT_EQ(rows.size(), 3u);  // area, ore, metal; no licence
  EXPECT_EQ(rows[0].measure, border::ShareMeasure::area);
  EXPECT_DOUBLE_EQ(rows[0].computed_pct, 70);
  EXPECT_FALSE(rows[0].consistent);
  EXPECT_DOUBLE_EQ(rows[1].computed_pct, 75);
  EXPECT_TRUE(rows[1].consistent);
  EXPECT_TRUE(rows[2].consistent);
  EXPECT_EQ(diag.items().size(), 0u);
}

// A claim restricted to one measure and one line; a side no line has is warned about once.
TEST(ClaimCheck, MeasureAndScenarioFilterAndUnmatchedSide) {
  auto c = claim("A", 50);
  c.measure = border::ShareMeasure::area;
  c.scenario = "y";
  Diagnostics diag;
  const auto checks = border::check_claims(
      {c, claim("C", 50)}, {line("x", "A", "B"), line("y", "B", "A")}, false, {"p.toml"}, diag);
  ASSERT_EQ(checks[0].rows.size(), 1u);
  EXPECT_EQ(checks[0].rows[0].scenario, "y");
  // On line y, A is side B: 70 % of the area.
  EXPECT_DOUBLE_EQ(checks[0].rows[0].computed_pct, 70);
  EXPECT_TRUE(checks[1].rows.empty());
  ASSERT_EQ(diag.items().size(), 1u);
  EXPECT_EQ(diag.items()[0].code, "input.claim_unmatched");
}

// Lines between the same two sides (in either order) form one group; a line between other
// sides stays alone and is not compared.
TEST(Disputed, GroupsBySideNames) {
  const std::vector<border::LineResult> lines{line("p", "A", "B"), line("q", "C", "D"),
                                              line("r", "B", "A"), line("s", "A", "B")};
  const auto groups = border::disputed_groups(lines, {});
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0], (std::vector<std::size_t>{0, 2, 3}));
  const auto named = border::disputed_groups(lines, {"s", "p"});
  ASSERT_EQ(named.size(), 1u);
  EXPECT_EQ(named[0], (std::vector<std::size_t>{3, 0}));
}
