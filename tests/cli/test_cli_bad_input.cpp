// SPDX-License-Identifier: Apache-2.0
// CLI contracts of `split`, `check` and `run` that the bad-input catalogue (tests/bad_inputs/,
// run by test_bad_inputs.cpp) cannot express, since a catalogue case is one failing command
// whose first stderr line is checked and which leaves its folder unchanged:
// - the good inputs the catalogue's cases are variations of: exit 0, the output written, the
//   exact stdout and warnings;
// - a failure whose every stderr line matters (all bad numbers of a file are reported).
//
// Every test writes its inputs into a fresh folder under the system temp directory, so the
// expected messages are built from that folder's path.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli_harness.hpp"

namespace fs = std::filesystem;

namespace {

using Result = lodeline::test::CliResult;
Result run(const std::vector<std::string>& args) { return lodeline::test::run_lodeline(args); }

// Grid of 20 x 10 x 1 blocks of 10 m in UTM 38N: extent [585000, 4450000] - [585200, 4450100].
constexpr const char* kGrid =
    R"({"origin": [585000, 4450000, 1000], "block_size": [10, 10, 10], "counts": [20, 10, 1],)"
    R"( "crs": "EPSG:32638"})";
// The same grid without a CRS.
constexpr const char* kGridNoCrs =
    R"({"origin": [585000, 4450000, 1000], "block_size": [10, 10, 10], "counts": [20, 10, 1]})";
// 20 x 20 blocks of 50 m around 46°E 40.2°N (UTM 38N easting ~585110, northing ~4450435):
// extent [584500, 4450000] - [585500, 4451000].
constexpr const char* kGridLonLat =
    R"({"origin": [584500, 4450000, 1000], "block_size": [50, 50, 10], "counts": [20, 20, 1],)"
    R"( "crs": "EPSG:32638"})";

// A GeoJSON FeatureCollection holding one LineString in EPSG:32638 (or `crs_urn`; none when
// empty). Vertex k is on line 4 + k, column 3 (line 3 when there is no crs member).
std::string line_geojson(const std::vector<std::string>& vertices,
                         const std::string& crs_urn = "urn:ogc:def:crs:EPSG::32638") {
  std::string s = "{\"type\": \"FeatureCollection\",\n";
  if (!crs_urn.empty())
    s += " \"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"" + crs_urn + "\"}},\n";
  s += " \"features\": [{\"type\": \"Feature\", \"properties\": {}, \"geometry\": "
       "{\"type\": \"LineString\", \"coordinates\": [\n";
  for (std::size_t k = 0; k < vertices.size(); ++k)
    s += "  " + vertices[k] + (k + 1 < vertices.size() ? ",\n" : "\n");
  s += " ]}}]}\n";
  return s;
}

// A line crossing the UTM grid from north to south at easting 585105 (column i = 10).
const std::vector<std::string> kCrossing = {"[585105, 4450150]", "[585105, 4449950]"};

std::size_t count_lines(const fs::path& file) {
  std::ifstream in(file);
  std::size_t n = 0;
  for (std::string line; std::getline(in, line);) ++n;
  return n;
}

class CliBadInput : public lodeline::test::TempFolderTest {
 protected:
  void SetUp() override {
    TempFolderTest::SetUp();
    out_ = path("fractions.csv");
  }

  Result split(const std::string& grid, const std::string& border,
               const std::vector<std::string>& extra = {}) const {
    std::vector<std::string> args = {"split", "--grid", grid, "--border", border, "--out", out_};
    args.insert(args.end(), extra.begin(), extra.end());
    return run(args);
  }

  // No "*.tmp-*" file anywhere in the test folder.
  void expect_no_temp_files() const {
    for (const auto& e : fs::recursive_directory_iterator(dir_))
      EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos)
          << e.path() << " was left behind";
  }

  std::string out_;
};

// ------------------------------------------------------------------------------------------
// lodeline split: good inputs

TEST_F(CliBadInput, SplitWktLine) {
  const auto grid = put("grid.json", kGridNoCrs);
  const auto border = put("border.wkt", "LINESTRING (585105 4450150, 585105 4449950)\n");
  const auto r = split(grid, border);
  EXPECT_EQ(r.rc, 0);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out,
            "200 columns: 90 left, 100 right, 10 straddling; area left 9500 m2, right "
            "10500 m2 -> " +
                out_ + "\n");
  ASSERT_TRUE(fs::exists(out_));
  EXPECT_EQ(count_lines(out_), 201u);
  expect_no_temp_files();
}

TEST_F(CliBadInput, SplitWktLineGridWithCrsWarnsAssumed) {
  const auto grid = put("grid.json", kGrid);
  const auto border = put("border.wkt", "LINESTRING (585105 4450150, 585105 4449950)\n");
  const auto r = split(grid, border);
  EXPECT_EQ(r.rc, 0);
  EXPECT_EQ(r.err, border + ": warning[geometry.crs_assumed]: '" + border +
                       "' declares no CRS; its coordinates are taken to be in the project CRS "
                       "WGS 84 / UTM zone 38N (EPSG:32638)\n");
  ASSERT_TRUE(fs::exists(out_));
  EXPECT_EQ(count_lines(out_), 201u);
}

TEST_F(CliBadInput, SplitLonLatGeoJsonRfc7946) {
  // No crs member: RFC 7946 lon/lat WGS 84. Along 46°E the line is at easting 585104.5 ..
  // 585115.8 inside the extent, i.e. in column i = 12 ([585100, 585150]).
  const auto grid = put("grid.json", kGridLonLat);
  const auto border = put("border.geojson", line_geojson({"[46.0, 40.22]", "[46.0, 40.19]"}, ""));
  const auto r = split(grid, border);
  EXPECT_EQ(r.rc, 0);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out.rfind("400 columns: 140 left, 240 right, 20 straddling; ", 0), 0u) << r.out;
  ASSERT_TRUE(fs::exists(out_));
  EXPECT_EQ(count_lines(out_), 401u);
}

TEST_F(CliBadInput, SplitBorderOtherDatumAllowed) {
  const auto grid = put("grid.json", kGridLonLat);
  const auto border = put("border.geojson", line_geojson({"[46.0, 40.22]", "[46.0, 40.19]"},
                                                         "urn:ogc:def:crs:EPSG::4284"));
  const auto r = split(grid, border, {"--allow-datum-shift"});
  EXPECT_EQ(r.rc, 0);
  EXPECT_EQ(r.err,
            border +
                ": warning[crs.datum_shift]: 'Pulkovo 1942 (EPSG:4284)' is on datum "
                "Pulkovo_1942 but the project CRS 'WGS 84 / UTM zone 38N (EPSG:32638)' is on "
                "datum WGS_1984; a datum shift of up to hundreds of metres would be applied "
                "(allowed by --allow-datum-shift)\n");
  ASSERT_TRUE(fs::exists(out_));
  EXPECT_EQ(count_lines(out_), 401u);
  expect_no_temp_files();
}

// ------------------------------------------------------------------------------------------
// lodeline run / check

constexpr const char* kProject = R"([project]
name = "bad input"
crs = "EPSG:32638"

[model]
file = "m.csv"
grid = "grid.json"
density_t_m3 = 2.7

[report]
cutoffs_gpt = [0.5]
out = "out"

[[scenario]]
name = "border"
file = "border.geojson"
)";

constexpr const char* kModel =
    "XC,YC,ZC,au_gpt\n"
    "585005,4450005,1005,1.2\n"
    "585115,4450005,1005,0.7\n";

class CliBadProject : public CliBadInput {
 protected:
  void SetUp() override {
    CliBadInput::SetUp();
    put("grid.json", kGrid);
    put("border.geojson", line_geojson(kCrossing));
  }

  // Writes the project (and model) and runs `command` on it.
  Result project(const std::string& command, const std::string& toml,
                 const std::string& model = kModel) {
    toml_ = put("P.toml", toml);
    put("m.csv", model);
    return run({command, toml_});
  }

  void expect_failure(const Result& r, int rc, const std::string& err) const {
    EXPECT_EQ(r.rc, rc);
    EXPECT_EQ(r.err, err);
    EXPECT_EQ(r.out, "");
    expect_no_temp_files();
    EXPECT_FALSE(fs::exists(dir_ / "out")) << "out folder created by a failed run";
  }

  std::string toml_;
};

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST_F(CliBadProject, CheckValid) {
  const auto r = project("check", kProject);
  EXPECT_EQ(r.rc, 0);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out, toml_ + ": inputs valid (1 lines, 0 warnings, 0 notes)\n");
}

TEST_F(CliBadProject, RunValidWritesReport) {
  const auto r = project("run", kProject);
  EXPECT_EQ(r.rc, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir_ / "out" / "report.json"));
}

TEST_F(CliBadProject, CheckProjectWithoutCrsUsesGridCrs) {
  const auto r = project("check", replace(kProject, "crs = \"EPSG:32638\"\n", ""));
  EXPECT_EQ(r.rc, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out, toml_ + ": inputs valid (1 lines, 0 warnings, 0 notes)\n");
}

// Every bad number of the model is reported, not only the first.
TEST_F(CliBadProject, RunModelTwoBadNumbers) {
  const auto r = project("run", kProject,
                         "XC,YC,ZC,au_gpt\n"
                         "585005,4450005,1005,n/a\n"
                         "n/a,4450005,1005,0.5\n"
                         "585025,4450005,1005,NaN\n");
  expect_failure(r, 3,
                 path("m.csv") +
                     ":2:21: error[input.bad_number]: field 'au_gpt' is 'n/a', "
                     "expected a number\n" +
                     path("m.csv") +
                     ":3:1: error[input.bad_number]: field 'XC' is 'n/a', "
                     "expected a number\n" +
                     path("m.csv") +
                     ":4:21: error[input.bad_number]: field 'au_gpt' is 'NaN', "
                     "expected a number\n");
}

}  // namespace
