// SPDX-License-Identifier: Apache-2.0
// A side named after a compass direction that its area contradicts: the tiny example (side A
// "West" left of a north-going line at x = 500015) with the line's vertices reversed puts
// "West" east of the line. `check` and `run` warn, naming both sides and the fix; the report
// states where each side lies. With the vertices as given, nothing is said but the directions.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "cli_harness.hpp"

namespace fs = std::filesystem;

namespace {

class SideNames : public lodeline::test::TempFolderTest {
 protected:
  void SetUp() override {
    TempFolderTest::SetUp();
    const fs::path tiny =
        fs::path(LODELINE_TEST_DATA).parent_path().parent_path() / "examples" / "tiny";
    for (const char* f : {"project.toml", "model.csv", "grid.json"})
      fs::copy_file(tiny / f, dir_ / f);
  }
};

TEST_F(SideNames, ReversedLineIsFlaggedAndDirectionsAreReported) {
  put("line.wkt", "LINESTRING (500015 4400020, 500015 4399990)\n");
  const auto check = lodeline::test::run_lodeline({"check", path("project.toml")});
  EXPECT_EQ(check.rc, 0) << check.err;
  EXPECT_NE(check.err.find("warning[geometry.side_name_contradicted]: line 'north_line': 'West' "
                           "lies east and 'East' lies west of the line"),
            std::string::npos)
      << check.err;
  const auto run =
      lodeline::test::run_lodeline({"run", path("project.toml"), "--out", path("out")});
  ASSERT_EQ(run.rc, 0) << run.err;
  EXPECT_NE(lodeline::test::slurp(path("out/report.md"))
                .find("'West' (side A) lies east of the line, 'East' (side B) west"),
            std::string::npos);
}

TEST_F(SideNames, LineAsGivenIsQuiet) {
  put("line.wkt", "LINESTRING (500015 4399990, 500015 4400020)\n");
  const auto run =
      lodeline::test::run_lodeline({"run", path("project.toml"), "--out", path("out")});
  ASSERT_EQ(run.rc, 0) << run.err;
  EXPECT_EQ(run.err.find("side_name_contradicted"), std::string::npos) << run.err;
  EXPECT_NE(lodeline::test::slurp(path("out/report.md"))
                .find("'West' (side A) lies west of the line, 'East' (side B) east"),
            std::string::npos);
}

}  // namespace

namespace {

// A WKT line saved by Notepad starts with a UTF-8 byte order mark: it is read as the same line
// (it was refused as "not a WKT geometry"), so the report is the one of the line without it.
TEST_F(SideNames, WktWithByteOrderMarkIsRead) {
  put("line.wkt", "\xEF\xBB\xBFLINESTRING (500015 4399990, 500015 4400020)\r\n");
  const auto run =
      lodeline::test::run_lodeline({"run", path("project.toml"), "--out", path("out")});
  ASSERT_EQ(run.rc, 0) << run.err;
  EXPECT_NE(lodeline::test::slurp(path("out/report.md"))
                .find("'West' (side A) lies west of the line, 'East' (side B) east"),
            std::string::npos);
}

}  // namespace
