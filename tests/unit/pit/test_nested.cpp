// SPDX-License-Identifier: Apache-2.0
// Nested pits by revenue factor: a hand-computed model, random agreement with independent
// solves, the pit-by-pit table and the errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "lodeline/core/error.hpp"
#include "lodeline/pit/closure.hpp"
#include "lodeline/pit/nested.hpp"

using namespace lodeline;
using pit::BlockEconomics;
using pit::ExplicitPrecedence;
using pit::Offset;
using pit::RegularPattern;

namespace {

using Ids = std::vector<std::int64_t>;

ExplicitPrecedence from_rows(const std::vector<Ids>& rows) {
  ExplicitPrecedence p;
  for (const Ids& row : rows) {
    p.targets.insert(p.targets.end(), row.begin(), row.end());
    p.offsets.push_back(static_cast<std::int64_t>(p.targets.size()));
  }
  return p;
}

/// The same precedence as a pattern, written out arc by arc.
ExplicitPrecedence explicit_of(const RegularPattern& m) {
  std::vector<Ids> rows(static_cast<std::size_t>(m.block_count()));
  for (std::int64_t v = 0; v < m.block_count(); ++v) {
    const std::int64_t i = v % m.nx, j = (v / m.nx) % m.ny, k = v / (m.nx * m.ny);
    for (const Offset& o : m.offsets) {
      const std::int64_t a = i + o.dx, b = j + o.dy, c = k + o.dz;
      if (a >= 0 && a < m.nx && b >= 0 && b < m.ny && c >= 0 && c < m.nz)
        rows[static_cast<std::size_t>(v)].push_back(a + m.nx * (b + m.ny * c));
    }
  }
  return from_rows(rows);
}

/// 45 degrees, one bench: a block requires the three blocks above it (x-z section).
RegularPattern section_5x2() { return RegularPattern{5, 1, 2, {{-1, 0, 1}, {0, 0, 1}, {1, 0, 1}}}; }

// The hand example. Ids: bottom bench (k = 0) 0..4, top bench (k = 1) 5..9; bottom block i
// requires top blocks i-1, i, i+1 (those inside the model):
//
//     top     5   6   7   8   9
//     bottom  0   1   2   3   4
//
// Economics (revenue, processing, mining) and the values max(rf*R - P, 0) - M:
//   5..8  (0, 0, 1)   -1 at every factor
//   9     (8, 1, 1)   rf 0.5: max(4-1,0)-1 = 2    rf 1: 6     rf 2: 14
//   0, 4  (0, 0, 1)   -1
//   1     (6, 2, 1)   rf 0.5: max(3-2,0)-1 = 0    rf 1: 3     rf 2: 9
//   2     (12, 2, 1)  rf 0.5: max(6-2,0)-1 = 3    rf 1: 9     rf 2: 21
//   3     (2, 2, 1)   rf 0.5: -1                  rf 1: -1 (2-2 = 0 is not > 0, waste)
//                     rf 2: 4-2-1 = 1
// rf 0.5: {9} = 2. Block 2 with 6, 7, 8 is 3 - 3 = 0: a tie, left out of the minimal pit;
//         block 1 (0) would need 5, 6, 7 as well.
// rf 1:   {9} = 6; + {2, 6, 7, 8}: 9 - 3 = +6; + {1, 5}: 3 - 1 = +2; block 3 (-1, its
//         required 7, 8, 9 already in) no; 0 and 4 (-1) no. Pit {1,2,5,6,7,8,9} = 14.
// rf 2:   the same blocks, now 9 + 21 + 14 - 4 = 40, + block 3 (1, all required in) = 41;
//         0, 4 no. Pit {1,2,3,5,6,7,8,9} = 41.
// Shells: 9 -> 0; 1, 2, 5, 6, 7, 8 -> 1; 3 -> 2; 0, 4 -> -1.
std::vector<BlockEconomics> hand_economics() {
  std::vector<BlockEconomics> e(10, BlockEconomics{0, 0, 1});
  e[9] = {8, 1, 1};
  e[1] = {6, 2, 1};
  e[2] = {12, 2, 1};
  e[3] = {2, 2, 1};
  return e;
}

const std::vector<double> hand_factors{0.5, 1.0, 2.0};
const Ids hand_shells{-1, 1, 1, 2, -1, 1, 1, 1, 1, 0};

template <class F>
std::string code_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.code();
  }
  return "no error";
}

bool is_subset(const Ids& a, const Ids& b) {  // both ascending
  return std::includes(b.begin(), b.end(), a.begin(), a.end());
}

/// Solves every factor on its own over the full graph and compares with the nested result.
template <class Graph>
void expect_matches_independent(const pit::NestedPitsResult& r,
                                const std::vector<BlockEconomics>& e, const Graph& g,
                                const std::vector<double>& factors, double scale) {
  Ids previous;
  for (std::size_t k = 0; k < factors.size(); ++k) {
    std::vector<std::int64_t> values;
    for (const auto& b : e) values.push_back(pit::block_value_units(b, factors[k], scale));
    const auto alone = pit::max_closure(values, g);
    EXPECT_EQ(r.pit(k), alone.mined) << "factor " << factors[k];
    EXPECT_EQ(r.value[k], alone.value) << "factor " << factors[k];
    EXPECT_EQ(r.pit_blocks[k], static_cast<std::int64_t>(alone.mined.size()));
    EXPECT_DOUBLE_EQ(r.value_usd[k], static_cast<double>(alone.value) / scale);
    // The theorem, on the independent solves: minimal pits are nested.
    EXPECT_TRUE(is_subset(previous, alone.mined)) << "factor " << factors[k];
    previous = alone.mined;
  }
}

}  // namespace

TEST(NestedPits, BlockValueAndRounding) {
  const BlockEconomics b{10, 4, 1};
  EXPECT_FALSE(pit::is_ore(b, 0.4));  // 4 - 4 = 0 does not pay
  EXPECT_TRUE(pit::is_ore(b, 0.5));
  EXPECT_DOUBLE_EQ(pit::block_value_usd(b, 0.4), -1);
  EXPECT_DOUBLE_EQ(pit::block_value_usd(b, 0.5), 0);
  EXPECT_DOUBLE_EQ(pit::block_value_usd(b, 2), 15);
  // Half away from zero.
  EXPECT_EQ(pit::block_value_units({5, 0, 2.5}, 1, 1), 3);
  EXPECT_EQ(pit::block_value_units({0, 0, 0.5}, 1, 1), -1);
  EXPECT_EQ(pit::block_value_units({0, 0, 0.25}, 1, 1), 0);
  EXPECT_EQ(pit::block_value_units({1.25, 0, 0}, 1, 100), 125);
}

TEST(NestedPits, HandExampleRegularAndExplicit) {
  const auto e = hand_economics();
  const auto pattern = section_5x2();
  const auto r = pit::nested_pits(e, pattern, hand_factors);
  EXPECT_EQ(r.shell, hand_shells);
  EXPECT_EQ(r.pit_blocks, (Ids{1, 7, 8}));
  EXPECT_EQ(r.value, (Ids{2, 14, 41}));
  EXPECT_EQ(r.value_usd, (std::vector<double>{2, 14, 41}));
  EXPECT_EQ(r.pit(0), (Ids{9}));
  EXPECT_EQ(r.pit(1), (Ids{1, 2, 5, 6, 7, 8, 9}));
  EXPECT_EQ(r.pit(2), (Ids{1, 2, 3, 5, 6, 7, 8, 9}));
  EXPECT_EQ(code_of([&] { (void)r.pit(3); }), "internal.pit_size");

  const auto x = pit::nested_pits(e, explicit_of(pattern), hand_factors);
  EXPECT_EQ(x.shell, hand_shells);
  EXPECT_EQ(x.value, r.value);
  expect_matches_independent(r, e, pattern, hand_factors, 1);
}

TEST(NestedPits, HandExampleTable) {
  const auto e = hand_economics();
  const auto r = pit::nested_pits(e, section_5x2(), hand_factors);
  // Tonnes: bottom bench 20 t, top bench 10 t. Metal: 0 -> 7 (never mined), 1 -> 3, 2 -> 5,
  // 3 -> 1, 5 -> 2 (waste: not counted), 9 -> 4.
  const std::vector<double> tonnes{20, 20, 20, 20, 20, 10, 10, 10, 10, 10};
  const std::vector<double> metal{7, 3, 5, 1, 0, 2, 0, 0, 0, 4};
  const auto rows = pit::pit_by_pit_table(r, e, tonnes, metal);
  ASSERT_EQ(rows.size(), 3u);
  // rf 0.5: pit {9}; 9 is ore (4 - 1 > 0). At rf 1 it is worth 6.
  EXPECT_EQ(rows[0].revenue_factor, 0.5);
  EXPECT_EQ(rows[0].blocks, 1);
  EXPECT_EQ(rows[0].ore_blocks, 1);
  EXPECT_EQ(rows[0].waste_blocks, 0);
  EXPECT_EQ(rows[0].value_usd, 6);
  EXPECT_EQ(rows[0].value_usd_at_factor, 2);
  EXPECT_EQ(rows[0].ore_t, 10);
  EXPECT_EQ(rows[0].waste_t, 0);
  EXPECT_EQ(rows[0].strip_ratio, 0);
  EXPECT_EQ(rows[0].metal_g, 4);
  // rf 1: ore 1, 2, 9 (50 t, metal 12); waste 5..8 (40 t); value 14 at rf 1.
  EXPECT_EQ(rows[1].blocks, 7);
  EXPECT_EQ(rows[1].ore_blocks, 3);
  EXPECT_EQ(rows[1].waste_blocks, 4);
  EXPECT_EQ(rows[1].value_usd, 14);
  EXPECT_EQ(rows[1].value_usd_at_factor, 14);
  EXPECT_EQ(rows[1].ore_t, 50);
  EXPECT_EQ(rows[1].waste_t, 40);
  EXPECT_DOUBLE_EQ(*rows[1].strip_ratio, 0.8);
  EXPECT_EQ(rows[1].metal_g, 12);
  // rf 2: block 3 joins as ore (4 - 2 > 0): ore 1, 2, 3, 9 (70 t, metal 13); value at rf 1
  // is 14 + (-1) = 13, at rf 2 it is 41.
  EXPECT_EQ(rows[2].blocks, 8);
  EXPECT_EQ(rows[2].ore_blocks, 4);
  EXPECT_EQ(rows[2].waste_blocks, 4);
  EXPECT_EQ(rows[2].value_usd, 13);
  EXPECT_EQ(rows[2].value_usd_at_factor, 41);
  EXPECT_EQ(rows[2].ore_t, 70);
  EXPECT_EQ(rows[2].waste_t, 40);
  EXPECT_DOUBLE_EQ(*rows[2].strip_ratio, 40.0 / 70.0);
  EXPECT_EQ(rows[2].metal_g, 13);

  // Without tonnes and metal the columns are left out.
  const auto bare = pit::pit_by_pit_table(r, e);
  EXPECT_FALSE(bare[1].ore_t.has_value());
  EXPECT_FALSE(bare[1].strip_ratio.has_value());
  EXPECT_FALSE(bare[1].metal_g.has_value());
  EXPECT_EQ(bare[1].ore_blocks, 3);
}

TEST(NestedPits, StripRatioWithoutOre) {
  // An ore block of 0 t below a waste block of 10 t: waste but no ore tonnes.
  const std::vector<BlockEconomics> e{{0, 0, 1}, {5, 0, 0}};
  const auto r = pit::nested_pits(e, from_rows({{}, {0}}), {1.0});
  EXPECT_EQ(r.pit(0), (Ids{0, 1}));
  const auto rows = pit::pit_by_pit_table(r, e, {10, 0});
  EXPECT_EQ(rows[0].ore_t, 0);
  EXPECT_EQ(rows[0].waste_t, 10);
  EXPECT_TRUE(std::isinf(*rows[0].strip_ratio));
}

TEST(NestedPits, ScaleDecidesTies) {
  // Block 0 (1.40 USD) requires block 1 (-1.20 USD). In whole dollars 1 - 1 = 0 (a tie, not
  // mined); in cents 140 - 120 = 20 (mined).
  const std::vector<BlockEconomics> e{{1.4, 0, 0}, {0, 0, 1.2}};
  const auto g = from_rows({{1}, {}});
  const auto dollars = pit::nested_pits(e, g, {1.0});
  EXPECT_EQ(dollars.shell, (Ids{-1, -1}));
  const auto cents = pit::nested_pits(e, g, {1.0}, {.value_units_per_usd = 100});
  EXPECT_EQ(cents.shell, (Ids{0, 0}));
  EXPECT_EQ(cents.value, (Ids{20}));
  EXPECT_DOUBLE_EQ(cents.value_usd[0], 0.2);
}

TEST(NestedPits, NoFactorsAndEmptyPits) {
  const auto e = hand_economics();
  const auto none = pit::nested_pits(e, section_5x2(), {});
  EXPECT_EQ(none.shell, Ids(10, -1));
  EXPECT_TRUE(none.value.empty());
  EXPECT_TRUE(pit::pit_by_pit_table(none, e).empty());
  // Factors too small for anything: all pits empty, later solves skipped.
  const auto tiny = pit::nested_pits(e, section_5x2(), {0.01, 0.1});
  EXPECT_EQ(tiny.shell, Ids(10, -1));
  EXPECT_EQ(tiny.value, (Ids{0, 0}));
}

TEST(NestedPits, RandomInstancesAgreeWithIndependentSolves) {
  std::mt19937_64 rng(20240611);
  auto uniform = [&](std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
  };
  int growing = 0;  // trials whose pits differ between the smallest and the largest factor
  for (int trial = 0; trial < 100; ++trial) {
    const std::int64_t nx = uniform(1, 7), ny = uniform(1, 3), nz = uniform(1, 4);
    RegularPattern pattern{nx, ny, nz, {}};
    if (trial % 2 == 0) {
      for (std::int64_t dy = -1; dy <= 1; ++dy)
        for (std::int64_t dx = -1; dx <= 1; ++dx) pattern.offsets.push_back({dx, dy, 1});
    } else {
      pattern.offsets = {{0, 0, 1}, {-1, 0, 1}, {1, 0, 1}, {0, -1, 1}, {0, 1, 1}};
    }
    const std::int64_t n = pattern.block_count();
    std::vector<BlockEconomics> e(static_cast<std::size_t>(n));
    for (auto& b : e) {
      b.revenue_usd = uniform(0, 1) == 0 ? 0.0 : static_cast<double>(uniform(0, 24));
      b.processing_cost_usd = static_cast<double>(uniform(0, 8));
      b.mining_cost_usd = static_cast<double>(uniform(0, 3));
    }
    // 1..5 strictly increasing factors from the quarters 0.25 .. 3 (exact in binary, so
    // many ties survive at a scale of 1 and of 4).
    std::vector<double> factors;
    for (std::int64_t q = 1; q <= 12; ++q)
      if (uniform(0, 2) == 0) factors.push_back(static_cast<double>(q) / 4);
    if (factors.empty()) factors.push_back(1.0);
    while (factors.size() > 5) factors.erase(factors.begin() + uniform(0, 4));
    const double scale = trial % 3 == 0 ? 4.0 : 1.0;

    SCOPED_TRACE("trial " + std::to_string(trial));
    const auto r = pit::nested_pits(e, pattern, factors, {.value_units_per_usd = scale});
    expect_matches_independent(r, e, pattern, factors, scale);
    for (std::size_t k = 1; k < factors.size(); ++k) EXPECT_TRUE(is_subset(r.pit(k - 1), r.pit(k)));
    const auto explicit_graph = explicit_of(pattern);
    const auto x = pit::nested_pits(e, explicit_graph, factors, {.value_units_per_usd = scale});
    EXPECT_EQ(x.shell, r.shell);
    EXPECT_EQ(x.value, r.value);
    if (r.pit_blocks.front() != r.pit_blocks.back()) ++growing;
  }
  EXPECT_GE(growing, 30);  // the instances exercise the reuse, not only empty pits
}

TEST(NestedPits, RandomExplicitDagsAgreeWithIndependentSolves) {
  std::mt19937_64 rng(7);
  auto uniform = [&](std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
  };
  int growing = 0;
  for (int trial = 0; trial < 100; ++trial) {
    const std::int64_t n = uniform(1, 30);
    std::vector<Ids> rows(static_cast<std::size_t>(n));
    for (std::int64_t v = 0; v < n; ++v)
      for (std::int64_t t = v + 1; t < n; ++t)
        if (uniform(0, 5) == 0) rows[static_cast<std::size_t>(v)].push_back(t);
    const auto g = from_rows(rows);
    std::vector<BlockEconomics> e(static_cast<std::size_t>(n));
    for (auto& b : e)
      b = {static_cast<double>(uniform(0, 30)), static_cast<double>(uniform(0, 10)),
           static_cast<double>(uniform(0, 4))};
    const std::vector<double> factors{0.5, 0.75, 1.0, 1.5, 2.0};
    SCOPED_TRACE("trial " + std::to_string(trial));
    const auto r = pit::nested_pits(e, g, factors);
    expect_matches_independent(r, e, g, factors, 1);
    if (r.pit_blocks.front() != r.pit_blocks.back()) ++growing;
  }
  EXPECT_GE(growing, 30);
}

TEST(NestedPits, Errors) {
  const auto e = hand_economics();
  const auto g = section_5x2();
  EXPECT_EQ(code_of([&] { (void)pit::nested_pits(e, g, {1.0, 1.0}); }), "input.bad_option");
  EXPECT_EQ(code_of([&] { (void)pit::nested_pits(e, g, {2.0, 1.0}); }), "input.bad_option");
  EXPECT_EQ(code_of([&] { (void)pit::nested_pits(e, g, {0.0, 1.0}); }), "input.bad_option");
  EXPECT_EQ(code_of([&] {
              (void)pit::nested_pits(e, g, {std::nan(""), 1.0});
            }),
            "input.bad_option");
  EXPECT_EQ(code_of([&] { (void)pit::nested_pits(e, g, {1.0}, {.value_units_per_usd = 0}); }),
            "input.bad_option");

  auto negative = e;
  negative[4].revenue_usd = -1;
  EXPECT_EQ(code_of([&] { (void)pit::nested_pits(negative, g, {1.0}); }), "input.bad_number");
  auto infinite = e;
  infinite[2].mining_cost_usd = std::numeric_limits<double>::infinity();
  EXPECT_EQ(code_of([&] { (void)pit::nested_pits(infinite, g, {1.0}); }), "input.bad_number");

  const std::vector<BlockEconomics> short_economics(9);
  EXPECT_EQ(code_of([&] { (void)pit::nested_pits(short_economics, g, {1.0}); }), "input.bad_count");

  // One block value beyond int64, and two values whose sum is.
  auto huge = e;
  huge[9].revenue_usd = 1e19;
  EXPECT_EQ(code_of([&] { (void)pit::nested_pits(huge, g, {1.0}); }), "numeric.overflow");
  EXPECT_EQ(code_of([&] {
              (void)pit::block_value_units({1e17, 0, 0}, 1, 100);
            }),
            "numeric.overflow");
  const std::vector<BlockEconomics> big{{5e18, 0, 0}, {5e18, 0, 0}};
  EXPECT_EQ(code_of([&] {
              (void)pit::nested_pits(big, from_rows({{}, {}}), {1.0});
            }),
            "numeric.overflow");

  const auto r = pit::nested_pits(e, g, hand_factors);
  EXPECT_EQ(code_of([&] { (void)pit::pit_by_pit_table(r, e, {1, 2}); }), "input.bad_count");
  EXPECT_EQ(code_of([&] { (void)pit::pit_by_pit_table(r, e, {}, std::vector<double>(10, -1)); }),
            "input.bad_number");
  EXPECT_EQ(code_of([&] { (void)pit::pit_by_pit_table(r, short_economics); }), "input.bad_count");
  // A bad pattern is reported by the closure solver.
  const RegularPattern upward{5, 1, 2, {{0, 0, -1}}};
  EXPECT_EQ(code_of([&] { (void)pit::nested_pits(e, upward, {1.0}); }), "input.bad_pattern");
}
