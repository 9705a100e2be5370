// SPDX-License-Identifier: Apache-2.0
// Error formatting, exit statuses and grid index math (hand-computed values).
#include <gtest/gtest.h>

#include <cmath>

#include "lodeline/core/block_grid.hpp"
#include "lodeline/core/error.hpp"
#include "lodeline/core/units.hpp"

using namespace lodeline;

TEST(Error, Formatting) {
  const Error e("input.bad_number", "field 'au_gpt' is 'n/a', expected a number",
                {"assays.csv", 17, 4});
  EXPECT_EQ(e.formatted(), "assays.csv:17:4: error[input.bad_number]: field 'au_gpt' is 'n/a', expected a number");
  EXPECT_EQ(Error("io.cannot_open", "x").formatted(), "error[io.cannot_open]: x");
  EXPECT_EQ(Error("a.b", "m", {"f", 3, 0}).headline(), "f:3: error[a.b]: m");
}

TEST(Error, ExitStatusByCategory) {
  EXPECT_EQ(exit_status(category_of("usage.x")), 2);
  EXPECT_EQ(exit_status(category_of("input.bad_number")), 3);
  EXPECT_EQ(exit_status(category_of("geometry.self_intersecting")), 4);
  EXPECT_EQ(exit_status(category_of("crs.unknown")), 4);
  EXPECT_EQ(exit_status(category_of("numeric.singular")), 5);
  EXPECT_EQ(exit_status(category_of("io.cannot_open")), 6);
  EXPECT_EQ(exit_status(category_of("something")), 70);
}

TEST(Error, ListKeepsFirstAndCounts) {
  ErrorList list(2);
  for (int i = 1; i <= 5; ++i) list.add(Error("input.bad_number", "bad", {"f.csv", i, 1}));
  try {
    list.throw_if_any();
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.formatted(),
              "f.csv:1:1: error[input.bad_number]: bad\n"
              "f.csv:2:1: error[input.bad_number]: bad\n"
              "... and 3 more errors (5 in all)");
  }
}

TEST(BlockGrid, IndexRoundTripAndCentroid) {
  BlockGrid g;
  g.origin_m = {100, 200, 300};
  g.block_size_m = {10, 20, 5};
  g.counts = {4, 3, 2};
  EXPECT_EQ(g.index(2, 1, 1), 2 + 4 * (1 + 3 * 1));
  const auto ijk = g.ijk(g.index(3, 2, 1));
  EXPECT_EQ(ijk[0], 3);
  EXPECT_EQ(ijk[1], 2);
  EXPECT_EQ(ijk[2], 1);
  const auto c = g.centroid(2, 1, 0);  // (100 + 25, 200 + 30, 300 + 2.5)
  EXPECT_DOUBLE_EQ(c[0], 125);
  EXPECT_DOUBLE_EQ(c[1], 230);
  EXPECT_DOUBLE_EQ(c[2], 302.5);
  std::array<std::int64_t, 3> found{};
  ASSERT_TRUE(g.locate({125, 230, 302.5}, found));
  EXPECT_EQ(found, (std::array<std::int64_t, 3>{2, 1, 0}));
  EXPECT_FALSE(g.locate({99, 230, 302.5}, found));
}

TEST(BlockGrid, RotationAboutOrigin) {
  BlockGrid g;
  g.origin_m = {1000, 2000, 0};
  g.rotation_deg = 90;  // the i axis points north
  const Point2 w = g.to_world({10, 0});
  EXPECT_NEAR(w.x, 1000, 1e-9);
  EXPECT_NEAR(w.y, 2010, 1e-9);
  const Point2 back = g.to_local(w);
  EXPECT_NEAR(back.x, 10, 1e-9);
  EXPECT_NEAR(back.y, 0, 1e-9);
}

TEST(BlockGrid, ValidateRejects) {
  BlockGrid g;
  g.counts = {0, 1, 1};
  try {
    g.validate();
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.message(), "block count along x is 0, expected a positive integer");
  }
  g.counts = {1, 1, 1};
  g.block_size_m = {1, 0, 1};
  try {
    g.validate();
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.message(), "block size along y is 0, expected a positive number of metres");
  }
}

TEST(Units, TroyOunce) {
  EXPECT_DOUBLE_EQ(units::grams_to_troy_oz(31.1034768), 1.0);
  EXPECT_NEAR(units::grams_to_troy_oz(1e6), 32150.7466, 1e-4);  // 1 t ~ 32,150.75 oz
}
