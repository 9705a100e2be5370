// SPDX-License-Identifier: Apache-2.0
// Variogram model: shapes, GSLIB/gstat rotation against gstat's numbers, validation, JSON.
//
// Oracles: tests/data/krige/meuse2d/variogram_checks.csv and params.json (R gstat 2.1.0,
// variogramLine() and gstat's rotation matrix), plus hand calculations noted per test.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "lodeline/io/csv.hpp"
#include "lodeline/io/json_file.hpp"
#include "lodeline/io/text_file.hpp"
#include "lodeline/variogram/model.hpp"

using namespace lodeline;
using namespace lodeline::variogram;

namespace {

const std::string kMeuse = std::string(LODELINE_TEST_DATA) + "/krige/meuse2d";

// gstat v_ani: vgm(psill = 0.59, 'Sph', range = 1200, nugget = 0.05, anis = c(40, 0.5)).
VariogramModel v_ani() {
  VariogramModel m;
  m.nugget = 0.05;
  m.structures.push_back({StructureType::spherical, 0.59, {1200, 600, 1200}, {40, 0, 0}});
  return m;
}

double rel(double a, double b) { return std::abs(a - b) / std::max(1e-300, std::abs(b)); }

}  // namespace

TEST(VariogramModel, MatchesGstatVariogramLine) {
  const auto t = io::CsvTable::read(kMeuse + "/variogram_checks.csv");
  const auto m = v_ani();
  const PreparedModel pm(m);
  ASSERT_EQ(t.rows().size(), 28u);
  for (const auto& row : t.rows()) {
    const double dx = t.number(row, 2), dy = t.number(row, 3), g = t.number(row, 5);
    const double ours = m.gamma({dx, dy, 0});
    if (g == 0) {
      EXPECT_EQ(ours, 0.0) << "line " << row.line;
    } else {
      EXPECT_LT(rel(ours, g), 1e-12) << "line " << row.line << " ours " << ours << " gstat " << g;
    }
    EXPECT_LT(std::abs(pm.gamma(dx, dy, 0) - ours), 1e-15) << "line " << row.line;
  }
}

TEST(VariogramModel, GstatMatrixEqualsParamsJson) {
  const auto doc = io::read_json(kMeuse + "/params.json");
  for (const char* name : {"v_iso", "v_ani"}) {
    const auto& st = doc["variograms"][name]["structures"][1];
    const auto anis5 = st["anis_5"].get<std::vector<double>>();
    const auto ranges = st["ranges_axes"].get<std::vector<double>>();
    Structure s{StructureType::spherical,
                1.0,
                {ranges[0], ranges[1], ranges[2]},
                {anis5[0], anis5[1], anis5[2]}};
    const GstatAnis a = to_gstat_anis(s);
    EXPECT_DOUBLE_EQ(a.s, anis5[3]);
    EXPECT_DOUBLE_EQ(a.t, anis5[4]);
    const Matrix3 m = gstat_matrix(a);
    for (std::size_t r = 0; r < 3; ++r)
      for (std::size_t c = 0; c < 3; ++c)
        EXPECT_NEAR(m[r][c], st["matrix"][r][c].get<double>(), 1e-14) << name << r << c;
  }
}

TEST(VariogramModel, DipNegativeDownMapsToGstatQ) {
  // Major axis azimuth 30, dipping 40 degrees DOWN: GSLIB ang2 = -40, gstat q = 320.
  Structure s{StructureType::spherical, 1.0, {100, 50, 20}, {30, -40, 0}};
  const GstatAnis a = to_gstat_anis(s);
  EXPECT_DOUBLE_EQ(a.p, 30);
  EXPECT_DOUBLE_EQ(a.q, 320);
  EXPECT_DOUBLE_EQ(a.s, 0.5);
  EXPECT_DOUBLE_EQ(a.t, 0.2);
  constexpr double d = std::numbers::pi / 180;
  // The unit major axis, by hand: (sin az cos dip, cos az cos dip, -sin dip) for dip 40 down.
  const std::array<double, 3> major{std::sin(30 * d) * std::cos(40 * d),
                                    std::cos(30 * d) * std::cos(40 * d), -std::sin(40 * d)};
  const Matrix3 m = reduced_distance_matrix(s);
  auto reduced = [&](std::array<double, 3> h) {
    double u = 0;
    for (std::size_t r = 0; r < 3; ++r) {
      const double v = m[r][0] * h[0] + m[r][1] * h[1] + m[r][2] * h[2];
      u += v * v;
    }
    return std::sqrt(u);
  };
  // 50 m down the major axis is half its range; the up-dipping mirror is not on that axis.
  EXPECT_NEAR(reduced({50 * major[0], 50 * major[1], 50 * major[2]}), 0.5, 1e-14);
  EXPECT_GT(reduced({50 * major[0], 50 * major[1], -50 * major[2]}), 0.6);
  // Horizontal axis perpendicular to the major (the semi-major for ang3 = 0): azimuth 120.
  const std::array<double, 3> semi{std::sin(120 * d), std::cos(120 * d), 0};
  EXPECT_NEAR(reduced({25 * semi[0], 25 * semi[1], 25 * semi[2]}), 0.5, 1e-14);
  // The minor axis = major x semi (up-pointing), range 20 m.
  const std::array<double, 3> minor{major[1] * semi[2] - major[2] * semi[1],
                                    major[2] * semi[0] - major[0] * semi[2],
                                    major[0] * semi[1] - major[1] * semi[0]};
  EXPECT_NEAR(reduced({10 * minor[0], 10 * minor[1], 10 * minor[2]}), 0.5, 1e-14);
}

TEST(VariogramModel, RakeTurnsSemiMajorAboutMajorAxis) {
  // Major north, horizontal; ang3 = 90 turns the semi-major (east) into the vertical.
  Structure s{StructureType::spherical, 1.0, {100, 50, 10}, {0, 0, 90}};
  const Matrix3 m = reduced_distance_matrix(s);
  auto reduced = [&](std::array<double, 3> h) {
    double u = 0;
    for (std::size_t r = 0; r < 3; ++r) {
      const double v = m[r][0] * h[0] + m[r][1] * h[1] + m[r][2] * h[2];
      u += v * v;
    }
    return std::sqrt(u);
  };
  EXPECT_NEAR(reduced({0, 50, 0}), 0.5, 1e-14);
  EXPECT_NEAR(reduced({0, 0, 25}), 0.5, 1e-14);  // vertical now has the semi range 50
  EXPECT_NEAR(reduced({5, 0, 0}), 0.5, 1e-14);   // east now has the minor range 10
}

TEST(VariogramModel, ShapesAtTheirRange) {
  // gstat convention: Exp and Gau 'range' is the scale a (hand values 1 - e^-1).
  const double e1 = 1 - std::exp(-1.0);
  EXPECT_DOUBLE_EQ(unit_variogram(StructureType::spherical, 0.5), 0.6875);
  EXPECT_DOUBLE_EQ(unit_variogram(StructureType::spherical, 1.0), 1.0);
  EXPECT_DOUBLE_EQ(unit_variogram(StructureType::spherical, 3.0), 1.0);
  EXPECT_DOUBLE_EQ(unit_variogram(StructureType::exponential, 1.0), e1);
  EXPECT_DOUBLE_EQ(unit_variogram(StructureType::gaussian, 1.0), e1);
  EXPECT_NEAR(unit_variogram(StructureType::exponential, 3.0), 0.950212931632136, 1e-15);
  EXPECT_NEAR(unit_variogram(StructureType::gaussian, std::sqrt(3.0)), 0.950212931632136, 1e-15);
  VariogramModel m;
  m.nugget = 0.2;
  m.structures.push_back({StructureType::exponential, 0.5, {10, 10, 10}, {0, 0, 0}});
  m.structures.push_back({StructureType::gaussian, 0.3, {20, 20, 20}, {0, 0, 0}});
  EXPECT_DOUBLE_EQ(m.total_sill(), 1.0);
  EXPECT_EQ(m.gamma({0, 0, 0}), 0.0);
  EXPECT_NEAR(m.gamma({0, 0, 10}), 0.2 + 0.5 * (1 - std::exp(-1.0)) + 0.3 * (1 - std::exp(-0.25)),
              1e-15);
  EXPECT_NEAR(m.covariance({10, 0, 0}), 1.0 - m.gamma({10, 0, 0}), 1e-15);
  const PreparedModel pm(m);
  EXPECT_DOUBLE_EQ(pm.covariance(0, 0, 0), 1.0);  // nugget at zero separation only
  EXPECT_DOUBLE_EQ(pm.structured_covariance(0, 0, 0), 0.8);
  EXPECT_NEAR(pm.covariance(1e-9, 0, 0), 0.8, 1e-9);
}

TEST(VariogramModel, JsonRoundTrip) {
  const std::string text = R"({"nugget": 0.2, "structures": [
    {"type": "spherical", "sill": 0.8, "ranges": [120, 80, 30], "angles": [45, -10, 5]},
    {"type": "Exp", "sill": 0.1, "ranges": 50}]})";
  const auto m = model_from_json(nlohmann::json::parse(text));
  ASSERT_EQ(m.structures.size(), 2u);
  EXPECT_EQ(m.structures[1].type, StructureType::exponential);
  EXPECT_EQ(m.structures[1].ranges_m, (std::array<double, 3>{50, 50, 50}));
  EXPECT_EQ(m.structures[1].angles_deg, (std::array<double, 3>{0, 0, 0}));
  const auto back = model_from_json(to_json(m));
  EXPECT_EQ(to_json(back), to_json(m));
  EXPECT_EQ(to_json(m)["structures"][0]["angles"][1].get<double>(), -10);
}

namespace {

// The formatted error of model_from_json on `text` placed at /variogram of a document.
std::string json_error(const std::string& text) {
  const std::string doc = "{\"method\": \"ok\",\n \"variogram\": " + text + "}";
  try {
    (void)model_from_json(nlohmann::json::parse(doc)["variogram"],
                          lodeline::io::json_text_locator(doc, "P.json"), "/variogram");
  } catch (const Error& e) {
    return e.headline();
  }
  return "no error";
}

}  // namespace

TEST(VariogramModel, ValidationMessagesAtTheirJsonLocation) {
  EXPECT_EQ(json_error(R"({"nugget": 0,
  "structures": [{"type": "spherical", "sill": 0, "ranges": [10, 10, 10]}]})"),
            "P.json:2:15: error[input.bad_variogram]: variogram has total sill 0 (nugget + "
            "partial sills), expected > 0");
  EXPECT_EQ(json_error(R"({"nugget": 0.1,
  "structures": [{"type": "spherical", "sill": 1, "ranges": [10, -5, 10]}]})"),
            "P.json:3:66: error[input.bad_variogram]: variogram.structures[0].ranges[1] is -5, "
            "expected a range > 0 m (semi-major)");
  EXPECT_EQ(json_error(R"({"structures": [{"type": "spherical", "sill": 1, "ranges": 0}]})"),
            "P.json:2:74: error[input.bad_variogram]: variogram.structures[0].ranges[0] is 0, "
            "expected a range > 0 m (major)");
  EXPECT_EQ(json_error(R"({"structures": [{"type": "spherical", "sill": 1, "ranges": 10,
    "angles": [360, 0, 0]}]})"),
            "P.json:3:16: error[input.bad_variogram]: variogram.structures[0].angles[0] is 360, "
            "expected ang1 (azimuth of the major axis) in [0, 360) degrees");
  EXPECT_EQ(json_error(R"({"structures": [{"type": "spherical", "sill": 1, "ranges": 10,
    "angles": [10, -95, 0]}]})"),
            "P.json:3:20: error[input.bad_variogram]: variogram.structures[0].angles[1] is -95, "
            "expected ang2 (dip of the major axis, negative down) in [-90, 90] degrees");
  EXPECT_EQ(json_error(R"({"nugget": -0.1, "structures": []})"),
            "P.json:2:26: error[input.bad_variogram]: variogram.nugget is -0.1, expected a nugget "
            ">= 0");
  EXPECT_EQ(json_error(R"({"structures": [{"type": "cubic", "sill": 1, "ranges": 10}]})"),
            "P.json:2:40: error[input.bad_variogram]: variogram.structures[0].type is \"cubic\", "
            "expected \"spherical\", \"exponential\" or \"gaussian\"");
  EXPECT_EQ(json_error(R"({"structures": [{"type": "spherical", "sill": "1", "ranges": 10}]})"),
            "P.json:2:61: error[input.bad_variogram]: variogram.structures[0].sill is \"1\", "
            "expected a partial sill >= 0");
  EXPECT_EQ(json_error(R"({"structures": [{"type": "spherical", "ranges": 10}]})"),
            "P.json:2:31: error[input.bad_variogram]: variogram.structures[0] has no 'sill'");
  EXPECT_EQ(json_error(R"({"nugget": 1, "range": 3})"),
            "P.json:2:38: error[input.unknown_key]: unknown key 'range' in variogram, expected "
            "nugget, structures");
}

TEST(VariogramModel, ValidateWithoutLocatorNamesThePath) {
  VariogramModel m;
  m.structures.push_back({StructureType::gaussian, 1.0, {10, 10, 10}, {0, 0, 120}});
  try {
    validate(m);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "input.bad_variogram");
    EXPECT_EQ(e.headline(),
              "error[input.bad_variogram]: structures[0].angles[2] is 120, expected ang3 (rake "
              "about the major axis) in [-90, 90] degrees");
  }
  EXPECT_THROW(PreparedModel{VariogramModel{}}, Error);  // zero total sill
}
