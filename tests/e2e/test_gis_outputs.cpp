// SPDX-License-Identifier: Apache-2.0
// The demo's map outputs read back through GDAL, each figure checked against another output of
// the same run: layers.gpkg and columns.tif are in the project CRS; side A + side B territory =
// the model extent, each side's area and licence area = report.json's, and so are the disputed
// ground's areas; the joint pit outline
// = the columns pit_surface.csv lists; metal per m2 summed over columns = the total metal above
// the headline cut-off; territories.geojson is RFC 7946 (lon/lat) and lands on the same ground.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogr_api.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct DatasetCloser {
  void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
using Dataset = std::unique_ptr<GDALDataset, DatasetCloser>;

Dataset open(const fs::path& p, unsigned flags) {
  return Dataset(GDALDataset::Open(p.c_str(), flags | GDAL_OF_READONLY));
}

/// Area of every feature of `layer` by the value of two text fields ("scenario|side").
std::map<std::string, double> areas_by(OGRLayer& layer, const char* a, const char* b) {
  std::map<std::string, double> out;
  for (auto& f : layer) {
    const auto* g = f->GetGeometryRef();
    const double area = g == nullptr || g->IsEmpty()
                            ? 0
                            : OGR_G_Area(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(g)));
    out[std::string(f->GetFieldAsString(a)) + "|" + f->GetFieldAsString(b)] += area;
  }
  return out;
}

class GisOutputs : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    GDALAllRegister();
    dir_ = fs::temp_directory_path() / ("lodeline_e2e_gis_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    std::ostringstream o, e;
    rc_ = lodeline::cli::run_cli({"demo", "--out", dir_.string()}, o, e);
    err_ = e.str();
    if (rc_ == 0) {
      std::ifstream in(dir_ / "out" / "report.json");
      report_ = json::parse(in);
    }
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }
  static const json& scenario(const std::string& name) {
    for (const auto& s : report_["scenarios"])
      if (s["name"] == name) return s;
    throw std::runtime_error("no scenario " + name);
  }
  static inline fs::path dir_;
  static inline int rc_ = -1;
  static inline std::string err_;
  static inline json report_;
};

OGRSpatialReference project_srs() {
  OGRSpatialReference srs;
  srs.importFromEPSG(32638);  // the demo project's crs
  return srs;
}

}  // namespace

TEST_F(GisOutputs, GeoPackageLayersInTheProjectCrsAddUpToTheReport) {
  ASSERT_EQ(rc_, 0) << err_;
  auto ds = open(dir_ / "out" / "layers.gpkg", GDAL_OF_VECTOR);
  ASSERT_TRUE(ds);
  const OGRSpatialReference expected = project_srs();
  for (const char* name : {"lines", "territories", "licence_by_side", "disputed_ground",
                           "pit_outlines", "pillars", "pillar_ellipses_95"}) {
    OGRLayer* layer = ds->GetLayerByName(name);
    ASSERT_NE(layer, nullptr) << name;
    ASSERT_NE(layer->GetSpatialRef(), nullptr) << name;
    EXPECT_TRUE(layer->GetSpatialRef()->IsSame(&expected)) << name;
  }
  const auto nlines = report_["scenarios"].size();
  EXPECT_EQ(ds->GetLayerByName("lines")->GetFeatureCount(), static_cast<GIntBig>(nlines));
  EXPECT_EQ(ds->GetLayerByName("territories")->GetFeatureCount(), static_cast<GIntBig>(2 * nlines));
  const auto& grid = report_["grid"];
  const double extent_m2 = grid["counts"][0].get<double>() * grid["block_size_m"][0].get<double>() *
                           grid["counts"][1].get<double>() * grid["block_size_m"][1].get<double>();
  const auto territory = areas_by(*ds->GetLayerByName("territories"), "scenario", "side");
  const auto licence = areas_by(*ds->GetLayerByName("licence_by_side"), "scenario", "side");
  for (const auto& s : report_["scenarios"]) {
    const std::string name = s["name"];
    const double a = territory.at(name + "|A"), b = territory.at(name + "|B");
    EXPECT_NEAR(a + b, extent_m2, 1e-6 * extent_m2) << name;
    EXPECT_NEAR(a, s["sides"][0]["area_m2"].get<double>(), 1e-6 * extent_m2) << name;
    for (std::size_t k = 0; k < 2; ++k)
      EXPECT_NEAR(licence.at(name + (k == 0 ? "|A" : "|B")),
                  s["sides"][k]["licence_area_m2"].get<double>(), 1e-3)
          << name;
  }
}

TEST_F(GisOutputs, DisputedGroundAreasMatchTheReport) {
  ASSERT_EQ(rc_, 0) << err_;
  auto ds = open(dir_ / "out" / "layers.gpkg", GDAL_OF_VECTOR);
  ASSERT_TRUE(ds);
  OGRLayer* layer = ds->GetLayerByName("disputed_ground");
  ASSERT_NE(layer, nullptr);
  const auto areas = areas_by(*layer, "lines", "ground");
  ASSERT_FALSE(report_["disputed_ground"].empty());
  for (const auto& d : report_["disputed_ground"]) {
    std::string lines;
    for (const auto& l : d["lines"]) lines += (lines.empty() ? "" : ",") + l.get<std::string>();
    for (const char* ground : {"undisputed_x", "undisputed_y", "disputed"})
      EXPECT_NEAR(areas.at(lines + "|" + ground), d[ground]["area_m2"].get<double>(), 1e-3)
          << lines << " " << ground;
  }
}

TEST_F(GisOutputs, JointPitOutlineCoversTheColumnsOfPitSurface) {
  ASSERT_EQ(rc_, 0) << err_;
  std::ifstream in(dir_ / "out" / "pit_surface.csv");
  std::string header, row;
  std::getline(in, header);
  std::int64_t joint_columns = 0;
  while (std::getline(in, row)) {
    // i,j,xc,yc,floor_z_joint,...: a joint floor is the fifth field.
    std::size_t at = 0;
    for (int k = 0; k < 4; ++k) at = row.find(',', at) + 1;
    joint_columns += row[at] != ',' && at < row.size() ? 1 : 0;
  }
  ASSERT_GT(joint_columns, 0);
  auto ds = open(dir_ / "out" / "layers.gpkg", GDAL_OF_VECTOR);
  ASSERT_TRUE(ds);
  const auto areas = areas_by(*ds->GetLayerByName("pit_outlines"), "pit", "pit");
  EXPECT_NEAR(areas.at("joint|joint"), static_cast<double>(joint_columns) * 100.0, 1e-6);
}

TEST_F(GisOutputs, ColumnRasterMetalAndFractionsMatchTheReport) {
  ASSERT_EQ(rc_, 0) << err_;
  auto ds = open(dir_ / "out" / "columns.tif", GDAL_OF_RASTER);
  ASSERT_TRUE(ds);
  const OGRSpatialReference expected = project_srs();
  ASSERT_NE(ds->GetSpatialRef(), nullptr);
  EXPECT_TRUE(ds->GetSpatialRef()->IsSame(&expected));
  const auto& grid = report_["grid"];
  std::array<double, 6> gt{};
  ASSERT_EQ(ds->GetGeoTransform(gt.data()), CE_None);
  EXPECT_DOUBLE_EQ(gt[0], grid["origin_m"][0].get<double>());
  EXPECT_DOUBLE_EQ(gt[3],
                   grid["origin_m"][1].get<double>() +
                       grid["counts"][1].get<double>() * grid["block_size_m"][1].get<double>());
  const int nx = ds->GetRasterXSize(), ny = ds->GetRasterYSize();
  const double cell_m2 = gt[1] * -gt[5];
  auto band_sum = [&](int b, double& lo, double& hi) {
    std::vector<double> v(static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny));
    EXPECT_EQ(
        ds->GetRasterBand(b)->RasterIO(GF_Read, 0, 0, nx, ny, v.data(), nx, ny, GDT_Float64, 0, 0),
        CE_None);
    double sum = 0;
    lo = 1e300, hi = -1e300;
    for (double x : v) {
      sum += x;
      lo = std::min(lo, x);
      hi = std::max(hi, x);
    }
    return sum;
  };
  double lo = 0, hi = 0;
  EXPECT_STREQ(ds->GetRasterBand(1)->GetDescription(), "metal_t_per_m2");
  const double metal_t = band_sum(1, lo, hi) * cell_m2;
  EXPECT_NEAR(metal_t, report_["total"]["metal_t"].get<double>(), 1e-9 * metal_t);
  EXPECT_GE(lo, 0);
  int b = 2;
  for (const auto& s : report_["scenarios"]) {
    EXPECT_EQ(std::string(ds->GetRasterBand(b)->GetDescription()),
              "fraction_a_" + s["name"].get<std::string>());
    const double side_a_m2 = band_sum(b, lo, hi) * cell_m2;
    EXPECT_NEAR(side_a_m2, s["sides"][0]["area_m2"].get<double>(), 1e-6 * side_a_m2);
    EXPECT_GE(lo, 0);
    EXPECT_LE(hi, 1);
    ++b;
  }
}

TEST_F(GisOutputs, TerritoriesGeoJsonIsLonLatAndLandsOnTheSameGround) {
  ASSERT_EQ(rc_, 0) << err_;
  std::ifstream in(dir_ / "out" / "territories.geojson");
  const json gj = json::parse(in);
  EXPECT_FALSE(gj.contains("crs"));  // RFC 7946: WGS 84 longitude/latitude, no crs member
  auto ds = open(dir_ / "out" / "territories.geojson", GDAL_OF_VECTOR);
  ASSERT_TRUE(ds);
  OGRLayer* layer = ds->GetLayer(0);
  OGREnvelope env;
  ASSERT_EQ(layer->GetExtent(&env), OGRERR_NONE);
  // The demo lies near 46.0 E, 40.2 N (UTM zone 38N).
  EXPECT_GT(env.MinX, 45.9);
  EXPECT_LT(env.MaxX, 46.1);
  EXPECT_GT(env.MinY, 40.1);
  EXPECT_LT(env.MaxY, 40.3);
  OGRSpatialReference wgs84;
  wgs84.SetWellKnownGeogCS("WGS84");
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  OGRSpatialReference utm = project_srs();
  utm.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  std::unique_ptr<OGRCoordinateTransformation> to_utm(
      OGRCreateCoordinateTransformation(&wgs84, &utm));
  ASSERT_TRUE(to_utm);
  std::size_t checked = 0;
  for (auto& f : *layer) {
    if (std::string(f->GetFieldAsString("role")) != "territory" ||
        std::string(f->GetFieldAsString("side")) != "A")
      continue;
    std::unique_ptr<OGRGeometry> g(f->GetGeometryRef()->clone());
    ASSERT_EQ(g->transform(to_utm.get()), OGRERR_NONE);
    // A one-part territory may come back as a Polygon: the area of any surface.
    const double area = OGR_G_Area(OGRGeometry::ToHandle(g.get()));
    const double expected = scenario(f->GetFieldAsString("scenario"))["sides"][0]["area_m2"];
    // 7 decimals of a degree are about 1 cm: the area agrees to 1e-5.
    EXPECT_NEAR(area, expected, 1e-5 * expected) << f->GetFieldAsString("scenario");
    ++checked;
  }
  EXPECT_EQ(checked, report_["scenarios"].size());
}
