// SPDX-License-Identifier: Apache-2.0
// CLI contracts for `lodeline drillholes`: a hand-computed happy path (stdout, stderr, the four
// outputs), validation errors with their exact message and exit status, --force, usage
// errors, and no output (not even a temporary file) after any failure.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli_harness.hpp"
#include "lodeline/io/csv.hpp"

namespace fs = std::filesystem;

namespace {

using Result = lodeline::test::CliResult;

using lodeline::test::slurp;

// DH1: vertical (no survey) from (100, 200, 50), 10 m; DH2: az 90, dip -60 from (0, 0, 0), 8 m.
// DH1: 0-2 au 1, 2-4 '<0.1' (half: 0.05), gap 4-5, 5-7 au 40 (top-cut 30).
// DH2: 0-4 au 2, 4-8 au 3.
// 2 m composites, min 1, drop: DH1 [0,2) 1, [2,4) 0.05 | [5,7) 30; DH2 [0,2) 2, [2,4) 2,
// [4,6) 3, [6,8) 3: 7 composites in 3 runs, nothing dropped.
// Metal (g/t x m): raw 2 + 0.1 + 80 + 8 + 12 = 102.1; after the cap 82.1 = composites.
constexpr const char* kCollars = "HOLEID,EAST,NORTH,RL,DEPTH\nDH1,100,200,50,10\nDH2,0,0,0,8\n";
constexpr const char* kSurveys = "HOLEID,AT,AZIMUTH,DIP\nDH2,0,90,-60\n";
constexpr const char* kAssays =
    "HOLEID,FROM,TO,au\nDH1,0,2,1\nDH1,2,4,<0.1\nDH1,5,7,40\nDH2,0,4,2\nDH2,4,8,3\n";

class CliDrillholes : public lodeline::test::TempFolderTest {
 protected:
  void SetUp() override {
    TempFolderTest::SetUp();
    put("collars.csv", kCollars);
    put("surveys.csv", kSurveys);
    put("assays.csv", kAssays);
  }

  Result run(std::vector<std::string> extra) const {
    std::vector<std::string> args{
        "drillholes",        "--collars",   path("collars.csv"), "--surveys",
        path("surveys.csv"), "--intervals", path("assays.csv"),  "--out",
        path("out")};
    args.insert(args.end(), extra.begin(), extra.end());
    return lodeline::test::run_lodeline(args);
  }

  /// Nothing under out/, and no temporary file anywhere in the folder.
  void expect_no_output() const {
    EXPECT_FALSE(fs::exists(dir_ / "out"));
    for (const auto& e : fs::recursive_directory_iterator(dir_))
      EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos) << e.path();
  }
};

}  // namespace

TEST_F(CliDrillholes, HappyPath) {
  const auto r =
      run({"--dip-convention", "negative_down", "--below-detection", "half", "--topcut", "au=30",
           "--composite-length", "2", "--min-length", "1", "--residual", "drop"});
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_EQ(r.err, path("assays.csv") +
                       ":4:5: warning[input.gap]: gap from 4 m to 5 m in hole 'DH1' (no "
                       "interval), recorded as unsampled\n");
  EXPECT_EQ(r.out,
            "drillholes: 2 holes (0 without intervals, 1 without survey), 5 intervals, 14 m; 1 "
            "gaps (1 m unsampled)\n"
            "validation: 0 errors, 1 warnings, 2 notes; dip convention negative_down "
            "(declared); below detection: rule half\n"
            "desurvey: minimum_curvature; end of hole, largest distance from minimum curvature: "
            "tangent 0.000 m, balanced tangent 0.000 m\n"
            "composites: 7 of 2 m (min 1 m, residual drop) in 3 runs; 0 residuals dropped (0 "
            "m)\n"
            "metal au (value x m): raw 102.100, after top-cut 82.100, composites 82.100, dropped "
            "0.000\n"
            "wrote " +
                path("out") + "/{validation.json,composites.csv,traces.csv,traces.vtk}\n");

  // composites.csv: vertical DH1 exact; DH2 along (cos60, 0, -sin60) at mid-depths 1,3,5,7.
  const auto t = lodeline::io::CsvTable::read(path("out/composites.csv"));
  EXPECT_EQ(t.header(), (std::vector<std::string>{"hole_id", "from", "to", "x", "y", "z", "au",
                                                  "length_sampled", "domain"}));
  ASSERT_EQ(t.rows().size(), 7u);
  const double want_au[7] = {1, 0.05, 30, 2, 2, 3, 3};
  const double want_mid[7] = {1, 3, 6, 1, 3, 5, 7};
  for (std::size_t i = 0; i < 7; ++i) {
    const auto& row = t.rows()[i];
    EXPECT_EQ(row.fields[0].text, i < 3 ? "DH1" : "DH2");
    EXPECT_DOUBLE_EQ(t.number(row, 6), want_au[i]);
    EXPECT_DOUBLE_EQ(t.number(row, 7), 2.0);
    const double m = want_mid[i];
    if (i < 3) {
      EXPECT_EQ(row.fields[3].text, "100");
      EXPECT_EQ(row.fields[4].text, "200");
      EXPECT_DOUBLE_EQ(t.number(row, 5), 50 - m);
    } else {
      EXPECT_NEAR(t.number(row, 3), m * 0.5, 1e-12);
      EXPECT_EQ(row.fields[4].text, "0");
      EXPECT_NEAR(t.number(row, 5), -m * 0.8660254037844386, 1e-12);
    }
  }
  EXPECT_EQ(slurp(dir_ / "out/traces.csv").substr(0, 63),
            "hole_id,depth,x,y,z\nDH1,0,100,200,50\nDH1,10,100,200,40\nDH2,0,0,");

  const auto vtk = slurp(dir_ / "out/traces.vtk");
  EXPECT_EQ(vtk.substr(0, 26), "# vtk DataFile Version 3.0");
  EXPECT_NE(vtk.find("POINTS 4 double\n100 200 50\n100 200 40\n0 0 0\n"), std::string::npos);
  EXPECT_NE(vtk.find("LINES 2 6\n2 0 1\n2 2 3\n"), std::string::npos);

  const auto j = nlohmann::json::parse(slurp(dir_ / "out/validation.json"));
  EXPECT_EQ(j["counts"]["holes"], 2);
  EXPECT_EQ(j["counts"]["values"]["au"]["below_detection"], 1);
  EXPECT_EQ(j["dip_convention"]["used"], "negative_down");
  ASSERT_EQ(j["findings"].size(), 3u);
  const auto& f = j["findings"][1];  // [0] DH1 no survey (collars), [2] the gap
  EXPECT_EQ(f["file"], path("assays.csv"));
  EXPECT_EQ(f["line"], 3);
  EXPECT_EQ(f["col"], 9);
  EXPECT_EQ(f["code"], "input.below_detection_replaced");
  EXPECT_EQ(f["message"], "field 'au' is '<0.1' (below detection), replaced by 0.05 (rule half)");
  EXPECT_DOUBLE_EQ(j["compositing"]["metal_balance_total"]["composites"]["au"].get<double>(), 82.1);
}

TEST_F(CliDrillholes, DipConventionGuessIsLoudAndFirst) {
  const auto r = run({"--below-detection", "zero"});
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_EQ(r.err.substr(0, r.err.find('\n')),
            path("surveys.csv") +
                ":1: warning[input.dip_convention_guessed]: DIP CONVENTION GUESSED as "
                "negative_down from 1 of 1 dip values (1 negative, 0 in (45,90], 0 in [0,45) or "
                "(90,180], 0 at 45); declare the convention to make this certain");
}

TEST_F(CliDrillholes, ValidationErrorStopsWithNoOutput) {
  const auto r = run({"--dip-convention", "negative_down"});
  EXPECT_EQ(r.rc, 3);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, path("assays.csv") +
                       ":3:9: error[input.below_detection]: field 'au' is '<0.1' (below "
                       "detection), expected a number or a below-detection rule (half, zero or "
                       "value=X)\n");
  expect_no_output();
}

TEST_F(CliDrillholes, ForceRecordsErrorsAsWarnings) {
  put("assays.csv", std::string(kAssays) + "DH3,0,2,1\nDH2,7,9,1\n");
  const auto r = run({"--dip-convention", "negative_down", "--force"});
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_NE(r.err.find(path("assays.csv") +
                       ":7:1: warning[input.no_collar]: hole 'DH3' has no collar row (1 "
                       "interval), expected it in " +
                       path("collars.csv") + "\n"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find("validation: 4 errors (forced), 5 warnings, 1 notes;"), std::string::npos)
      << r.out;
  const auto j = nlohmann::json::parse(slurp(dir_ / "out/validation.json"));
  EXPECT_TRUE(j["forced"].get<bool>());
  std::size_t forced = 0;
  for (const auto& f : j["findings"]) forced += f["forced"].get<bool>() ? 1 : 0;
  EXPECT_EQ(forced, 4u);  // below detection, DH2 overlap, DH2 beyond depth, DH3 no collar
}

TEST_F(CliDrillholes, BadCompositingOptionLeavesNoOutput) {
  const auto r =
      run({"--dip-convention", "negative_down", "--below-detection", "half", "--topcut", "ag=5"});
  EXPECT_EQ(r.rc, 3);
  EXPECT_EQ(r.err,
            "error[input.bad_option]: top-cut on 'ag', expected one of the value columns: au\n");
  expect_no_output();
}

TEST_F(CliDrillholes, UnwritableOutputLeavesNothing) {
  put("out", "a file, not a folder");
  const auto r = run({"--dip-convention", "negative_down", "--below-detection", "half"});
  EXPECT_EQ(r.rc, 6);
  EXPECT_NE(r.err.find("error[io.cannot_write]: cannot write"), std::string::npos) << r.err;
  EXPECT_EQ(slurp(dir_ / "out"), "a file, not a folder");
}

TEST_F(CliDrillholes, UsageErrors) {
  auto r = run({"--residual", "keep"});
  EXPECT_EQ(r.rc, 2);
  EXPECT_NE(r.err.find("error[usage.bad_option]: '--residual' is \"keep\", expected drop, "
                       "merge or redistribute"),
            std::string::npos)
      << r.err;
  r = run({"--below-detection", "value=x"});
  EXPECT_EQ(r.rc, 2);
  EXPECT_NE(r.err.find("below-detection rule is 'value=x', expected error, half, zero or "
                       "value=X (X a number)"),
            std::string::npos)
      << r.err;
  r = run({"--dip-convention", "down"});
  EXPECT_EQ(r.rc, 2);
  r = run({"--desurvey", "spline"});
  EXPECT_EQ(r.rc, 2);
  r = run({"--topcut", "au"});
  EXPECT_EQ(r.rc, 2);
  expect_no_output();
  r = lodeline::test::run_lodeline({"drillholes", "--help"});
  EXPECT_EQ(r.rc, 0);
  EXPECT_NE(r.out.find("--composite-length"), std::string::npos);
}

TEST_F(CliDrillholes, MissingFileIsAnIoError) {
  const auto r =
      lodeline::test::run_lodeline({"drillholes", "--collars", path("nope.csv"), "--intervals",
                                    path("assays.csv"), "--out", path("out")});
  EXPECT_EQ(r.rc, 6);
  expect_no_output();
}

// `--composite-length 0.5` reads as `[composite] length_m = 0.5`: the minimum length then
// defaults to min(1 m, 0.5 m) = 0.5 m on both surfaces (it used to be refused on the command
// line because its default stayed 1 m).
TEST_F(CliDrillholes, ShortCompositeLengthWorksAsInAProject) {
  const auto r = run({"--dip-convention", "negative_down", "--below-detection", "half",
                      "--composite-length", "0.5"});
  ASSERT_EQ(r.rc, 0) << r.err;
  const auto v = nlohmann::json::parse(slurp(dir_ / "out" / "validation.json"));
  EXPECT_EQ(v["compositing"]["options"]["length_m"], 0.5);
  EXPECT_EQ(v["compositing"]["options"]["min_length_m"], 0.5);
  // 14 m of intervals in 3 runs of whole metres: every run splits into 0.5 m pieces.
  EXPECT_NE(r.out.find("composites: 28 of 0.5 m (min 0.5 m"), std::string::npos) << r.out;
}

// The desurvey names are one vocabulary: the project's spelling and the short one both work.
TEST_F(CliDrillholes, DesurveyNamesAreOneVocabulary) {
  for (const char* name : {"minimum_curvature", "mincurv", "balanced_tangent", "balanced"}) {
    const auto r =
        run({"--dip-convention", "negative_down", "--below-detection", "half", "--desurvey", name});
    ASSERT_EQ(r.rc, 0) << name << ": " << r.err;
    fs::remove_all(dir_ / "out");
  }
}
