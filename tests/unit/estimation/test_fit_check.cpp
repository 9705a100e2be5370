// SPDX-License-Identifier: Apache-2.0
// The sanity check of a fitted variogram against hand numbers: four samples on the corners of
// a 30 x 40 m rectangle (diagonal 50 m) with values 0, 2, 4, 6 (variance 20/3).
#include <gtest/gtest.h>

#include "lodeline/estimation/estimation.hpp"

using namespace lodeline;

namespace {

std::vector<variogram::Sample> corners() {
  std::vector<variogram::Sample> s(4);
  const double xy[4][2] = {{0, 0}, {30, 0}, {0, 40}, {30, 40}};
  for (std::size_t k = 0; k < 4; ++k) {
    s[k].x_m = xy[k][0];
    s[k].y_m = xy[k][1];
    s[k].value = 2.0 * static_cast<double>(k);
  }
  return s;
}

variogram::VariogramModel model(double nugget, double sill, double range_m) {
  variogram::VariogramModel m;
  m.nugget = nugget;
  variogram::Structure st;
  st.sill = sill;
  st.ranges_m = {range_m, range_m / 2, range_m / 4};
  m.structures.push_back(st);
  return m;
}

}  // namespace

TEST(FitCheck, PlausibleModelPasses) {
  EXPECT_EQ(estimation::implausible_fit(corners(), model(1, 5, 120)), "");  // 120 <= 150 m
}

TEST(FitCheck, RangeBeyondThreeTimesTheExtent) {
  EXPECT_EQ(estimation::implausible_fit(corners(), model(1, 5, 9.99e12)),
            "its longest range 9.99e+12 m is beyond 3 x the composites' extent (50 m)");
  EXPECT_NE(estimation::implausible_fit(corners(), model(1, 5, 151)), "");
}

TEST(FitCheck, SillFarFromTheVariance) {
  // variance 20/3 = 6.667: total sills from 2.222 to 20 pass.
  EXPECT_EQ(estimation::implausible_fit(corners(), model(0, 20, 100)), "");
  EXPECT_EQ(estimation::implausible_fit(corners(), model(1, 20, 100)),
            "its total sill 21 is outside 1/3 to 3 x the composites' variance (6.667)");
  EXPECT_NE(estimation::implausible_fit(corners(), model(0, 2, 100)), "");
}
