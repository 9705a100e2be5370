// SPDX-License-Identifier: Apache-2.0
// CLI contracts for `lodeline variogram`: hand-computed tables (omni, directional, down-hole),
// the fitted model file, and bad inputs (the exact stderr line, the exit status, nothing on
// stdout, and no output file nor "*.tmp-*" leftover).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "cli_harness.hpp"
#include "lodeline/io/json_file.hpp"
#include "lodeline/variogram/model.hpp"

namespace fs = std::filesystem;

namespace {

using Result = lodeline::test::CliResult;

using lodeline::test::slurp;

// x = 0, 1, 3, 6 with values 1, 2, 4, 8. Pairs (h, squared difference): (1, 1), (2, 4),
// (3, 9), (3, 16), (5, 36), (6, 49). Lag 2, 3 classes: (0,2] N 2 dist 1.5 gamma 5/4,
// (2,4] N 2 dist 3 gamma 25/4, (4,6] N 2 dist 5.5 gamma 85/4.
constexpr const char* kLine = "x,y,au\n0,0,1\n1,0,2\n3,0,4\n6,0,8\n";

// Origin (v 0), (0,10) v 1, (10,0) v 2, (7,7) v 4. Within 25 degrees of north: the pair
// origin-(0,10) (h 10, sq. diff 1) and (10,0)-(7,7) (h sqrt 58, 23.2 degrees off, sq. diff 4).
constexpr const char* kCross = "x,y,au\n0,0,0\n0,10,1\n10,0,2\n7,7,4\n";

// Hole A mid depths 1, 3, 5 (values 1, 2, 4); hole B 1, 3 (10, 11). Same-hole pairs: h 2 (sq
// 1, 4, 1) and h 4 (sq 9): (0,2] N 3 dist 2 gamma 1; (2,4] N 1 dist 4 gamma 4.5.
constexpr const char* kHoles =
    "hole_id,from,to,x,y,z,au\n"
    "A,0,2,0,0,-1,1\nA,2,4,0,0,-3,2\nA,4,6,0,0,-5,4\n"
    "B,0,2,1,0,-1,10\nB,2,4,1,0,-3,11\n";

class CliVariogram : public lodeline::test::TempFolderTest {
 protected:
  void SetUp() override {
    TempFolderTest::SetUp();
    out_ = path("EXP.csv");
    model_ = path("MODEL.json");
  }

  [[nodiscard]] Result variogram(const std::string& samples,
                                 const std::vector<std::string>& extra) const {
    std::vector<std::string> args = {"variogram", "--samples", samples};
    args.insert(args.end(), extra.begin(), extra.end());
    args.insert(args.end(), {"--out", out_});
    return lodeline::test::run_lodeline(args);
  }

  void expect_failure(const Result& r, int rc, const std::string& err) const {
    EXPECT_EQ(r.rc, rc);
    EXPECT_EQ(r.err, err);
    EXPECT_EQ(r.out, "");
    EXPECT_FALSE(fs::exists(out_)) << out_ << " was left behind";
    EXPECT_FALSE(fs::exists(model_)) << model_ << " was left behind";
    for (const auto& e : fs::directory_iterator(dir_))
      EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos)
          << e.path() << " was left behind";
  }

  std::string out_, model_;
};

// ------------------------------------------------------------------------------------------
// Happy paths

TEST_F(CliVariogram, OmniByHand) {
  const Result r = variogram(put("s.csv", kLine), {"--value", "au", "--lag", "2", "--nlags", "3"});
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(
      slurp(out_),
      "direction,lag,np,dist,gamma\nomni,0,2,1.5,1.25\nomni,1,2,3,6.25\nomni,2,2,5.5,21.25\n");
  EXPECT_EQ(r.out, "4 samples, 1 variogram, 3 lags with pairs -> " + out_ + "\n");
}

TEST_F(CliVariogram, LagToleranceByHand) {
  // Centres 0, 2, 4, 6 +- 1: [0,1] {1}, [1,3] {1,2,3,3}, [3,5] {3,3,5}, [5,7] {5,6}.
  const Result r = variogram(
      put("s.csv", kLine), {"--value", "au", "--lag", "2", "--nlags", "3", "--lag-tolerance", "1"});
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_EQ(slurp(out_),
            "direction,lag,np,dist,gamma\nomni,0,1,1,0.5\nomni,1,4,2.25,3.75\n"
            "omni,2,3,3.6666666666666665,10.166666666666666\nomni,3,2,5.5,21.25\n");
}

TEST_F(CliVariogram, DirectionWithOmniByHand) {
  const Result r = variogram(put("s.csv", kCross), {"--value", "au", "--lag", "20", "--nlags", "1",
                                                    "--direction", "0,0,25", "--omni"});
  ASSERT_EQ(r.rc, 0) << r.err;
  // Omni: all six pairs; sq. diffs 1, 4, 16, 1, 9, 4 -> gamma 35/12; distances 10, 10, sqrt 98,
  // sqrt 200, sqrt 58 twice.
  const double dist_omni = (20 + std::sqrt(98.0) + std::sqrt(200.0) + 2 * std::sqrt(58.0)) / 6;
  const std::string got = slurp(out_);
  EXPECT_EQ(got.substr(0, got.find("omni,0,6,")), "direction,lag,np,dist,gamma\n");
  const std::regex line(R"(omni,0,6,([0-9.]+),([0-9.]+)\n0/0,0,2,([0-9.]+),1\.25\n)");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(got, m, line)) << got;
  EXPECT_NEAR(std::stod(m[1]), dist_omni, 1e-12);
  EXPECT_NEAR(std::stod(m[2]), 35.0 / 12, 1e-12);
  EXPECT_NEAR(std::stod(m[3]), (10 + std::sqrt(58.0)) / 2, 1e-12);
  EXPECT_EQ(r.out, "4 samples, 2 variograms, 2 lags with pairs -> " + out_ + "\n");
}

TEST_F(CliVariogram, DownholeByHand) {
  const Result r = variogram(put("h.csv", kHoles), {"--value", "au", "--hole", "hole_id",
                                                    "--downhole", "--lag", "2", "--nlags", "2"});
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_EQ(slurp(out_), "direction,lag,np,dist,gamma\ndownhole,0,3,2,1\ndownhole,1,1,4,4.5\n");
}

TEST_F(CliVariogram, FitWritesAModelTheKrigingReaderAccepts) {
  const std::string meuse = std::string(LODELINE_TEST_DATA) + "/variogram/meuse2d/data.csv";
  const Result r =
      variogram(meuse, {"--value", "log_zinc", "--fit", "spherical", "--out-model", model_});
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_TRUE(std::regex_match(
      r.out, std::regex("155 samples, 1 variogram, 15 lags with pairs -> .*EXP\\.csv\n"
                        "fit to omni \\(npairs-h2 weights\\): nugget 0\\.0506[0-9]* \\+ spherical "
                        "sill 0\\.5906[0-9]* range 897\\.0[0-9]*; weighted SSE [0-9.e+-]+ -> "
                        ".*MODEL\\.json\n")))
      << r.out;
  const std::string text = slurp(model_);
  const auto model = lodeline::variogram::model_from_json(
      lodeline::io::parse_json(text, model_), lodeline::io::json_text_locator(text, model_));
  ASSERT_EQ(model.structures.size(), 1u);
  EXPECT_NEAR(model.gamma({0, 2000, 0}), model.total_sill(), 1e-15);
}

TEST_F(CliVariogram, AnisotropicFitToTwoDirections) {
  const std::string meuse = std::string(LODELINE_TEST_DATA) + "/variogram/meuse2d/data.csv";
  const Result r =
      variogram(meuse, {"--value", "log_zinc", "--direction", "45,0,22.5", "--direction",
                        "135,0,22.5", "--fit", "spherical", "--out-model", model_});
  ASSERT_EQ(r.rc, 0) << r.err;
  const auto m = lodeline::io::read_json(model_);
  const auto& s = m["structures"][0];
  // The two directional ranges; the unmeasured (vertical) axis takes the major range.
  EXPECT_GT(s["ranges"][0].get<double>(), s["ranges"][1].get<double>());
  EXPECT_EQ(s["ranges"][2].get<double>(), s["ranges"][0].get<double>());
  EXPECT_EQ(s["angles"][0].get<double>(), 45.0);
  EXPECT_TRUE(r.out.find("fit to 2 directions (npairs-h2 weights)") != std::string::npos) << r.out;
}

// ------------------------------------------------------------------------------------------
// Bad input

TEST_F(CliVariogram, MissingValueColumn) {
  const std::string s = put("s.csv", kLine);
  expect_failure(variogram(s, {"--value", "cu"}), 3,
                 s + ":1:1: error[input.missing_column]: no value column in header [x,y,au], "
                     "expected one of: cu\n");
}

TEST_F(CliVariogram, MissingCoordinateColumn) {
  const std::string s = put("s.csv", "east,au\n0,1\n1,2\n");
  expect_failure(variogram(s, {"--value", "au"}), 3,
                 s + ":1:1: error[input.missing_column]: no sample y (northing) column in header "
                     "[east,au], expected one of: y, northing, north, y_m\n");
}

TEST_F(CliVariogram, NonNumericFieldsAllReported) {
  const std::string s = put("s.csv", "x,y,au\n0,0,1\n1,0,abc\n3,,4\n6,0,8\n");
  expect_failure(variogram(s, {"--value", "au"}), 3,
                 s + ":3:5: error[input.bad_number]: field 'au' is 'abc', expected a number\n" + s +
                     ":4:3: error[input.bad_number]: field 'y' is '', expected a number\n");
}

// A fuzzed sample y of 333251e182 (3.3e187 m) once wrote outside the lag sums
// (heap-buffer-overflow); now a located input error, exit 3, no output.
TEST_F(CliVariogram, AbsurdCoordinate) {
  const std::string s = put("s.csv", "x,y,au\n0,0,1\n1,333251e182,2\n3,0,4\n6,0,8\n");
  expect_failure(variogram(s, {"--value", "au"}), 3,
                 s + ":3:3: error[input.bad_number]: field 'y' is 333251e182 m, expected a "
                     "coordinate within +-1e+09 m\n");
}

TEST_F(CliVariogram, FewerThanTwoSamples) {
  const std::string s = put("s.csv", "x,y,au\n0,0,1\n");
  expect_failure(variogram(s, {"--value", "au"}), 3,
                 s + ":1:1: error[input.too_few_samples]: 1 sample row, expected at least 2 "
                     "for a variogram\n");
}

TEST_F(CliVariogram, EmptyHoleId) {
  const std::string s = put("h.csv", "hole_id,x,y,z,au\nA,0,0,0,1\n,0,0,-2,2\n");
  expect_failure(variogram(s, {"--value", "au", "--hole", "hole_id", "--downhole"}), 3,
                 s + ":3:1: error[input.bad_id]: field 'hole_id' is empty, expected a hole id\n");
}

TEST_F(CliVariogram, DownholeWithoutHole) {
  expect_failure(variogram(put("s.csv", kLine), {"--value", "au", "--downhole"}), 2,
                 "error[usage.missing_option]: --downhole without --hole, expected the hole id "
                 "column name\n");
}

TEST_F(CliVariogram, FitWithoutOutModel) {
  expect_failure(variogram(put("s.csv", kLine), {"--value", "au", "--fit", "spherical"}), 2,
                 "error[usage.missing_option]: --fit without --out-model, expected the model's "
                 "path\n");
}

TEST_F(CliVariogram, BadDirection) {
  expect_failure(variogram(put("s.csv", kLine), {"--value", "au", "--direction", "0,x"}), 2,
                 "error[usage.bad_option]: --direction '0,x': dip is 'x', expected a number\n");
  expect_failure(variogram(put("s.csv", kLine), {"--value", "au", "--direction", "10"}), 2,
                 "error[usage.bad_option]: --direction '10' has 1 fields, expected "
                 "azimuth,dip[,tolerance[,bandwidth_h[,bandwidth_v[,dip_tolerance]]]]\n");
  expect_failure(variogram(put("s.csv", kLine), {"--value", "au", "--direction", "0,95"}), 3,
                 "error[input.bad_option]: direction 1: dip is 95 degrees, expected a value in "
                 "[-90, 90]\n");
}

TEST_F(CliVariogram, BadStructureTypeAndWeights) {
  expect_failure(variogram(put("s.csv", kLine),
                           {"--value", "au", "--fit", "sph,cubic", "--out-model", model_}),
                 2,
                 "error[usage.bad_option]: --fit 'sph,cubic': structure type 'cubic', expected "
                 "spherical, exponential or gaussian (comma separated)\n");
  expect_failure(variogram(put("s.csv", kLine), {"--value", "au", "--fit", "sph", "--weights",
                                                 "foo", "--out-model", model_}),
                 2,
                 "error[usage.bad_option]: --weights 'foo', expected npairs-h2, npairs, cressie "
                 "or ols\n");
}

TEST_F(CliVariogram, DirectionsNotPerpendicularForAnisotropicFit) {
  expect_failure(
      variogram(put("s.csv", kCross), {"--value", "au", "--direction", "0,0", "--direction", "60,0",
                                       "--fit", "spherical", "--out-model", model_}),
      3,
      "error[input.bad_option]: directions '0/0' and '60/0' are 60.000 degrees apart, expected "
      "perpendicular directions for an anisotropic fit\n");
}

TEST_F(CliVariogram, LagWithoutNlagsIsUsage) {
  const Result r = variogram(put("s.csv", kLine), {"--value", "au", "--lag", "2"});
  EXPECT_EQ(r.rc, 2);
  EXPECT_EQ(r.err,
            "error[usage.bad_argument]: --lag-m requires --lags\n"
            "run 'lodeline --help' or 'lodeline <command> --help' for usage\n");
  EXPECT_FALSE(fs::exists(out_));
}

}  // namespace
