// SPDX-License-Identifier: Apache-2.0
// Compass directions of the sides of a line, against hand geometry: a 10 x 10 m square model
// cut by a line; each side's area centre is known, so is the bearing between them.
#include <gtest/gtest.h>

#include "lodeline/border/side_direction.hpp"

using namespace lodeline;
using namespace lodeline::border;

namespace {

MultiPolygon rect(double x0, double y0, double x1, double y1) {
  return {{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}}};
}

}  // namespace

// Side A the west half: its centre (2.5, 5), side B's (7.5, 5): A lies due west (270).
// Side A the lower-left triangle below the diagonal (0,10)-(10,0) ... here the south-west
// quarter of a cross-cut: centre (2.5, 2.5) against B's (the rest: (5.8333, 5.8333)):
// bearing 225, south-west.
TEST(SideDirection, BearingFromTheAreasCentres) {
  const MultiPolygon model = rect(0, 0, 10, 10);
  const auto west = side_a_bearing_deg(rect(0, 0, 5, 10), model);
  ASSERT_TRUE(west.has_value());
  EXPECT_NEAR(*west, 270, 1e-9);
  EXPECT_EQ(compass_word(*west), "west");
  const auto south_west = side_a_bearing_deg(rect(0, 0, 5, 5), model);
  ASSERT_TRUE(south_west.has_value());
  EXPECT_NEAR(*south_west, 225, 1e-9);
  EXPECT_EQ(compass_word(*south_west), "south-west");
  // A line that leaves the whole model on one side has no direction.
  EXPECT_FALSE(side_a_bearing_deg(model, model).has_value());
  EXPECT_FALSE(side_a_bearing_deg({}, model).has_value());
}

TEST(SideDirection, CompassWords) {
  EXPECT_EQ(compass_word(0), "north");
  EXPECT_EQ(compass_word(22.4), "north");
  EXPECT_EQ(compass_word(22.5), "north-east");
  EXPECT_EQ(compass_word(90), "east");
  EXPECT_EQ(compass_word(180), "south");
  EXPECT_EQ(compass_word(337.6), "north");
}

TEST(SideDirection, NamesThatStateADirection) {
  EXPECT_EQ(named_bearing_deg("East"), 90);
  EXPECT_EQ(named_bearing_deg("North-West block"), 315);
  EXPECT_EQ(named_bearing_deg("the southern licence"), 180);
  EXPECT_EQ(named_bearing_deg("NORTHEAST"), 45);
  EXPECT_FALSE(named_bearing_deg("Side A").has_value());
  EXPECT_FALSE(named_bearing_deg("Eastwood Mining").has_value());  // a word, not "east"
  EXPECT_FALSE(named_bearing_deg("North and South").has_value());  // they cancel
  EXPECT_TRUE(contradicts(90, 270));
  EXPECT_TRUE(contradicts(90, 181));
  EXPECT_FALSE(contradicts(90, 135));
  EXPECT_FALSE(contradicts(350, 10));  // 20 degrees apart across north
}
