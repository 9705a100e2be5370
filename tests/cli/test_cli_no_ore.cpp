// SPDX-License-Identifier: Apache-2.0
// A model with no block at or above the lowest cut-off (tiny example, grades 0 to 2.5 g/t,
// asked at 100 g/t as a g/kg-for-g/t unit mistake would): every share would be 0 / 0, so the
// run stops with the column, the cut-off and the setting; with allow_no_ore it reports.
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
