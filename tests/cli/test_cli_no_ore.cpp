// SPDX-License-Identifier: Apache-2.0
// Two truths of a run of the tiny example (grades 0 to 2.5 g/t). Asked at 100 g/t, as a g/kg
// for g/t mistake would, no block is ore: every share would be 0 / 0, so the run stops with the
// column, the cut-off and the setting; with allow_no_ore it reports. And the pit slopes are
// reported as the sectors in force.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "cli_harness.hpp"

namespace fs = std::filesystem;

namespace {

class NoOre : public lodeline::test::TempFolderTest {
 protected:
  void SetUp() override {
    TempFolderTest::SetUp();
    const fs::path tiny =
        fs::path(LODELINE_TEST_DATA).parent_path().parent_path() / "examples" / "tiny";
    for (const char* f : {"model.csv", "grid.json", "line.wkt"}) fs::copy_file(tiny / f, dir_ / f);
    std::string text = lodeline::test::slurp(tiny / "project.toml");
    const std::string cutoffs = "cutoffs_gpt = [0.8, 2.5]";
    text.replace(text.find(cutoffs), cutoffs.size(), "cutoffs_gpt = [100]");
    project_ = text;
  }
  std::string project_;
};

TEST_F(NoOre, RefusedUnlessAllowed) {
  put("project.toml", project_);
  const auto r = lodeline::test::run_lodeline({"run", path("project.toml"), "--out", path("o")});
  EXPECT_EQ(r.rc, 5);
  EXPECT_NE(r.err.find("error[numeric.no_ore]: no block of the model has 'AU' at or above the "
                       "lowest cut-off 100 g/t, expected ore to share: check the grade column "
                       "and its unit, or set [report] allow_no_ore = true"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(path("o/report.json")));
  std::string allowed = project_;
  allowed.replace(allowed.find("[report]"), 8, "[report]\nallow_no_ore = true");
  put("project.toml", allowed);
  const auto ok = lodeline::test::run_lodeline({"run", path("project.toml"), "--out", path("o")});
  EXPECT_EQ(ok.rc, 0) << ok.err;
  EXPECT_TRUE(fs::exists(path("o/report.json")));
}

}  // namespace

namespace {

// Sector slopes are reported as the sectors in force (the report once said "Slope 45°", the
// unused default, while sectors decided the pits).
TEST_F(NoOre, SectorSlopesAreReportedAsSectors) {
  std::string text =
      lodeline::test::slurp(fs::path(LODELINE_TEST_DATA).parent_path().parent_path() / "examples" /
                            "tiny" / "project.toml");
  text +=
      "\n[economics]\n\n[pit]\nbenches = 2\nsectors = [{from_deg = 0, to_deg = 180, slope_deg = "
      "40}, {from_deg = 180, to_deg = 360, slope_deg = 50}]\n";
  put("project.toml", text);
  const auto r = lodeline::test::run_lodeline({"run", path("project.toml"), "--out", path("o")});
  ASSERT_EQ(r.rc, 0) << r.err;
  const std::string md = lodeline::test::slurp(path("o/report.md"));
  EXPECT_NE(md.find("Slope by sector: 40° facing azimuths 0° to 180°, 50° facing azimuths 180° "
                    "to 360° over 2 benches"),
            std::string::npos);
  EXPECT_EQ(md.find("Slope 45°"), std::string::npos);
}

}  // namespace
