// SPDX-License-Identifier: Apache-2.0
// Project file to report for Monte Carlo, claim offsets and disputed ground, on a uniform
// model where every figure follows by hand; project-file errors at their key.
//
// Model: 20 x 10 x 1 blocks of 10 m from (500000, 4400000) in UTM 38N, 2 g/t, 2.5 t/m3, so
// 2,500 t and 5,000 g of gold per block, 50 g per m² of plan. Lines walked north (side A =
// West): "west" at E 500080, "east" at E 500125, both from 10 m south to 10 m north of the
// model (H = 100 m).
#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "lodeline/border/pillars.hpp"
#include "lodeline/config/project.hpp"
#include "lodeline/pipeline/run.hpp"
#include "lodeline/report/resource_report.hpp"

namespace fs = std::filesystem;
using namespace lodeline;
using nlohmann::json;

namespace {

constexpr const char* kHead = R"([project]
name = "uncertainty test"
crs = "EPSG:32638"

[model]
file = "model.csv"
grid = "grid.json"
grade = "AU"
density_t_m3 = 2.5
)";

constexpr const char* kScenarios = R"(
[[scenario]]
name = "west"
file = "west.wkt"
side_a = "West"
side_b = "East"
sd_m = 0.5

[[scenario]]
name = "east"
file = "east.wkt"
side_a = "West"
side_b = "East"
)";

class Uncertainty : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           (std::string("lodeline-unc-") + info->name() + "-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    put("grid.json",
        R"({"origin": [500000, 4400000, 1000], "block_size": [10, 10, 10], "counts": [20, 10, 1],)"
        R"( "crs": "EPSG:32638"})");
    std::string csv = "XC,YC,ZC,AU\n";
    for (int j = 0; j < 10; ++j)
      for (int i = 0; i < 20; ++i)
        csv +=
            std::to_string(500005 + 10 * i) + "," + std::to_string(4400005 + 10 * j) + ",1005,2\n";
    put("model.csv", csv);
    put("west.wkt", "LINESTRING (500080 4399990, 500080 4400110)\n");
    put("east.wkt", "LINESTRING (500125 4399990, 500125 4400110)\n");
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string put(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return (dir_ / name).string();
  }
  fs::path project(const std::string& rest) const {
    return put("project.toml", std::string(kHead) + rest);
  }
  // "line:col: code" of the error load_project throws.
  std::string load_error(const std::string& rest) const {
    try {
      config::load_project(project(rest));
    } catch (const Error& e) {
      return std::to_string(e.location().line) + ":" + std::to_string(e.location().column) + ": " +
             e.code();
    }
    return "no error";
  }
  fs::path dir_;
};

}  // namespace

// Side A's area share under "west" moved by d is (80 + d) / 200: 60 % needs d = +40 m. Side B
// claims 30 % of the metal: side A 70 %, d = +60 m. Disputed ground is the strip between the
// lines, 45 m x 100 m = 4,500 m² holding 225,000 g. The Monte Carlo sd of side A's area is
// H σ / √2 = 35.36 m² for σ = 0.5 m (derivation in tests/unit/border/test_monte_carlo.cpp).
TEST_F(Uncertainty, ClaimsDisputedGroundAndMonteCarloByHand) {
  const auto p = config::load_project(project(std::string(kScenarios) + R"(
[monte_carlo]
draws = 2000
seed = 9

[[claim]]
source = "a"
date = "2020"
statement = "60 % of the ground is ours"
side = "West"
share_pct = 60
measure = "area"

[[claim]]
source = "b"
date = "2020"
statement = "we hold 30 % of the gold"
side = "East"
share_pct = 30
measure = "metal"
)"));
  ASSERT_TRUE(p.monte_carlo.enabled);
  EXPECT_EQ(p.monte_carlo.options.draws, 2000);
  EXPECT_EQ(p.monte_carlo.options.seed, 9u);
  ASSERT_EQ(p.scenarios.size(), 2u);
  EXPECT_DOUBLE_EQ(p.scenarios[0].uncertainty.sd_m, 0.5);
  EXPECT_FALSE(p.scenarios[1].uncertainty.given);
  const auto r = pipeline::run_project(p);
  // Claims: "west" needs +40 m (area) and +60 m (metal); "east" (side A 62.5 %) needs -5 m
  // and +15 m.
  ASSERT_EQ(r.claims.size(), 2u);
  auto offset = [&](std::size_t c, const std::string& scenario) -> double {
    for (const auto& row : r.claims[c].rows)
      if (row.scenario == scenario) return row.offset.offset_m;
    return NAN;
  };
  EXPECT_NEAR(offset(0, "west"), 40, 1e-3);
  EXPECT_NEAR(offset(0, "east"), -5, 1e-3);
  EXPECT_NEAR(offset(1, "west"), 60, 1e-3);
  EXPECT_NEAR(offset(1, "east"), 15, 1e-3);
  // Disputed ground.
  ASSERT_EQ(r.disputed.size(), 1u);
  const auto& d = r.disputed[0];
  EXPECT_EQ(d.side_x, "West");
  EXPECT_NEAR(d.undisputed_x.tally.area_m2, 8000, 1e-6);
  EXPECT_NEAR(d.undisputed_y.tally.area_m2, 7500, 1e-6);
  EXPECT_NEAR(d.disputed.tally.area_m2, 4500, 1e-6);
  EXPECT_NEAR(d.disputed.tally.by_cutoff[0].metal_g, 225000, 1e-3);
  ASSERT_EQ(d.pairs.size(), 1u);
  EXPECT_NEAR(d.pairs[0].x_by_second.tally.area_m2, 4500, 1e-6);
  EXPECT_NEAR(d.pairs[0].x_by_first.tally.area_m2, 0, 1e-6);
  // Monte Carlo on "west" only.
  ASSERT_EQ(r.monte_carlo.size(), 1u);
  EXPECT_EQ(r.monte_carlo[0].scenario, "west");
  const auto& area = r.monte_carlo[0].result.measures[0];
  const double sd = 100 * 0.5 / std::sqrt(2.0);
  EXPECT_NEAR(area.amount[0].sd, sd, 3 * sd / std::sqrt(2 * 1999.0));
  EXPECT_NEAR(area.per_metre_shift, 100, 1e-6);
  // The JSON carries the new keys.
  const json j = json::parse(report::report_json(r));
  EXPECT_NEAR(j["claims"][0]["evaluations"][0]["offset_m"].get<double>(), 40, 1e-3);
  EXPECT_EQ(j["claims"][1]["reproduced_with_offset"].size(), 2u);
  EXPECT_NEAR(j["disputed_ground"][0]["disputed"]["metal_t"].get<double>(), 0.225, 1e-9);
  EXPECT_EQ(j["scenarios"][0]["monte_carlo"]["draws"], 2000);
  EXPECT_FALSE(j["scenarios"][1].contains("monte_carlo"));
  EXPECT_NE(report::report_markdown(r).find("Disputed ground"), std::string::npos);
}

// Per-vertex errors, and the same report for 1 and 2 threads.
TEST_F(Uncertainty, PerVertexErrorsAndThreads) {
  std::string sc = kScenarios;
  sc.replace(sc.find("sd_m = 0.5"), 10,
             "vertex_covariance_m2 = [[0.25, 0, 0.01], [0.09, 0.01, 0.04]]");
  const auto p = config::load_project(project(sc + "\n[monte_carlo]\ndraws = 300\n"));
  ASSERT_EQ(p.scenarios[0].uncertainty.per_vertex.size(), 2u);
  EXPECT_DOUBLE_EQ(p.scenarios[0].uncertainty.per_vertex[1].cov_en_m2, 0.01);
  std::string one, two;
  {
    tbb::global_control c(tbb::global_control::max_allowed_parallelism, 1);
    one = report::report_json(pipeline::run_project(p));
  }
  {
    tbb::global_control c(tbb::global_control::max_allowed_parallelism, 2);
    two = report::report_json(pipeline::run_project(p));
  }
  EXPECT_EQ(one, two);
  // E errors sd 0.5 and 0.3 at the two pillars: side A's area sd is H √(0.25 + 0.09) / 2.
  const json j = json::parse(one);
  const double sd = 100 * std::sqrt(0.34) / 2;
  EXPECT_NEAR(
      j["scenarios"][0]["monte_carlo"]["measures"][0]["sides"][0]["amount"]["sd"].get<double>(), sd,
      4 * sd / std::sqrt(2 * 299.0));
}

// Errors at the offending key.
TEST_F(Uncertainty, ProjectErrorsAtTheirKey) {
  // Position errors without [monte_carlo]: at sd_m (line 16 of the file, column 1).
  EXPECT_EQ(load_error(kScenarios), "16:8: input.missing_option");
  // [monte_carlo] without position errors.
  std::string none = kScenarios;
  none.replace(none.find("sd_m = 0.5"), 10, "");
  EXPECT_EQ(load_error(none + "\n[monte_carlo]\n"), "24:1: input.missing_option");
  // Two error keys in one scenario.
  std::string both = kScenarios;
  both.replace(both.find("sd_m = 0.5"), 10, "sd_m = 0.5\npillars = \"x.geojson\"");
  EXPECT_EQ(load_error(both + "[monte_carlo]\n").substr(0, 3), "17:");
  // A negative sd, a covariance that is not positive semi-definite, a bad draw count.
  std::string neg = kScenarios;
  neg.replace(neg.find("sd_m = 0.5"), 10, "sd_m = [0.5, -1]");
  EXPECT_EQ(load_error(neg + "[monte_carlo]\n"), "16:14: input.bad_option");
  std::string huge = kScenarios;
  huge.replace(huge.find("sd_m = 0.5"), 10, "sd_m = 1e18");
  EXPECT_EQ(load_error(huge + "[monte_carlo]\n"), "16:8: input.bad_option");
  std::string cov = kScenarios;
  cov.replace(cov.find("sd_m = 0.5"), 10, "vertex_covariance_m2 = [[1, 0, 1], [1, 2, 1]]");
  EXPECT_EQ(load_error(cov + "[monte_carlo]\n"), "16:36: input.bad_covariance");
  EXPECT_EQ(load_error(std::string(kScenarios) + "[monte_carlo]\ndraws = 1.5\n"),
            "24:9: input.bad_option");
  EXPECT_EQ(load_error(std::string(kScenarios) + "[monte_carlo]\ndraw = 10\n"),
            "24:1: input.unknown_key");
  // [disputed] naming an unknown line; a per-vertex list of the wrong length.
  EXPECT_EQ(load_error(std::string(kScenarios) +
                       "[monte_carlo]\n[disputed]\nlines = [\"west\", \"nope\"]\n"),
            "24:1: input.bad_option");
  EXPECT_EQ(load_error("[report]\nclaim_offset_max_m = -1\n" + std::string(kScenarios) +
                       "[monte_carlo]\n"),
            "11:22: input.bad_option");
  std::string three = kScenarios;
  three.replace(three.find("sd_m = 0.5"), 10, "sd_m = [0.5, 0.5, 0.5]");
  const auto p = config::load_project(project(three + "[monte_carlo]\n"));
  try {
    pipeline::run_project(p);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "input.bad_covariance");
    EXPECT_EQ(e.location().line, 16);
    EXPECT_NE(e.message().find("gives 3 position errors"), std::string::npos) << e.message();
  }
}

// Pillar errors from a surveyed-line GeoJSON named by the scenario: E errors 0.5 m at both
// pillars give side A's area sd H σ / √2; a pillar off its vertex is refused by `check` too.
TEST_F(Uncertainty, PillarsFromSurveyedLine) {
  auto geojson = [](double e2) {
    json pillars = json::array();
    pillars.push_back({{"pillar", "P1"},
                       {"vertex", 0},
                       {"e_m", 500080.0},
                       {"n_m", 4399990.0},
                       {"sd_e_m", 0.5},
                       {"sd_n_m", 0.0},
                       {"cov_en_m2", 0.0}});
    pillars.push_back({{"pillar", "P2"},
                       {"vertex", 1},
                       {"e_m", e2},
                       {"n_m", 4400110.0},
                       {"sd_e_m", 0.5},
                       {"sd_n_m", 0.0},
                       {"cov_en_m2", 0.0}});
    json doc = {
        {"type", "FeatureCollection"},
        {"crs", {{"type", "name"}, {"properties", {{"name", "urn:ogc:def:crs:EPSG::32638"}}}}},
        {"features",
         {{{"type", "Feature"},
           {"properties", {{"kind", "surveyed"}, {"pillars", pillars}}},
           {"geometry",
            {{"type", "LineString"},
             {"coordinates", {{500080.0, 4399990.0}, {500080.0, 4400110.0}}}}}}}}};
    return doc.dump(1);
  };
  put("surveyed.geojson", geojson(500080.0));
  put("moved.geojson", geojson(500081.0));
  std::string sc = kScenarios;
  sc.replace(sc.find("file = \"west.wkt\""), 17, "file = \"surveyed.geojson\"");
  sc.replace(sc.find("sd_m = 0.5"), 10, "pillars = \"surveyed.geojson\"");
  const auto p = config::load_project(project(sc + "[monte_carlo]\ndraws = 2000\n"));
  const auto r = pipeline::run_project(p);
  ASSERT_EQ(r.monte_carlo.size(), 1u);
  const double sd = 100 * 0.5 / std::sqrt(2.0);
  EXPECT_NEAR(r.monte_carlo[0].result.measures[0].amount[0].sd, sd, 3 * sd / std::sqrt(2 * 1999.0));
  EXPECT_EQ(r.monte_carlo[0].result.vertices, 2);
  std::string bad = sc;
  bad.replace(bad.find("pillars = \"surveyed.geojson\""), 28, "pillars = \"moved.geojson\"");
  const auto q = config::load_project(project(bad + "[monte_carlo]\n"));
  try {
    (void)pipeline::plan_project(q);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "input.pillars_mismatch");
  }
}

// A vertex between two pillars (a densified geodesic segment) keeps its chord coordinates:
// pillars A = (0, 0), B = (0, 100) and the vertex (-1, 50) = A + 0.5 (B - A) + 0.01 perp(B - A)
// with perp(x, y) = (-y, x). Moving B to (1, 100) puts it at (0.5, 50) + 0.01 (-100, 1).
TEST_F(Uncertainty, PillarsRedrawInteriorVertices) {
  json pillars = json::array();
  pillars.push_back({{"vertex", 0},
                     {"e_m", 0.0},
                     {"n_m", 0.0},
                     {"sd_e_m", 0.1},
                     {"sd_n_m", 0.2},
                     {"cov_en_m2", 0.01}});
  pillars.push_back({{"vertex", 2},
                     {"e_m", 0.0},
                     {"n_m", 100.0},
                     {"sd_e_m", 0.3},
                     {"sd_n_m", 0.4},
                     {"cov_en_m2", 0.0}});
  const json doc = {{"type", "FeatureCollection"},
                    {"features", {{{"type", "Feature"}, {"properties", {{"pillars", pillars}}}}}}};
  const std::string file = put("p.geojson", doc.dump());
  const Polyline line{{0, 0}, {-1, 50}, {0, 100}};
  const auto u = border::read_pillar_errors(file, line);
  ASSERT_EQ(u.points.size(), 2u);
  EXPECT_DOUBLE_EQ(u.covariance[0].var_n_m2, 0.04);
  EXPECT_DOUBLE_EQ(u.covariance[0].cov_en_m2, 0.01);
  EXPECT_DOUBLE_EQ(u.covariance[1].var_e_m2, 0.09);
  const auto same = u.line_through(u.points);
  ASSERT_EQ(same.size(), 3u);
  EXPECT_NEAR(same[1].x, -1, 1e-12);
  EXPECT_NEAR(same[1].y, 50, 1e-12);
  const auto moved = u.line_through({{0, 0}, {1, 100}});
  EXPECT_NEAR(moved[1].x, -0.5, 1e-12);
  EXPECT_NEAR(moved[1].y, 50.01, 1e-12);
  // A pillar list that does not start at the first vertex is refused.
  pillars[0]["vertex"] = 1;
  const json bad = {{"type", "FeatureCollection"},
                    {"features", {{{"type", "Feature"}, {"properties", {{"pillars", pillars}}}}}}};
  EXPECT_THROW(border::read_pillar_errors(put("q.geojson", bad.dump()), line), Error);
}
