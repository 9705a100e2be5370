// SPDX-License-Identifier: Apache-2.0
// Projects that estimate their model from drillholes ([drillholes] ... [[classification]]) and
// draw a line from GPS fixes ([scenario.survey]): a hand-checked run and the exact messages of
// bad project keys.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli_harness.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using lodeline::test::slurp;

class ProjectEstimation : public lodeline::test::TempFolderTest {
 protected:
  void SetUp() override {
    TempFolderTest::SetUp();
    // 2 x 1 x 1 blocks of 10 m: block 0 centred at x = 500005, block 1 at x = 500015.
    put("grid.json",
        R"({"origin": [500000, 4400000, 1000], "block_size": [10, 10, 10], "counts": [2, 1, 1], "crs": "EPSG:32638"})");
    // Two vertical holes through the blocks' centres, collared at the top (z = 1010).
    put("collars.csv",
        "hole_id,x,y,z,depth\nH1,500005,4400005,1010,10\nH2,500015,4400005,1010,10\n");
    put("assays.csv", "hole_id,from,to,au\nH1,0,10,1.0\nH2,0,10,3.0\n");
    put("variogram.json",
        R"({"nugget": 0, "structures": [{"type": "spherical", "sill": 1, "ranges": [100, 100, 100]}]})");
    // A north-going line at x = 500005 halves block 0: side A (west) holds half of it.
    put("line.wkt", "LINESTRING (500005 4399990, 500005 4400020)\n");
  }
  std::string project(const std::string& estimate_extra = "", const std::string& model_extra = "") {
    return "[project]\nname = \"hand\"\ncrs = \"EPSG:32638\"\n\n[model]\ngrid = "
           "\"grid.json\"\ngrade = "
           "\"au_gpt\"\ndensity_t_m3 = 2.5\n" +
           model_extra +
           "\n[report]\ncutoffs_gpt = [0.5]\nout = \"out\"\n\n"
           "[drillholes]\ncollars = \"collars.csv\"\nassays = \"assays.csv\"\nvalue = \"au\"\n"
           "dip_convention = \"negative_down\"\n\n"
           "[composite]\nlength_m = 10\nmin_length_m = 5\n\n"
           "[variogram]\nmodel = \"variogram.json\"\n\n"
           "[estimate]\n" +
           estimate_extra +
           "\n[[scenario]]\nname = \"west_line\"\nfile = \"line.wkt\"\nside_a = \"West\"\nside_b = "
           "\"East\"\n";
  }
  lodeline::test::CliResult run_project(const std::string& text) {
    put("project.toml", text);
    return lodeline::test::run_lodeline({"run", (dir_ / "project.toml").string()});
  }
  std::string where(int line, int col) const {
    return (dir_ / "project.toml").string() + ":" + std::to_string(line) + ":" +
           std::to_string(col);
  }
};

// Hand calculation: one 10 m composite per hole at each block centre (grades 1 and 3 g/t).
// Nearest neighbour gives each block its own hole's grade. Block tonnes = 10^3 m³ x 2.5 =
// 2,500 t; gold = 2,500 x (1 + 3) = 10,000 g. Side A (west of x = 500005) holds half of
// block 0: 1,250 t and 1,250 g.
TEST_F(ProjectEstimation, NearestNeighbourByHand) {
  const auto r = run_project(
      project("method = \"nn\"\nmetric = \"euclidean\"\ncross_validation = \"none\"\n"));
  ASSERT_EQ(r.rc, 0) << r.err;
  const json rep = json::parse(slurp(dir_ / "out" / "report.json"));
  EXPECT_DOUBLE_EQ(rep["total"]["ore_t"].get<double>(), 5000.0);
  EXPECT_DOUBLE_EQ(rep["total"]["metal_kg"].get<double>(), 10.0);
  const auto& a = rep["scenarios"][0]["sides"][0];
  EXPECT_DOUBLE_EQ(a["ore_t"].get<double>(), 1250.0);
  EXPECT_DOUBLE_EQ(a["metal_kg"].get<double>(), 1.25);
  const auto& e = rep["estimation"];
  EXPECT_EQ(e["drillholes"]["holes"].get<int>(), 2);
  EXPECT_EQ(e["composites"]["count"].get<int>(), 2);
  EXPECT_DOUBLE_EQ(e["composites"]["metal_balance_gpt_m"]["composites"].get<double>(),
                   40.0);  // 10 + 30
  EXPECT_EQ(e["kriging"]["estimated"].get<int>(), 2);
}

// Ordinary kriging with two samples symmetric about the midpoint: each block's estimate is a
// weighted mean with weights summing to 1, closer sample heavier; the two blocks mirror each
// other, so their estimates sum to 1 + 3 = 4 and total gold stays 2,500 x 4 = 10,000 g.
TEST_F(ProjectEstimation, OrdinaryKrigingKeepsTheSymmetricTotal) {
  const auto r = run_project(
      project("method = \"ok\"\nmetric = \"euclidean\"\ncross_validation = \"leave_one_out\"\n"
              "min_samples = 2\n"));
  ASSERT_EQ(r.rc, 0) << r.err;
  const json rep = json::parse(slurp(dir_ / "out" / "report.json"));
  EXPECT_NEAR(rep["total"]["metal_kg"].get<double>(), 10.0, 1e-9);
  EXPECT_EQ(rep["estimation"]["cross_validation"]["mode"], "leave_one_out");
}

// A third hole drilled 20 m east of the 2-block model (a grid that misses part of the
// drilling): its composite is counted, reported and warned about, not silently dropped.
TEST_F(ProjectEstimation, CompositesOutsideTheModelAreCounted) {
  put("collars.csv",
      "hole_id,x,y,z,depth\nH1,500005,4400005,1010,10\nH2,500015,4400005,1010,10\n"
      "H3,500035,4400005,1010,10\n");
  put("assays.csv", "hole_id,from,to,au\nH1,0,10,1.0\nH2,0,10,3.0\nH3,0,10,5.0\n");
  const auto r = run_project(
      project("method = \"nn\"\nmetric = \"euclidean\"\ncross_validation = \"none\"\n"));
  ASSERT_EQ(r.rc, 0) << r.err;
  const json rep = json::parse(slurp(dir_ / "out" / "report.json"));
  EXPECT_EQ(rep["estimation"]["composites"]["outside_model"].get<int>(), 1);
  EXPECT_NE(rep["diagnostics"].dump().find(
                "warning[input.composites_outside_model]: 1 of 3 composites (33.3 %) lie "
                "outside the block model"),
            std::string::npos)
      << rep["diagnostics"].dump();
  EXPECT_NE(slurp(dir_ / "out" / "report.md").find("1 of them outside the block model"),
            std::string::npos);
}

TEST_F(ProjectEstimation, ClassificationRuleIsTheUsers) {
  // Both blocks use both samples (two holes): min_holes = 2 holds for both, min_samples = 3
  // for none, and the first matching class wins.
  const auto r = run_project(
      project("method = \"idw\"\nmetric = \"euclidean\"\ncross_validation = \"none\"\n") +
      "\n[[classification]]\nclass = \"Three\"\nmin_samples = 3\n"
      "\n[[classification]]\nclass = \"Two holes\"\nmin_holes = 2\n");
  ASSERT_EQ(r.rc, 0) << r.err;
  const json rep = json::parse(slurp(dir_ / "out" / "report.json"));
  const auto& c = rep["estimation"]["classification"];
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0]["blocks"].get<int>(), 0);
  EXPECT_EQ(c[1]["blocks"].get<int>(), 2);
  EXPECT_EQ(c[1]["rule"], "holes >= 2");
}

TEST_F(ProjectEstimation, BadMethodIsLocated) {
  const auto r = run_project(project("method = \"krige\"\n"));
  EXPECT_EQ(r.rc, 3);
  // [estimate] is on line 27; its first key on line 28, the value at column 10.
  EXPECT_EQ(r.err,
            where(28, 10) +
                ": error[input.bad_option]: 'method' is \"krige\", expected ok, sk, idw or nn\n");
  EXPECT_FALSE(fs::exists(dir_ / "out" / "report.json"));
}

TEST_F(ProjectEstimation, ModelFileAndDrillholesAreExclusive) {
  const auto r = run_project(project("", "file = \"model.csv\"\n"));
  EXPECT_EQ(r.rc, 3);
  EXPECT_NE(
      r.err.find(
          "error[input.bad_option]: [model] file is given with [drillholes], expected one of them"),
      std::string::npos)
      << r.err;
}

TEST_F(ProjectEstimation, SimpleKrigingNeedsItsMean) {
  const auto r = run_project(project("method = \"sk\"\n"));
  EXPECT_EQ(r.rc, 3);
  EXPECT_NE(r.err.find("error[input.bad_option]: simple kriging (method \"sk\") needs 'mean', "
                       "expected the known mean of the value"),
            std::string::npos)
      << r.err;
}

TEST_F(ProjectEstimation, UnknownEstimateKeyIsRefused) {
  const auto r = run_project(project("nmax = 16\n"));
  EXPECT_EQ(r.rc, 3);
  EXPECT_NE(
      r.err.find(where(28, 1) + ": error[input.unknown_key]: unknown key 'nmax' in [estimate]"),
      std::string::npos)
      << r.err;
}

TEST_F(ProjectEstimation, CompositeWithoutDrillholes) {
  const auto r = run_project(
      "[project]\ncrs = \"EPSG:32638\"\n[model]\ngrid = \"grid.json\"\ndensity_t_m3 = "
      "2.5\n[composite]\nlength_m = "
      "2\n[[scenario]]\nname = \"l\"\nfile = \"line.wkt\"\n");
  EXPECT_EQ(r.rc, 3);
  EXPECT_NE(r.err.find("error[input.missing_option]: [composite] is given without [drillholes]"),
            std::string::npos)
      << r.err;
}

TEST_F(ProjectEstimation, DuplicateClassIsRefused) {
  const auto r =
      run_project(project("method = \"nn\"\n") + "\n[[classification]]\nclass = \"A\"\n" +
                  "\n[[classification]]\nclass = \"A\"\n");
  EXPECT_EQ(r.rc, 3);
  EXPECT_NE(r.err.find("error[input.bad_option]: class 'A' is defined twice"), std::string::npos)
      << r.err;
}

TEST_F(ProjectEstimation, SurveyNeedsFixes) {
  const std::string text = project("method = \"nn\"\n");
  const auto r = run_project(text.substr(0, text.find("file = \"line.wkt\"")) +
                             "\n[scenario.survey]\norder = \"o.txt\"\n");
  EXPECT_EQ(r.rc, 3);
  EXPECT_NE(r.err.find(
                "error[input.missing_option]: missing key 'fixes', expected a list of one or more"),
            std::string::npos)
      << r.err;
}

TEST_F(ProjectEstimation, SurveyAndFileAreExclusive) {
  const auto r = run_project(project("method = \"nn\"\n") +
                             "\n[scenario.survey]\nfixes = [\"a.csv\"]\norder = \"o.txt\"\n");
  EXPECT_EQ(r.rc, 3);
  EXPECT_NE(
      r.err.find(
          "error[input.bad_option]: scenario 'west_line' gives both 'file' and [scenario.survey]"),
      std::string::npos)
      << r.err;
}

// [scenario.survey] takes every key of the survey table, as `lodeline survey` takes its flags
// (min_satellites was a flag only), with the same range and the location of the value.
TEST_F(ProjectEstimation, SurveyKeysAreTheSurveyTable) {
  put("pillars.csv",
      "pillar,lat,lon,h,sd_e_m,sd_n_m\nN,39.7,27.0,0,0.05,0.05\nS,39.6,27.0,0,0.05,0.05\n");
  put("order.txt", "N\nS\n");
  const std::string text = project("method = \"nn\"\n");
  const std::string head = text.substr(0, text.find("file = \"line.wkt\""));
  const std::string text_with =
      head + "\n[scenario.survey]\nfixes = [\"pillars.csv\"]\norder = \"order.txt\"\n";
  const auto line = static_cast<int>(std::count(text_with.begin(), text_with.end(), '\n')) + 1;
  const auto r = run_project(text_with + "min_satellites = 300\n");
  EXPECT_EQ(r.rc, 3) << r.err;
  EXPECT_EQ(r.err.substr(0, r.err.find('\n')),
            where(line, 18) +
                ": error[input.bad_option]: 'min_satellites' is 300, expected a whole number "
                "from 0 to 200 (0 = off)");
  const auto cli = lodeline::test::run_lodeline(
      {"survey", "--fixes", (dir_ / "pillars.csv").string(), "--order",
       (dir_ / "order.txt").string(), "--crs", "EPSG:32635", "--min-satellites", "300", "--out",
       (dir_ / "l.geojson").string()});
  EXPECT_EQ(cli.rc, 2);
  EXPECT_EQ(cli.err,
            "error[usage.bad_option]: '--min-satellites' is 300, expected a whole number from 0 "
            "to 200 (0 = off)\n");
}

// A line from CSV pillars on Pulkovo 1942: a named operation that is a CRS is refused at run
// time with its text, and the project key reaches the survey.
TEST_F(ProjectEstimation, SurveyTransformationKeyReachesTheSurvey) {
  put("pillars.csv",
      "pillar,lat,lon,h,sd_e_m,sd_n_m\nN,39.7,27.0,0,0.05,0.05\nS,39.6,27.0,0,0.05,0.05\n");
  put("order.txt", "N\nS\n");
  const std::string text = project("method = \"nn\"\n");
  const auto r = run_project(
      text.substr(0, text.find("file = \"line.wkt\"")) +
      "\n[scenario.survey]\nfixes = [\"pillars.csv\"]\norder = \"order.txt\"\ncsv_crs = "
      "\"EPSG:4284\"\ntransformation = \"EPSG:4326\"\n");
  EXPECT_EQ(r.rc, 4) << r.err;
  EXPECT_NE(r.err.find("error[crs.bad_transformation]: transformation 'EPSG:4326' is a CRS"),
            std::string::npos)
      << r.err;
}

}  // namespace

// The holes' coordinates in another system than the grid's (a common mistake: local mine
// grid against UTM): no composite lies within the search of any block, so nothing is
// estimated; the run stops with the counts and the settings instead of reporting 0 t.
TEST_F(ProjectEstimation, NothingEstimatedIsRefused) {
  put("collars.csv", "hole_id,x,y,z,depth\nH1,5005,4005,1010,10\nH2,5015,4005,1010,10\n");
  const auto r = run_project(project("method = \"nn\"\nmax_distance_m = 50\n"));
  EXPECT_EQ(r.rc, 5) << r.err;
  EXPECT_NE(r.err.find("error[numeric.nothing_estimated]: none of the 2 blocks is estimated (2 "
                       "with fewer than min_samples = 1 of the 2 composites within "
                       "max_distance_m = 50 m, 0 singular)"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "out" / "report.json"));
}
