// SPDX-License-Identifier: Apache-2.0
// Cut-off grades and block values against hand calculations.
#include <gtest/gtest.h>

#include <cmath>

#include "lodeline/core/error.hpp"
#include "lodeline/economics/economics.hpp"
#include "support/hand_economics.hpp"

using namespace lodeline;
using economics::EconomicsOptions;

// Hand: price 1555.17384 USD/oz = 50 USD/g (1555.17384 / 31.1034768 = 50), payability 1,
// selling 0, recovery 0.8, royalty 0 -> net 40 USD per contained g.
// Break-even with mining 4 + processing 12 + transport 4 = 20 USD/t -> 0.5 g/t;
// marginal (processing + transport = 16 USD/t) -> 0.4 g/t.
EconomicsOptions hand() { return lodeline::test::hand_economics(); }

TEST(Economics, CutoffsByHand) {
  const auto o = hand();
  EXPECT_NEAR(o.net_usd_per_g_contained(), 40.0, 1e-12);
  EXPECT_NEAR(o.breakeven_cutoff_gpt(4), 0.5, 1e-12);
  EXPECT_NEAR(o.marginal_cutoff_gpt(), 0.4, 1e-12);
  auto r = o;
  r.royalty_frac = 0.5;  // halves the net revenue, doubles the cut-offs
  EXPECT_NEAR(r.breakeven_cutoff_gpt(4), 1.0, 1e-12);
}

TEST(Economics, BlockValuesByHand) {
  BlockGrid g;
  g.counts = {3, 1, 2};
  auto o = hand();
  o.mining_cost_increase_usd_per_t_per_bench = 1;  // bottom bench (k = 0) costs 5 USD/t
  // Blocks: k=0: 1 g/t, 0.45 g/t, absent; k=1: 0.3 g/t, 2 g/t, 0.45 g/t; 100 t each.
  const std::vector<double> grade{1, 0.45, NAN, 0.3, 2, 0.45};
  const std::vector<double> tonnes(6, 100);
  const auto v = economics::block_values(g, grade, tonnes, o);
  // (1) 100 t x 1 g/t x 40 = 4000 revenue - 1600 ore cost - 500 mining = 1900
  EXPECT_NEAR(v.value_usd[0], 1900, 1e-9);
  // (2) 0.45 >= 0.4 marginal: milled, 1800 - 1600 - 500 = -300 (better than waste -500)
  EXPECT_NEAR(v.value_usd[1], -300, 1e-9);
  EXPECT_EQ(v.destination[1], economics::Destination::mill);
  EXPECT_EQ(v.destination[2], economics::Destination::none);
  EXPECT_EQ(v.value_usd[2], 0);
  // (4) 0.3 < 0.4: waste, -400 at the top bench
  EXPECT_NEAR(v.value_usd[3], -400, 1e-9);
  EXPECT_EQ(v.destination[3], economics::Destination::waste);
  EXPECT_NEAR(v.value_usd[4], 8000 - 1600 - 400, 1e-9);
}

TEST(Economics, BadOptions) {
  auto o = hand();
  o.recovery_frac = 1.2;
  try {
    o.validate();
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.formatted(),
              "error[input.bad_option]: 'recovery_frac' is 1.2, expected a fraction in (0, 1]");
  }
  o = hand();
  o.processing_cost_usd_per_t = -1;
  EXPECT_THROW(o.validate(), Error);
}
