// SPDX-License-Identifier: Apache-2.0
// `lodeline split --mc`: the analytic area sd of a two-pillar line, the same bytes for 1 and 2
// threads, pillar errors from a surveyed-line GeoJSON, usage errors and no output on failure.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_harness.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using lodeline::test::slurp;

using Result = lodeline::test::CliResult;
Result run(const std::vector<std::string>& args) { return lodeline::test::run_lodeline(args); }

// 100 x 50 columns of 1 m at (500000, 4400000) in UTM 38N: W = 100 m, H = 50 m.
constexpr const char* kGrid =
    R"({"origin": [500000, 4400000, 0], "block_size": [1, 1, 1], "counts": [100, 50, 1],)"
    R"( "crs": "EPSG:32638"})";

// A surveyed line as `lodeline survey --out` writes it: two pillars, the second with
// `e_offset` added to its stated easting.
std::string survey_geojson(double sd_e, double sd_n, double e_offset = 0) {
  json pillars = json::array();
  pillars.push_back({{"pillar", "P1"},
                     {"vertex", 0},
                     {"e_m", 500040.3},
                     {"n_m", 4399990.0},
                     {"sd_e_m", sd_e},
                     {"sd_n_m", sd_n},
                     {"cov_en_m2", 0.0}});
  pillars.push_back({{"pillar", "P2"},
                     {"vertex", 1},
                     {"e_m", 500040.3 + e_offset},
                     {"n_m", 4400060.0},
                     {"sd_e_m", sd_e},
                     {"sd_n_m", sd_n},
                     {"cov_en_m2", 0.0}});
  json doc = {
      {"type", "FeatureCollection"},
      {"crs", {{"type", "name"}, {"properties", {{"name", "urn:ogc:def:crs:EPSG::32638"}}}}},
      {"features",
       {{{"type", "Feature"},
         {"properties", {{"name", "surveyed line"}, {"kind", "surveyed"}, {"pillars", pillars}}},
         {"geometry",
          {{"type", "LineString"},
           {"coordinates", {{500040.3, 4399990.0}, {500040.3, 4400060.0}}}}}}}}};
  return doc.dump(1);
}

class SplitMc : public lodeline::test::TempFolderTest {
 protected:
  void SetUp() override {
    TempFolderTest::SetUp();
    grid_ = put("grid.json", kGrid);
    // Pillars 10 m south and north of the model, 40.3 m from its west edge, walked north.
    line_ = put("survey.geojson", survey_geojson(0.5, 0.5));
  }
  Result split(const std::vector<std::string>& extra, const std::string& out = "f.csv") const {
    std::vector<std::string> args{"split", "--grid", grid_, "--border", line_, "--out", path(out)};
    args.insert(args.end(), extra.begin(), extra.end());
    return run(args);
  }
  /// A refused run: exit 3, exactly `err` on stderr, and no `out` file.
  void expect_refused(const Result& r, const std::string& err, const std::string& out) const {
    EXPECT_EQ(r.rc, 3);
    EXPECT_EQ(r.err, err);
    EXPECT_FALSE(fs::exists(path(out)));
  }
  std::string grid_, line_;
};

}  // namespace

// Two pillars with independent errors σ in E and N: N errors slide the pillars along the
// vertical line and change nothing; E errors e1, e2 move side A's (west) area by H (e1 + e2)/2
// (see tests/unit/border/test_monte_carlo.cpp), so its sd is H σ / √2 = 17.68 m² for
// H = 50 m, σ = 0.5 m. A parallel offset moves H = 50 m² per metre.
TEST_F(SplitMc, AnalyticAreaSd) {
  const auto r =
      split({"--mc", "4000", "--seed", "7", "--sd-m", "0.5", "--mc-out", path("mc.json")});
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_NE(r.out.find("monte carlo: 4000 draws (seed 7)"), std::string::npos) << r.out;
  const json mc = json::parse(slurp(path("mc.json")));
  EXPECT_EQ(mc["draws"], 4000);
  EXPECT_EQ(mc["vertices_perturbed"], 2);
  const auto& area = mc["measures"][0];
  EXPECT_EQ(area["measure"], "area");
  const double sd = 50 * 0.5 / std::sqrt(2.0);
  EXPECT_NEAR(area["sides"][0]["amount"]["sd"].get<double>(), sd, 3 * sd / std::sqrt(2 * 3999.0));
  EXPECT_NEAR(area["sides"][0]["share_pct"]["sd"].get<double>(), 100 * sd / 5000,
              3 * 100 * sd / 5000 / std::sqrt(2 * 3999.0));
  EXPECT_NEAR(area["line_as_given_side_a"].get<double>(), 40.3 * 50, 1e-6);
  EXPECT_NEAR(area["side_a_per_metre_offset"].get<double>(), 50, 1e-6);
  EXPECT_TRUE(fs::exists(path("f.csv")));
}

// The same draws for any thread count: byte-identical JSON.
TEST_F(SplitMc, SameBytesForOneAndTwoThreads) {
  std::vector<std::string> a{"--threads", "1"}, b{"--threads", "2"};
  for (auto* v : {&a, &b}) {
    v->insert(v->end(), {"split", "--grid", grid_, "--border", line_, "--out", path("f.csv"),
                         "--mc", "500", "--seed", "11", "--sd-m", "0.3", "--mc-out"});
  }
  a.push_back(path("a.json"));
  b.push_back(path("b.json"));
  ASSERT_EQ(run(a).rc, 0);
  ASSERT_EQ(run(b).rc, 0);
  EXPECT_EQ(slurp(path("a.json")), slurp(path("b.json")));
  EXPECT_FALSE(slurp(path("a.json")).empty());
}

// Pillar errors from the surveyed line (sd 0.5 m in E and N) give the same analytic sd.
TEST_F(SplitMc, PillarsFromSurveyedLine) {
  const auto r =
      split({"--mc", "4000", "--seed", "3", "--pillars", line_, "--mc-out", path("mc.json")});
  ASSERT_EQ(r.rc, 0) << r.err;
  const json mc = json::parse(slurp(path("mc.json")));
  const double sd = 50 * 0.5 / std::sqrt(2.0);
  EXPECT_NEAR(mc["measures"][0]["sides"][0]["amount"]["sd"].get<double>(), sd,
              3 * sd / std::sqrt(2 * 3999.0));
  EXPECT_NE(mc["position_error"].get<std::string>().find("pillar covariances"), std::string::npos);
  // A pillar that is not on the line: refused, nothing written.
  // The error is located at that pillar's e_m (the second "e_m" of the pillars list), found
  // here by counting lines and columns in the text written.
  const std::string text = survey_geojson(0.5, 0.5, 1.0);
  const std::string moved = put("moved.geojson", text);
  std::size_t at = text.find("\"pillars\"");
  for (int k = 0; k < 2; ++k) at = text.find("\"e_m\"", at + 1);
  at = text.find_first_not_of(" :", at + 5);
  const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(at), '\n');
  const auto col = at - (text.rfind('\n', at - 1) + 1) + 1;
  const auto bad = split({"--mc", "100", "--pillars", moved}, "g.csv");
  EXPECT_EQ(bad.rc, 3);
  EXPECT_EQ(bad.err.rfind(fmt::format("{}:{}:{}: error[input.pillars_mismatch]: pillar 'P2' is at "
                                      "E 500041.300",
                                      moved, line, col),
                          0),
            0u)
      << bad.err;
  EXPECT_FALSE(fs::exists(path("g.csv")));
}

// A negative or absurd standard deviation in a pillars file (once: -1e18 m, and `split --mc`
// ran for minutes) is refused at its line:col before any draw; nothing is written. The
// pillars of survey_geojson() are dumped with sorted keys: pillar P1's cov_en_m2 is on line
// 28, its sd_e_m on line 32 and sd_n_m on line 33, values in column 17 (20 for cov_en_m2).
TEST_F(SplitMc, PillarSdOutOfRange) {
  const std::string negative = put("negative.geojson", survey_geojson(-1e18, 0.5));
  expect_refused(split({"--mc", "20", "--pillars", negative}, "n.csv"),
                 negative +
                     ":32:17: error[input.bad_number]: pillar 'P1' has sd_e_m -1e+18 m, "
                     "expected a standard deviation from 0 to 1e+06 m\n",
                 "n.csv");
  const std::string huge = put("huge.geojson", survey_geojson(0.5, 2e6));
  expect_refused(split({"--mc", "20", "--pillars", huge}, "h.csv"),
                 huge +
                     ":33:17: error[input.bad_number]: pillar 'P1' has sd_n_m 2000000 m, "
                     "expected a standard deviation from 0 to 1e+06 m\n",
                 "h.csv");
}

// |cov_en| above sd_e sd_n: no 2x2 covariance; refused at the value.
TEST_F(SplitMc, PillarCovarianceNotPositiveSemiDefinite) {
  std::string text = survey_geojson(0.5, 0.5);
  const std::string key = "\"cov_en_m2\": 0.0";
  text.replace(text.find(key), key.size(), "\"cov_en_m2\": 0.3");
  const std::string bad = put("cov.geojson", text);
  expect_refused(split({"--mc", "20", "--pillars", bad}, "c.csv"),
                 bad +
                     ":28:20: error[input.bad_covariance]: pillar 'P1' has cov_en_m2 0.3 m², "
                     "expected |cov_en_m2| <= sd_e_m * sd_n_m = 0.25 m²\n",
                 "c.csv");
}

// --draws and --seed are the keys of a project's [monte_carlo], from its one declaration;
// --mc is the older spelling of --draws: the same draws, the same bytes.
TEST_F(SplitMc, DrawsIsTheMonteCarloKeyAndMcItsAlias) {
  ASSERT_EQ(
      split({"--draws", "300", "--seed", "5", "--sd-m", "0.3", "--mc-out", path("a.json")}).rc, 0);
  ASSERT_EQ(split({"--mc", "300", "--seed", "5", "--sd-m", "0.3", "--mc-out", path("b.json")}).rc,
            0);
  const std::string a = slurp(path("a.json"));
  EXPECT_EQ(a, slurp(path("b.json")));
  EXPECT_EQ(json::parse(a)["draws"], 300);
  const auto r = split({"--draws", "300", "--seed", "-1", "--sd-m", "0.3"}, "s.csv");
  EXPECT_EQ(r.rc, 2);
  EXPECT_EQ(r.err.substr(0, r.err.find('\n')),
            "error[usage.bad_option]: '--seed' is -1, expected a whole number from 0 to "
            "9007199254740992");
}

// --sd-m must be a number from 0 to 1e6 m: CLI::Range let "nan" through (then --sd-m was
// taken as not given).
TEST_F(SplitMc, SdOptionOutOfRange) {
  for (const std::string sd : {"nan", "-1", "inf", "-0.5", "2e6"}) {
    const auto r = split({"--mc", "20", "--sd-m", sd}, "s.csv");
    EXPECT_EQ(r.rc, 2) << sd;
    EXPECT_EQ(r.err, "error[usage.bad_argument]: --sd-m: '" + sd +
                         "' is not a standard deviation, expected a number from 0 to 1e+06 m\n"
                         "run 'lodeline --help' or 'lodeline <command> --help' for usage\n");
    EXPECT_FALSE(fs::exists(path("s.csv")));
  }
}

TEST_F(SplitMc, UsageErrors) {
  for (const auto& extra : std::vector<std::vector<std::string>>{
           {"--mc", "100"},
           {"--mc", "100", "--sd-m", "0.1", "--pillars", "x.geojson"},
           {"--sd-m", "0.1"},
           {"--mc-out", "x.json"}}) {
    const auto r = split(extra, "u.csv");
    EXPECT_EQ(r.rc, 2) << r.err;
    EXPECT_NE(r.err.find("error[usage.bad_option]"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(path("u.csv")));
  }
  EXPECT_EQ(split({"--mc", "1", "--sd-m", "0.1"}, "u.csv").rc, 2);  // at least 2 draws
}

// Errors large against the 10 m between the pillars and the model: some draw puts an end
// inside the model; the run stops naming the draw and writes no file.
TEST_F(SplitMc, DrawEndingInsideTheModelFails) {
  const auto r = split({"--mc", "200", "--sd-m", "20", "--mc-out", path("mc.json")}, "h.csv");
  EXPECT_EQ(r.rc, 4) << r.err;
  EXPECT_NE(r.err.find("Monte Carlo draw"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(path("h.csv")));
  EXPECT_FALSE(fs::exists(path("mc.json")));
}
