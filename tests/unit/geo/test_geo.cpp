// SPDX-License-Identifier: Apache-2.0
// GDAL/OGR formats, PROJ transformation against cs2cs figures, GEOS checks.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "lodeline/geo/geos_ops.hpp"
#include "lodeline/geo/vector_file.hpp"

using namespace lodeline;
namespace fs = std::filesystem;

namespace {

fs::path temp_dir(const std::string& name) {
  const auto d = fs::temp_directory_path() / ("lodeline_geo_" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

void write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

const char* kLineUtm = R"({"type":"FeatureCollection",
"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32638"}},
"features":[{"type":"Feature","properties":{"name":"b"},
"geometry":{"type":"LineString","coordinates":[[585000.5,4450000.25],[585100,4450200],[585050,4450400]]}}]})";

}  // namespace

// cs2cs EPSG:4326 EPSG:32638 -d 3 <<< "40.2 46.0"  ->  585110.873 4450435.076
TEST(Geo, GeoJsonWithoutCrsIsLonLat) {
  const auto d = temp_dir("lonlat");
  write(d / "l.geojson", R"({"type":"Feature","properties":{},"geometry":{"type":"LineString",
"coordinates":[[46.0,40.2],[46.001,40.201]]}})");
  Diagnostics diag;
  const auto f = geo::read_vector_file((d / "l.geojson").string(), {"EPSG:32638", "", false}, diag);
  ASSERT_EQ(f.lines.size(), 1u);
  EXPECT_NEAR(f.lines[0].parts[0][0].x, 585110.873, 1e-3);
  EXPECT_NEAR(f.lines[0].parts[0][0].y, 4450435.076, 1e-3);
}

TEST(Geo, SameLineInEveryFormat) {
  const auto d = temp_dir("formats");
  write(d / "l.geojson", kLineUtm);
  Diagnostics diag;
  const auto ref = geo::read_vector_file((d / "l.geojson").string(), {"EPSG:32638", "", false}, diag);
  ASSERT_EQ(ref.lines.size(), 1u);
  EXPECT_EQ(ref.lines[0].parts[0][0].x, 585000.5);
  for (const auto& [driver, ext, tol] : std::vector<std::tuple<std::string, std::string, double>>{
           {"GPKG", ".gpkg", 0.0}, {"ESRI Shapefile", ".shp", 0.0}, {"KML", ".kml", 1e-3}}) {
    const fs::path out = d / ("l" + ext);
    const std::string cmd = "ogr2ogr -f \"" + driver + "\" " + out.string() + " " + (d / "l.geojson").string() +
                            " >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    const auto f = geo::read_vector_file(out.string(), {"EPSG:32638", "", false}, diag);
    ASSERT_EQ(f.lines.size(), 1u) << driver;
    ASSERT_EQ(f.lines[0].parts[0].size(), 3u) << driver;
    for (std::size_t v = 0; v < 3; ++v) {
      EXPECT_NEAR(f.lines[0].parts[0][v].x, ref.lines[0].parts[0][v].x, tol) << driver;
      EXPECT_NEAR(f.lines[0].parts[0][v].y, ref.lines[0].parts[0][v].y, tol) << driver;
    }
  }
  write(d / "l.wkt", "LINESTRING (585000.5 4450000.25, 585100 4450200, 585050 4450400)");
  Diagnostics d2;
  const auto w = geo::read_vector_file((d / "l.wkt").string(), {"EPSG:32638", "", false}, d2);
  EXPECT_EQ(w.lines[0].parts[0][2].y, 4450400);
  ASSERT_EQ(d2.items().size(), 1u);
  EXPECT_EQ(d2.items()[0].code, "geometry.crs_assumed");
}

TEST(Geo, DatumMismatchRefused) {
  const auto d = temp_dir("datum");
  write(d / "p.geojson", R"({"type":"FeatureCollection",
"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4284"}},
"features":[{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[46.0,40.2],[46.01,40.21]]}}]})");
  Diagnostics diag;
  try {
    geo::read_vector_file((d / "p.geojson").string(), {"EPSG:32638", "", false}, diag);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "crs.datum_mismatch");
  }
  const auto f = geo::read_vector_file((d / "p.geojson").string(), {"EPSG:32638", "", true}, diag);
  EXPECT_EQ(diag.items().back().code, "crs.datum_shift");
  // Pulkovo 1942 -> WGS 84 moves the point by tens of metres or more, never by nothing.
  const auto wgs = geo::transform_points({{46.0, 40.2}}, "EPSG:4326", "EPSG:32638");
  const double shift = std::hypot(f.lines[0].parts[0][0].x - wgs[0].x, f.lines[0].parts[0][0].y - wgs[0].y);
  EXPECT_GT(shift, 10.0);
  EXPECT_LT(shift, 500.0);
}

TEST(Geo, UnknownCrs) {
  try {
    geo::canonical_crs("EPSG:999999");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.formatted(), "error[crs.unknown]: CRS 'EPSG:999999' is not known to PROJ, expected an EPSG "
                             "code such as 'EPSG:32638', a WKT or a PROJ string");
  }
  EXPECT_EQ(geo::canonical_crs("EPSG:32638 (nominal; treat as Cartesian metres)"), "EPSG:32638");
}

TEST(Geo, VertexLocationInGeoJson) {
  const auto d = temp_dir("loc");
  write(d / "l.geojson", kLineUtm);
  const auto loc = geo::vertex_location((d / "l.geojson").string(), 0, 2);
  EXPECT_EQ(loc.line, 4);
  EXPECT_EQ(loc.column, 87);  // the "[585050" of the third vertex
}

TEST(Geos, SelfIntersectionLocated) {
  EXPECT_FALSE(geo::find_self_intersection({{0, 0}, {1, 1}, {2, 0}}));
  const auto hit = geo::find_self_intersection({{0, 0}, {2, 2}, {2, 0}, {0, 2}});
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->segment_a, 0u);
  EXPECT_EQ(hit->segment_b, 2u);
  EXPECT_DOUBLE_EQ(hit->at.x, 1.0);
  EXPECT_DOUBLE_EQ(hit->at.y, 1.0);
}

TEST(Geos, AreasAndValidity) {
  const MultiPolygon sq{{{{0, 0}, {4, 0}, {4, 4}, {0, 4}}}};
  const MultiPolygon tri{{{{2, 0}, {6, 0}, {2, 4}}}};
  EXPECT_DOUBLE_EQ(geo::area_m2(sq), 16);
  EXPECT_DOUBLE_EQ(geo::intersection_area_m2(sq, tri), 6);  // hand: triangle part x in [2,4]
  EXPECT_EQ(geo::polygon_invalid_reason(sq), "");
  EXPECT_NE(geo::polygon_invalid_reason({{{{0, 0}, {4, 4}, {4, 0}, {0, 4}}}}), "");
}
