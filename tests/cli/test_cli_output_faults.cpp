// SPDX-License-Identifier: Apache-2.0
// A real run (the tiny example) whose n-th write fails, for every n: the output folder keeps
// the earlier run's complete set (lodeline verify passes, same files, same report), and the
// run that finally succeeds replaces it whole. A mixed folder of two runs must never appear.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

#include "cli_harness.hpp"
#include "lodeline/io/text_file.hpp"

namespace fs = std::filesystem;

namespace {

class OutputFaults : public lodeline::test::TempFolderTest {
 protected:
  void SetUp() override {
    TempFolderTest::SetUp();
    const fs::path tiny =
        fs::path(LODELINE_TEST_DATA).parent_path().parent_path() / "examples" / "tiny";
    for (const char* f : {"model.csv", "grid.json", "line.wkt", "project.toml"})
      fs::copy_file(tiny / f, dir_ / f);
    // The second project differs in density, so its report differs from the first's.
    std::string text = lodeline::test::slurp(tiny / "project.toml");
    const std::string density = "density_t_m3 = 2.5";
    text.replace(text.find(density), density.size(), "density_t_m3 = 2.7");
    put("denser.toml", text);
  }
  std::set<std::string> names() const {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(dir_ / "out"))
      out.insert(e.path().filename().string());
    return out;
  }
};

TEST_F(OutputFaults, EveryFailedWriteKeepsTheEarlierCompleteSet) {
  using lodeline::test::run_lodeline;
  ASSERT_EQ(run_lodeline({"run", path("project.toml"), "--out", path("out")}).rc, 0);
  const auto first_names = names();
  const std::string first_report = lodeline::test::slurp(dir_ / "out" / "report.json");
  int failures = 0;
  for (std::int64_t n = 1; n < 100; ++n) {
    lodeline::io::inject_write_fault(n);
    const auto r = run_lodeline({"run", path("denser.toml"), "--out", path("out")});
    lodeline::io::inject_write_fault(0);
    if (r.rc == 0) break;
    ++failures;
    EXPECT_EQ(r.rc, 6) << r.err;
    EXPECT_NE(r.err.find("error[io.cannot_write]"), std::string::npos) << r.err;
    EXPECT_EQ(names(), first_names) << "after a failure at write " << n;
    EXPECT_EQ(lodeline::test::slurp(dir_ / "out" / "report.json"), first_report);
    EXPECT_EQ(run_lodeline({"verify", path("out")}).rc, 0) << "after a failure at write " << n;
  }
  // Six outputs (report.json and .md, blocks.csv, territories.geojson, layers.gpkg, columns.tif;
  // the tiny model has no pit), each one write and one close, and the manifest.
  EXPECT_EQ(failures, 14);
  EXPECT_EQ(names(), first_names);
  EXPECT_NE(lodeline::test::slurp(dir_ / "out" / "report.json"), first_report);
  const auto verified = run_lodeline({"verify", path("out")});
  EXPECT_EQ(verified.rc, 0) << verified.err;
  EXPECT_NE(verified.out.find("all 6 outputs as the run wrote them"), std::string::npos)
      << verified.out;
}

TEST_F(OutputFaults, VerifyNamesTheChangedFile) {
  using lodeline::test::run_lodeline;
  ASSERT_EQ(run_lodeline({"run", path("project.toml"), "--out", path("out")}).rc, 0);
  put("out/report.md", lodeline::test::slurp(dir_ / "out" / "report.md") + " ");
  const auto r = run_lodeline({"verify", path("out")});
  EXPECT_EQ(r.rc, 6);
  EXPECT_NE(r.out.find("different  report.md"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("error[io.output_changed]: 1 of 6 outputs differ from the manifest or "
                       "are missing"),
            std::string::npos)
      << r.err;
}

}  // namespace
