// SPDX-License-Identifier: Apache-2.0
// side_a_contains / side_b_contains: a reversed line cannot silently swap the numbers under
// the side names. Built on examples/tiny (a north-going line at x = 500015: West is side A).
#include <gtest/gtest.h>

#include <filesystem>

#include "cli_harness.hpp"

namespace fs = std::filesystem;

namespace {

class SidePoints : public lodeline::test::TempFolderTest {
 protected:
  void SetUp() override {
    TempFolderTest::SetUp();
    const fs::path tiny =
        fs::path(LODELINE_TEST_DATA).parent_path().parent_path() / "examples" / "tiny";
    for (const char* f : {"model.csv", "grid.json"}) fs::copy_file(tiny / f, dir_ / f);
    project_ = lodeline::test::slurp(tiny / "project.toml");
  }
  lodeline::test::CliResult check(const std::string& line_wkt, const std::string& extra) {
    put("line.wkt", line_wkt);
    put("project.toml", project_ + extra);
    return lodeline::test::run_lodeline({"check", path("project.toml")});
  }
  std::string project_;
};

const std::string kNorth = "LINESTRING (500015 4399990, 500015 4400020)\n";
const std::string kSouth = "LINESTRING (500015 4400020, 500015 4399990)\n";  // reversed
const std::string kWestPoint = "side_a_contains = [500005, 4400005]\n";

TEST_F(SidePoints, AgreeingPointPasses) {
  const auto r = check(kNorth, kWestPoint + "side_b_contains = [500035, 4400005]\n");
  EXPECT_EQ(r.rc, 0) << r.err;
}

TEST_F(SidePoints, ReversedLineIsRefused) {
  const auto r = check(kSouth, kWestPoint);
  EXPECT_EQ(r.rc, 4);
  EXPECT_EQ(r.err, path("project.toml") +
                       ":25:19: error[geometry.side_contradiction]: scenario 'north_line': the "
                       "point (500005, 4400005) said to lie on 'West' lies on 'East' (side A is "
                       "the LEFT of the line walked from its first to its last vertex), expected "
                       "the line's vertices in the other order or side_a and side_b swapped\n");
}

TEST_F(SidePoints, PointOutsideTheModelIsRefused) {
  const auto r = check(kNorth, "side_b_contains = [600000, 4400005]\n");
  EXPECT_EQ(r.rc, 4);
  EXPECT_NE(r.err.find("error[geometry.side_point_outside_model]: scenario 'north_line': the "
                       "point (600000, 4400005) said to lie on 'East' is outside the model extent"),
            std::string::npos)
      << r.err;
}

}  // namespace
