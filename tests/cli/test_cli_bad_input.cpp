// SPDX-License-Identifier: Apache-2.0
// CLI contracts for bad inputs: the exact stderr line(s) (file:line:col: error[code]: message),
// the exact exit status, and no output file (nor a "*.tmp-*" leftover) after a failure.
//
// Every test writes its inputs into a fresh folder under the system temp directory, so the
// expected messages are built from that folder's path.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <sstream>
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

constexpr const char* kExtent = "[585000, 4450000] - [585200, 4450100]";

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

  // No output file and no temporary file anywhere in the test folder.
  void expect_no_output(const fs::path& output) const {
    EXPECT_FALSE(fs::exists(output)) << output << " was left behind";
    expect_no_temp_files();
  }

  // A failed `split`: exit status, exact stderr, nothing on stdout, no output file.
  void expect_failure(const Result& r, int rc, const std::string& err) const {
    EXPECT_EQ(r.rc, rc);
    EXPECT_EQ(r.err, err);
    EXPECT_EQ(r.out, "");
    expect_no_output(out_);
  }

  // As expect_failure, for messages whose wording is still to be fixed (see the FIXME of the
  // exact test): one stderr line that starts with `head` ("file:line:col: error[code]: ...").
  void expect_failure_head(const Result& r, int rc, const std::string& head) const {
    EXPECT_EQ(r.rc, rc);
    EXPECT_EQ(r.err.rfind(head, 0), 0u) << r.err;
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
    EXPECT_EQ(r.out, "");
    expect_no_output(out_);
  }

  std::string out_;
};

// ------------------------------------------------------------------------------------------
// lodeline split: border file

TEST_F(CliBadInput, SplitMalformedGeoJson) {
  const auto grid = put("grid.json", kGrid);
  const auto border = put("border.geojson",
                          "{\"type\": \"FeatureCollection\",\n"
                          " \"features\": [\n"
                          "  {\"type\": \"Feature\" \"properties\": {}}\n"
                          " ]}\n");
  expect_failure(split(grid, border), 3,
                 border +
                     ":3:33: error[input.bad_json]: malformed JSON: parse error at line 3, "
                     "column 33: syntax error while parsing object - unexpected string "
                     "literal; expected '}'\n");
}

TEST_F(CliBadInput, SplitNoFeatures) {
  const auto grid = put("grid.json", kGrid);
  const auto border = put("border.geojson", R"({"type": "FeatureCollection", "features": []})");
  expect_failure(split(grid, border), 4,
                 border +
                     ": error[geometry.empty]: file holds no features, expected a line or "
                     "polygon\n");
}

TEST_F(CliBadInput, SplitNullGeometry) {
  const auto grid = put("grid.json", kGrid);
  const auto border =
      put("border.geojson", R"({"type": "FeatureCollection", "features": [)"
                            R"({"type": "Feature", "properties": {}, "geometry": null}]})");
  expect_failure(split(grid, border), 4,
                 border +
                     ": error[geometry.empty]: feature 0 has an empty geometry, expected a "
                     "line or polygon\n");
}

TEST_F(CliBadInput, SplitEmptyLineString) {
  const auto grid = put("grid.json", kGrid);
  const auto border = put("border.geojson", line_geojson({}));
  expect_failure(split(grid, border), 4,
                 border +
                     ":3:103: error[geometry.empty]: feature 0 has an empty geometry, "
                     "expected a line or polygon\n");
}

TEST_F(CliBadInput, SplitSelfIntersecting) {
  const auto grid = put("grid.json", kGrid);
  // Segment 3 (vertex 3 -> 4) crosses segment 0 at (585050, 4450050).
  const auto border = put(
      "border.geojson", line_geojson({"[585050, 4450150]", "[585050, 4449950]", "[585150, 4449950]",
                                      "[585150, 4450050]", "[584950, 4450050]"}));
  expect_failure(split(grid, border), 4,
                 border +
                     ":7:3: error[geometry.self_intersecting]: the line crosses or touches "
                     "itself at (585050.000, 4450050.000) between segments 0 and 3, "
                     "expected a simple line\n");
}

TEST_F(CliBadInput, SplitBorderMissesModel) {
  const auto grid = put("grid.json", kGrid);
  const auto border =
      put("border.geojson", line_geojson({"[586000, 4450150]", "[586000, 4449950]"}));
  expect_failure(split(grid, border), 4,
                 border +
                     ":4:3: error[geometry.border_misses_model]: the line (bounding box "
                     "[586000, 4449950] - [586000, 4450150]) does not cross the model "
                     "extent " +
                     kExtent + ", expected a line through the model\n");
}

TEST_F(CliBadInput, SplitLineEndsInside) {
  const auto grid = put("grid.json", kGrid);
  const auto border =
      put("border.geojson", line_geojson({"[585100, 4450150]", "[585100, 4450050]"}));
  expect_failure(split(grid, border), 4,
                 border +
                     ":5:3: error[geometry.line_ends_inside]: the line ends at (585100, "
                     "4450050) inside the model extent " +
                     kExtent +
                     ", expected it to "
                     "start and end outside so that it splits the extent in two\n");
}

TEST_F(CliBadInput, SplitLineStartsInside) {
  const auto grid = put("grid.json", kGrid);
  const auto border =
      put("border.geojson", line_geojson({"[585100, 4450050]", "[585100, 4449950]"}));
  expect_failure(split(grid, border), 4,
                 border +
                     ":4:3: error[geometry.line_ends_inside]: the line starts at (585100, "
                     "4450050) inside the model extent " +
                     kExtent +
                     ", expected it to "
                     "start and end outside so that it splits the extent in two\n");
}

TEST_F(CliBadInput, SplitMissingBorderFile) {
  const auto grid = put("grid.json", kGrid);
  const auto border = path("no-such-border.geojson");
  expect_failure(split(grid, border), 6,
                 border + ": error[io.cannot_open]: cannot open '" + border + "': no such file\n");
}

// A number beyond the largest double (nlohmann-json's out_of_range, once exit 70): a located
// input error, exit 3, no output.
TEST_F(CliBadInput, SplitGridNumberOverflow) {
  const auto grid = put("grid.json",
                        "{\"origin\": [585000, 4450000, 1000],\n"
                        " \"block_size\": [10, 1e309, 10], \"counts\": [20, 10, 1]}\n");
  const auto border = put("border.geojson", line_geojson(kCrossing));
  expect_failure(split(grid, border), 3,
                 grid +
                     ":2:21: error[input.bad_number]: number out of range: '1e309' is beyond "
                     "the largest double (about 1.8e308), expected a finite number\n");
}

TEST_F(CliBadInput, SplitBorderNumberOverflow) {
  const auto grid = put("grid.json", kGrid);
  const auto border = put("border.geojson", line_geojson({"[585105, 4450150]", "[-1E+309, 0]"}));
  expect_failure(split(grid, border), 3,
                 border +
                     ":5:4: error[input.bad_number]: number out of range: '-1E+309' is beyond "
                     "the largest double (about 1.8e308), expected a finite number\n");
}

TEST_F(CliBadInput, SplitMissingGridFile) {
  const auto grid = path("no-such-grid.json");
  const auto border = put("border.geojson", line_geojson(kCrossing));
  expect_failure(
      split(grid, border), 6,
      grid + ": error[io.cannot_open]: cannot open '" + grid + "': No such file or directory\n");
}

TEST_F(CliBadInput, SplitGarbageWkt) {
  const auto grid = put("grid.json", kGrid);
  const auto border = put("border.wkt", "this is not WKT\n");
  expect_failure(split(grid, border), 3,
                 border +
                     ":1:1: error[input.bad_wkt]: text is not a WKT geometry, expected e.g. "
                     "'LINESTRING (x1 y1, x2 y2, ...)'\n");
}

TEST_F(CliBadInput, SplitWktTrailingGarbage) {
  const auto grid = put("grid.json", kGridNoCrs);
  const auto border =
      put("border.wkt", "LINESTRING (585105 4450150, 585105 4449950) trailing junk\n");
  expect_failure(split(grid, border), 3,
                 border +
                     ":1:45: error[input.bad_wkt]: unexpected text 'trailing junk' after "
                     "the WKT geometry, expected one geometry\n");
}

TEST_F(CliBadInput, SplitWktTwoLines) {
  const auto grid = put("grid.json", kGridNoCrs);
  const auto border = put("border.wkt",
                          "LINESTRING (585105 4450150, 585105 4449950)\n"
                          "LINESTRING (585155 4450150, 585155 4449950)\n");
  expect_failure(split(grid, border), 3,
                 border +
                     ":2:1: error[input.bad_wkt]: unexpected text 'LINESTRING (585155 "
                     "4450150, 585155 4449950)' after the WKT geometry, expected one "
                     "geometry\n");
}

TEST_F(CliBadInput, SplitEmptyWktFile) {
  const auto grid = put("grid.json", kGridNoCrs);
  const auto border = put("border.wkt", "");
  expect_failure(split(grid, border), 3,
                 border +
                     ":1:1: error[input.bad_wkt]: text is not a WKT geometry, expected e.g. "
                     "'LINESTRING (x1 y1, x2 y2, ...)'\n");
}

TEST_F(CliBadInput, SplitWktEmptyLine) {
  const auto grid = put("grid.json", kGridNoCrs);
  const auto border = put("border.wkt", "LINESTRING EMPTY\n");
  expect_failure(split(grid, border), 4,
                 border +
                     ": error[geometry.empty]: feature 0 has an empty geometry, expected a "
                     "line or polygon\n");
}

TEST_F(CliBadInput, SplitPolygonAsBorder) {
  const auto grid = put("grid.json", kGrid);
  const auto border =
      put("border.geojson",
          R"({"type": "FeatureCollection",)"
          R"( "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32638"}},)"
          R"( "features": [{"type": "Feature", "properties": {}, "geometry": {"type": "Polygon",)"
          R"( "coordinates": [[[584900, 4449900], [585300, 4449900], [585300, 4450200],)"
          R"( [584900, 4449900]]]}}]})");
  expect_failure(split(grid, border), 4,
                 border +
                     ": error[geometry.empty]: file holds no line, expected a LineString or "
                     "MultiLineString\n");
}

const std::string kTwoLines =
    R"({"type": "FeatureCollection",)"
    R"( "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32638"}},)"
    R"( "features": [)"
    R"({"type": "Feature", "properties": {"name": "a"}, "geometry": {"type": "LineString",)"
    R"( "coordinates": [[585105, 4450150], [585105, 4449950]]}},)"
    R"({"type": "Feature", "properties": {"name": "b"}, "geometry": {"type": "LineString",)"
    R"( "coordinates": [[585155, 4450150], [585155, 4449950]]}}]})";

TEST_F(CliBadInput, SplitTwoLines) {
  const auto grid = put("grid.json", kGrid);
  const auto border = put("border.geojson", kTwoLines);
  expect_failure_head(
      split(grid, border), 4,
      border + ": error[geometry.ambiguous_feature]: file holds 2 lines, expected one");
}

TEST_F(CliBadInput, SplitTwoLinesMessage) {
  const auto grid = put("grid.json", kGrid);
  const auto border = put("border.geojson", kTwoLines);
  expect_failure(split(grid, border), 4,
                 border +
                     ": error[geometry.ambiguous_feature]: file holds 2 lines, expected one "
                     "or --feature naming the line by its 'name' property\n");
}

TEST_F(CliBadInput, SplitMultiLineStringDisconnected) {
  const auto grid = put("grid.json", kGrid);
  const auto border = put("border.geojson",
                          "{\"type\": \"FeatureCollection\",\n"
                          " \"crs\": {\"type\": \"name\", \"properties\": {\"name\": "
                          "\"urn:ogc:def:crs:EPSG::32638\"}},\n"
                          " \"features\": [{\"type\": \"Feature\", \"properties\": {}, "
                          "\"geometry\": {\"type\": \"MultiLineString\", \"coordinates\": [\n"
                          "  [[585100, 4450150], [585100, 4450050]],\n"
                          "  [[585120, 4450050], [585120, 4449950]]\n"
                          " ]}}]}\n");
  expect_failure(split(grid, border), 4,
                 border +
                     ":5:4: error[geometry.disconnected_parts]: part of the MultiLineString "
                     "starting at vertex 2 does not begin where the previous part ends, "
                     "expected one connected line\n");
}

// ------------------------------------------------------------------------------------------
// lodeline split: CRS

TEST_F(CliBadInput, SplitGridUnknownCrsMessage) {
  // The grid JSON that holds the unknown CRS is named.
  const auto grid = put(
      "grid.json", R"({"origin": [585000, 4450000], "block_size": [10, 10], "counts": [20, 10],)"
                   R"( "crs": "EPSG:999999"})");
  const auto border = put("border.geojson", line_geojson(kCrossing));
  expect_failure(split(grid, border), 4,
                 grid +
                     ": error[crs.unknown]: CRS 'EPSG:999999' is not known to PROJ, expected "
                     "an EPSG code such as 'EPSG:32638', a WKT or a PROJ string\n");
}

const std::string kPulkovoHead =
    "'Pulkovo 1942 (EPSG:4284)' is on datum Pulkovo_1942 but the project CRS 'WGS 84 / UTM zone "
    "38N (EPSG:32638)' is on datum WGS_1984; a datum shift of up to hundreds of metres would be "
    "applied";

TEST_F(CliBadInput, SplitBorderOtherDatum) {
  const auto grid = put("grid.json", kGridLonLat);
  const auto border = put("border.geojson", line_geojson({"[46.0, 40.22]", "[46.0, 40.19]"},
                                                         "urn:ogc:def:crs:EPSG::4284"));
  expect_failure_head(split(grid, border), 4,
                      border + ": error[crs.datum_mismatch]: " + kPulkovoHead);
}

TEST_F(CliBadInput, SplitBorderOtherDatumAllowed) {
  const auto grid = put("grid.json", kGridLonLat);
  const auto border = put("border.geojson", line_geojson({"[46.0, 40.22]", "[46.0, 40.19]"},
                                                         "urn:ogc:def:crs:EPSG::4284"));
  const auto r = split(grid, border, {"--allow-datum-shift"});
  EXPECT_EQ(r.rc, 0);
  EXPECT_EQ(r.err.rfind(border + ": warning[crs.datum_shift]: " + kPulkovoHead, 0), 0u) << r.err;
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
  ASSERT_TRUE(fs::exists(out_));
  EXPECT_EQ(count_lines(out_), 401u);
  expect_no_temp_files();
}

TEST_F(CliBadInput, SplitBorderOtherDatumMessage) {
  const auto grid = put("grid.json", kGridLonLat);
  const auto border = put("border.geojson", line_geojson({"[46.0, 40.22]", "[46.0, 40.19]"},
                                                         "urn:ogc:def:crs:EPSG::4284"));
  expect_failure(split(grid, border), 4,
                 border +
                     ": error[crs.datum_mismatch]: 'Pulkovo 1942 (EPSG:4284)' is on datum "
                     "Pulkovo_1942 but the project CRS 'WGS 84 / UTM zone 38N (EPSG:32638)' "
                     "is on datum WGS_1984; a datum shift of up to hundreds of metres would "
                     "be applied, expected the same datum or --allow-datum-shift\n");
}

TEST_F(CliBadInput, SplitBorderOtherDatumAllowedMessage) {
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
}

TEST_F(CliBadInput, SplitGeographicBorderGridWithoutCrs) {
  const auto grid = put("grid.json", kGridNoCrs);
  const auto border = put("border.geojson", line_geojson({"[46.0, 40.22]", "[46.0, 40.19]"}, ""));
  expect_failure_head(split(grid, border), 4,
                      border + ": error[crs.missing]: '" + border +
                          "' is in geographic coordinates (WGS 84 (EPSG:4326)) but ");
}

TEST_F(CliBadInput, SplitGeographicBorderGridWithoutCrsMessage) {
  // For `split` there is no project; the message says where the CRS belongs (the grid JSON).
  const auto grid = put("grid.json", kGridNoCrs);
  const auto border = put("border.geojson", line_geojson({"[46.0, 40.22]", "[46.0, 40.19]"}, ""));
  expect_failure(split(grid, border), 4,
                 border + ": error[crs.missing]: '" + border +
                     "' is in geographic coordinates (WGS 84 (EPSG:4326)) but no target CRS is "
                     "given, expected a projected CRS such as EPSG:32638 in the grid JSON's "
                     "\"crs\"\n");
}

TEST_F(CliBadInput, SplitProjectedBorderWithoutCrsMember) {
  // RFC 7946: no crs member means lon/lat WGS 84, so UTM metres cannot be transformed.
  const auto grid = put("grid.json", kGrid);
  const auto border = put("border.geojson", line_geojson(kCrossing, ""));
  expect_failure(split(grid, border), 4,
                 border +
                     ": error[crs.transform_failed]: some coordinates could not be "
                     "transformed from 'WGS 84 (EPSG:4326)' to 'WGS 84 / UTM zone 38N "
                     "(EPSG:32638)' (outside the CRS's area of use or lon/lat axes "
                     "swapped?)\n");
}

// ------------------------------------------------------------------------------------------
// lodeline split: grid JSON

TEST_F(CliBadInput, SplitGridZeroCount) {
  const auto grid = put(
      "grid.json", R"({"origin": [585000, 4450000], "block_size": [10, 10], "counts": [0, 5]})");
  const auto border = put("border.geojson", line_geojson(kCrossing));
  expect_failure(split(grid, border), 3,
                 grid +
                     ": error[input.bad_grid]: block count along x is 0, expected a positive "
                     "integer\n");
}

TEST_F(CliBadInput, SplitGridNegativeCount) {
  const auto grid = put(
      "grid.json", R"({"origin": [585000, 4450000], "block_size": [10, 10], "counts": [-3, 5]})");
  const auto border = put("border.geojson", line_geojson(kCrossing));
  expect_failure(split(grid, border), 3,
                 grid +
                     ": error[input.bad_grid]: block count along x is -3, expected a positive "
                     "integer\n");
}

TEST_F(CliBadInput, SplitGridFractionalCount) {
  const auto grid = put(
      "grid.json", R"({"origin": [585000, 4450000], "block_size": [10, 10], "counts": [2.5, 5]})");
  const auto border = put("border.geojson", line_geojson(kCrossing));
  expect_failure(split(grid, border), 3,
                 grid +
                     ": error[input.bad_grid]: counts[0] is 2.5, expected a positive "
                     "integer\n");
}

TEST_F(CliBadInput, SplitGridZeroBlockSize) {
  const auto grid = put(
      "grid.json", R"({"origin": [585000, 4450000], "block_size": [0, 10], "counts": [20, 10]})");
  const auto border = put("border.geojson", line_geojson(kCrossing));
  expect_failure(split(grid, border), 3,
                 grid +
                     ": error[input.bad_grid]: block size along x is 0, expected a positive "
                     "number of metres\n");
}

TEST_F(CliBadInput, SplitGridMissingCounts) {
  const auto grid = put("grid.json", R"({"origin": [585000, 4450000], "block_size": [10, 10]})");
  const auto border = put("border.geojson", line_geojson(kCrossing));
  expect_failure(split(grid, border), 3,
                 grid +
                     ": error[input.bad_grid]: missing key 'counts', expected an array of 2 "
                     "to 3 numbers\n");
}

TEST_F(CliBadInput, SplitGridMalformedJson) {
  const auto grid = put("grid.json", "{\"origin\": [585000, 4450000],\n \"counts\": [20 10]}\n");
  const auto border = put("border.geojson", line_geojson(kCrossing));
  expect_failure(split(grid, border), 3,
                 grid +
                     ":2:17: error[input.bad_json]: malformed JSON: parse error at line 2, "
                     "column 17: syntax error while parsing array - unexpected number "
                     "literal; expected ']'\n");
}

TEST_F(CliBadInput, SplitMissingOut) {
  const auto r = run({"split", "--grid", path("grid.json"), "--border", path("b.geojson")});
  EXPECT_EQ(r.rc, 2);
  EXPECT_EQ(r.err,
            "lodeline: error[usage]: --out is required\n"
            "run 'lodeline --help' or 'lodeline <command> --help' for usage\n");
  EXPECT_EQ(r.out, "");
}

TEST_F(CliBadInput, SplitOutIsAFolder) {
  const auto grid = put("grid.json", kGridNoCrs);
  const auto border = put("border.wkt", "LINESTRING (585105 4450150, 585105 4449950)\n");
  const auto folder = path("sub");
  fs::create_directories(folder);
  const auto r = run({"split", "--grid", grid, "--border", border, "--out", folder});
  EXPECT_EQ(r.rc, 6);
  EXPECT_EQ(r.err, folder + ": error[io.cannot_write]: cannot rename onto '" + folder +
                       "': Is a directory\n");
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(fs::is_empty(folder));
  expect_no_temp_files();
}

// ------------------------------------------------------------------------------------------
// lodeline split: happy paths

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

// ------------------------------------------------------------------------------------------
// lodeline run / check

namespace {

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

}  // namespace

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
    expect_no_output(dir_ / "out" / "report.json");
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
  EXPECT_EQ(r.out, toml_ + ": inputs valid (1 lines, 0 warnings)\n");
}

TEST_F(CliBadProject, RunValidWritesReport) {
  const auto r = project("run", kProject);
  EXPECT_EQ(r.rc, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir_ / "out" / "report.json"));
}

TEST_F(CliBadProject, RunMalformedToml) {
  const auto r = project("run", replace(kProject, "[report]", "[report"));
  expect_failure(r, 3,
                 toml_ +
                     ":10:8: error[input.bad_toml]: malformed TOML: Error while parsing "
                     "table header: expected ']', saw '\\n'\n");
}

TEST_F(CliBadProject, CheckMalformedTomlValue) {
  const auto r = project("check", replace(kProject, "density_t_m3 = 2.7", "density_t_m3 = = 2.7"));
  expect_failure(r, 3,
                 toml_ +
                     ":8:16: error[input.bad_toml]: malformed TOML: Error while parsing "
                     "value: could not determine value type\n");
}

// A TOML number beyond the largest double: toml++ refuses it at the end of the number.
TEST_F(CliBadProject, CheckTomlNumberOverflow) {
  const auto r = project("check", replace(kProject, "density_t_m3 = 2.7", "density_t_m3 = 1e309"));
  expect_failure(r, 3,
                 toml_ +
                     ":8:21: error[input.bad_toml]: malformed TOML: Error while parsing "
                     "floating-point: '1e309' could not be interpreted as a value\n");
}

// The project's grid JSON with a number beyond the largest double: at the number.
TEST_F(CliBadProject, CheckGridNumberOverflow) {
  const auto grid =
      put("grid.json", replace(kGrid, "\"block_size\": [10,", "\"block_size\": [1e999,"));
  const auto r = project("check", kProject);
  expect_failure(r, 3,
                 grid +
                     ":1:52: error[input.bad_number]: number out of range: '1e999' is beyond "
                     "the largest double (about 1.8e308), expected a finite number\n");
}

TEST_F(CliBadProject, RunTomlUnterminatedString) {
  const auto r = project("run", replace(kProject, "name = \"bad input\"", "name = \"bad input"));
  expect_failure_head(r, 3, toml_ + ":2:18: error[input.bad_toml]: malformed TOML: ");
}

TEST_F(CliBadProject, RunTomlUnterminatedStringMessage) {
  const auto r = project("run", replace(kProject, "name = \"bad input\"", "name = \"bad input"));
  expect_failure(r, 3,
                 toml_ +
                     ":2:18: error[input.bad_toml]: malformed TOML: string is not closed "
                     "before the end of the line, expected a closing '\"'\n");
}

TEST_F(CliBadProject, RunMissingProjectFile) {
  const auto toml = path("nope.toml");
  const auto r = run({"run", toml});
  expect_failure(
      r, 6,
      toml + ": error[io.cannot_open]: cannot open '" + toml + "': No such file or directory\n");
}

TEST_F(CliBadProject, RunMissingModelFile) {
  const auto r = project("run", replace(kProject, "m.csv", "nope.csv"));
  expect_failure(r, 6,
                 path("nope.csv") + ": error[io.cannot_open]: cannot open '" + path("nope.csv") +
                     "': No such file or directory\n");
}

TEST_F(CliBadProject, CheckUnknownKey) {
  const auto r = project(
      "check", replace(kProject, "density_t_m3 = 2.7", "density_t_m3 = 2.7\ncolour = \"red\""));
  expect_failure_head(r, 3, toml_ + ":9:");
  EXPECT_NE(r.err.find(": error[input.unknown_key]: unknown key 'colour' in [model], expected one "
                       "of: density, density_t_m3, file, grade, grid, position\n"),
            std::string::npos)
      << r.err;
}

TEST_F(CliBadProject, CheckUnknownKeyLocation) {
  const auto r = project(
      "check", replace(kProject, "density_t_m3 = 2.7", "density_t_m3 = 2.7\ncolour = \"red\""));
  expect_failure(r, 3,
                 toml_ +
                     ":9:1: error[input.unknown_key]: unknown key 'colour' in [model], "
                     "expected one of: density, density_t_m3, file, grade, grid, position\n");
}

TEST_F(CliBadProject, RunMissingModel) {
  const auto r = project("run", replace(kProject,
                                        "[model]\nfile = \"m.csv\"\ngrid = \"grid.json\"\n"
                                        "density_t_m3 = 2.7\n",
                                        ""));
  expect_failure(r, 3,
                 toml_ +
                     ": error[input.missing_option]: missing table [model], expected the "
                     "block model file\n");
}

TEST_F(CliBadProject, RunCutoffsString) {
  const auto r = project("run", replace(kProject, "cutoffs_gpt = [0.5]", "cutoffs_gpt = \"0.5\""));
  expect_failure_head(r, 3, toml_ + ":11:15: error[input.bad_option]: 'cutoffs_gpt' is ");
}

TEST_F(CliBadProject, RunCutoffsStringMessage) {
  const auto r = project("run", replace(kProject, "cutoffs_gpt = [0.5]", "cutoffs_gpt = \"0.5\""));
  expect_failure(r, 3,
                 toml_ +
                     ":11:15: error[input.bad_option]: 'cutoffs_gpt' is a string, expected "
                     "a non-empty array of numbers, e.g. [0.5, 0.8, 1.0]\n");
}

TEST_F(CliBadProject, RunCutoffsHoldsString) {
  const auto r =
      project("run", replace(kProject, "cutoffs_gpt = [0.5]", "cutoffs_gpt = [0.5, \"1.0\"]"));
  expect_failure(r, 3,
                 toml_ +
                     ":11:21: error[input.bad_option]: 'cutoffs_gpt' holds a string, "
                     "expected numbers\n");
}

TEST_F(CliBadProject, RunModelNotANumber) {
  const auto r = project("run", kProject,
                         "XC,YC,ZC,au_gpt\n"
                         "585005,4450005,1005,1.2\n"
                         "585015,4450005,1005,n/a\n");
  expect_failure(r, 3,
                 path("m.csv") +
                     ":3:21: error[input.bad_number]: field 'au_gpt' is 'n/a', "
                     "expected a number\n");
}

TEST_F(CliBadProject, CheckModelNaN) {
  const auto r = project("check", kProject,
                         "XC,YC,ZC,au_gpt\n"
                         "585005,4450005,1005,NaN\n");
  expect_failure(r, 3,
                 path("m.csv") +
                     ":2:21: error[input.bad_number]: field 'au_gpt' is 'NaN', "
                     "expected a number\n");
}

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

TEST_F(CliBadProject, RunBorderMissesModel) {
  put("border.geojson", line_geojson({"[586000, 4450150]", "[586000, 4449950]"}));
  const auto r = project("run", kProject);
  expect_failure(r, 4,
                 path("border.geojson") +
                     ":4:3: error[geometry.border_misses_model]: the line (bounding box "
                     "[586000, 4449950] - [586000, 4450150]) does not cross the model extent " +
                     kExtent + ", expected a line through the model\n");
}

TEST_F(CliBadProject, CheckProjectWithoutCrsUsesGridCrs) {
  const auto r = project("check", replace(kProject, "crs = \"EPSG:32638\"\n", ""));
  EXPECT_EQ(r.rc, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out, toml_ + ": inputs valid (1 lines, 0 warnings)\n");
}

TEST_F(CliBadProject, CheckCsvModelWithoutGrid) {
  const auto r = project("check", replace(kProject, "grid = \"grid.json\"\n", ""));
  expect_failure(r, 3,
                 toml_ +
                     ":5:1: error[input.missing_option]: [model] file 'm.csv' is a CSV block "
                     "model without a grid, expected grid = \"<grid JSON file>\"\n");
}

}  // namespace

// [economics] and [pit]: values checked with the location of their table or key.
TEST_F(CliBadProject, EconomicsRecoveryAboveOne) {
  const auto r =
      project("run", replace(kProject, "[report]", "[economics]\nrecovery_frac = 1.5\n\n[report]"));
  expect_failure(r, 3,
                 toml_ +
                     ":11:17: error[input.bad_option]: 'recovery_frac' is 1.5, expected a fraction "
                     "in (0, 1]\n");
}

TEST_F(CliBadProject, EconomicsUnknownSide) {
  const auto r =
      project("check", replace(kProject, "[report]",
                               "[economics.side.\"Nowhere\"]\nroyalty_frac = 0.1\n\n[report]"));
  expect_failure(
      r, 3,
      toml_ +
          ":10:1: error[input.bad_option]: [economics.side.\"Nowhere\"] names no side of any "
          "scenario, expected one of the side_a / side_b names\n");
}

TEST_F(CliBadProject, PitSlopeOutOfRange) {
  const auto r = project("run", replace(kProject, "[report]", "[pit]\nslope_deg = 90\n\n[report]"));
  expect_failure(r, 3,
                 toml_ +
                     ":11:13: error[input.bad_slope]: 'slope_deg' is 90, expected an angle in (0, "
                     "90) degrees\n");
}

TEST_F(CliBadProject, PitRevenueFactorsNotIncreasing) {
  const auto r = project(
      "run", replace(kProject, "[report]", "[pit]\nrevenue_factors = [0.5, 1.0, 0.8]\n\n[report]"));
  expect_failure(
      r, 3,
      toml_ +
          ":11:19: error[input.bad_option]: 'revenue_factors' holds 0.8 after 1, expected "
          "factors > 0 in strictly increasing order\n");
}

TEST_F(CliBadProject, PitUnknownStraddlingRule) {
  const auto r =
      project("run", replace(kProject, "[report]", "[pit]\nstraddling = \"half\"\n\n[report]"));
  expect_failure(r, 3,
                 toml_ +
                     ":11:14: error[input.bad_option]: 'straddling' is 'half', expected forbidden, "
                     "majority or shared\n");
}

TEST_F(CliBadProject, PitZoneWithoutZoneColumn) {
  const auto r = project("run", replace(kProject, "[report]",
                                        "[pit]\n[[pit.zone]]\nid = 1\nslope_deg = 40\n\n[report]"));
  expect_failure(
      r, 3,
      toml_ +
          ":10:1: error[input.missing_option]: [[pit.zone]] given without 'zone_column', "
          "expected the model column holding each block's zone id\n");
}

TEST_F(CliBadProject, PitSectorsWithGap) {
  const auto r = project("run", replace(kProject, "[report]",
                                        "[economics]\n[pit]\nsectors = [{from_deg = 0, to_deg = "
                                        "180, slope_deg = 40}]\n\n[report]"));
  // Checked by the pattern generator, which knows no file: the message names the sectors.
  expect_failure(
      r, 3,
      std::string(
          "error[input.bad_slope]: azimuths [180, 360) degrees are in no slope sector, expected "
          "sectors covering azimuths [0, 360) without gaps or overlaps\n"));
}
