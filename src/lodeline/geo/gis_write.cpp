// SPDX-License-Identifier: Apache-2.0
// GDAL writes into /vsimem/ files whose bytes are taken back; nothing touches the disk here.
#include "lodeline/geo/gis_write.hpp"

#include <cpl_conv.h>
#include <cpl_vsi.h>
#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <memory>
#include <numbers>

#include "lodeline/core/error.hpp"
#include "lodeline/geo/gdal_init.hpp"
#include "lodeline/geo/ogr_srs.hpp"

namespace lodeline::geo {
namespace {

struct DatasetCloser {
  void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
using Dataset = std::unique_ptr<GDALDataset, DatasetCloser>;

/// A /vsimem/ name of its own for each file written (threads may write at once).
std::string memory_path(const char* extension) {
  static std::atomic<std::uint64_t> counter{0};
  return fmt::format("/vsimem/lodeline_{}_{}.{}", static_cast<long>(::getpid()), counter++,
                     extension);
}

/// The bytes of a closed /vsimem/ file, which is removed.
std::string take_memory_file(const std::string& path) {
  vsi_l_offset size = 0;
  GByte* data = VSIGetMemFileBuffer(path.c_str(), &size, TRUE);
  std::string bytes(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size));
  CPLFree(data);
  return bytes;
}

Error gdal_failure(const std::string& what) {
  return Error("io.cannot_write",
               fmt::format("GDAL could not write {}: {}", what, CPLGetLastErrorMsg()));
}

Dataset create_vector(const char* driver_name, const std::string& path) {
  init_gdal();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name);
  if (driver == nullptr) throw gdal_failure(fmt::format("{} (driver missing)", driver_name));
  Dataset ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!ds) throw gdal_failure(path);
  return ds;
}

OGRwkbGeometryType geometry_type(GisLayer::Kind kind) {
  switch (kind) {
    case GisLayer::Kind::point:
      return wkbPoint;
    case GisLayer::Kind::line:
      return wkbLineString;
    case GisLayer::Kind::polygon:
      return wkbMultiPolygon;
  }
  return wkbUnknown;
}

OGRLinearRing to_ring(const Ring& ring) {
  OGRLinearRing out;
  for (const auto& p : ring) out.addPoint(p.x, p.y);
  if (!ring.empty()) out.addPoint(ring.front().x, ring.front().y);
  return out;
}

std::unique_ptr<OGRGeometry> to_ogr(const GisFeature& f) {
  if (const auto* p = std::get_if<Point2>(&f.geometry))
    return std::make_unique<OGRPoint>(p->x, p->y);
  if (const auto* line = std::get_if<Polyline>(&f.geometry)) {
    auto out = std::make_unique<OGRLineString>();
    for (const auto& p : *line) out->addPoint(p.x, p.y);
    return out;
  }
  auto out = std::make_unique<OGRMultiPolygon>();
  for (const auto& polygon : std::get<MultiPolygon>(f.geometry)) {
    OGRPolygon part;
    for (const auto& ring : polygon) {
      OGRLinearRing r = to_ring(ring);
      part.addRing(&r);  // copied
    }
    out->addGeometry(&part);
  }
  return out;
}

void write_layer(GDALDataset& ds, const GisLayer& layer, OGRSpatialReference& srs,
                 CSLConstList options) {
  OGRLayer* out = ds.CreateLayer(layer.name.c_str(), &srs, geometry_type(layer.kind),
                                 const_cast<char**>(options));
  if (out == nullptr) throw gdal_failure(fmt::format("layer '{}'", layer.name));
  for (const auto& name : layer.text_fields) {
    OGRFieldDefn field(name.c_str(), OFTString);
    out->CreateField(&field);
  }
  for (const auto& name : layer.real_fields) {
    OGRFieldDefn field(name.c_str(), OFTReal);
    out->CreateField(&field);
  }
  for (const auto& f : layer.features) {
    OGRFeature feature(out->GetLayerDefn());
    for (std::size_t i = 0; i < f.text.size(); ++i)
      feature.SetField(static_cast<int>(i), f.text[i].c_str());
    for (std::size_t i = 0; i < f.real.size(); ++i) {
      const int at = static_cast<int>(layer.text_fields.size() + i);
      if (std::isnan(f.real[i]))
        feature.SetFieldNull(at);
      else
        feature.SetField(at, f.real[i]);
    }
    feature.SetGeometryDirectly(to_ogr(f).release());
    if (out->CreateFeature(&feature) != OGRERR_NONE)
      throw gdal_failure(fmt::format("a feature of layer '{}'", layer.name));
  }
}

/// GDAL stamps GeoPackage contents with the current time unless told the date.
class FixedDate {
 public:
  FixedDate() { CPLSetThreadLocalConfigOption("OGR_CURRENT_DATE", "2000-01-01T00:00:00.000Z"); }
  FixedDate(const FixedDate&) = delete;
  FixedDate& operator=(const FixedDate&) = delete;
  ~FixedDate() { CPLSetThreadLocalConfigOption("OGR_CURRENT_DATE", nullptr); }
};

/// Top-left corner and pixel steps of the grid's columns seen from above, first row j = ny - 1.
std::array<double, 6> geotransform(const BlockGrid& g) {
  const double t = g.rotation_deg * std::numbers::pi / 180.0;
  const double dx = g.block_size_m[0], dy = g.block_size_m[1];
  const double height = static_cast<double>(g.ny()) * dy;
  return {g.origin_m[0] - height * std::sin(t), dx * std::cos(t), dy * std::sin(t),
          g.origin_m[1] + height * std::cos(t), dx * std::sin(t), -dy * std::cos(t)};
}

}  // namespace

std::string geopackage_bytes(const std::vector<GisLayer>& layers, const std::string& crs) {
  OGRSpatialReference srs = make_srs(crs, {});
  const FixedDate date;
  const std::string path = memory_path("gpkg");
  {
    Dataset ds = create_vector("GPKG", path);
    for (const auto& layer : layers) write_layer(*ds, layer, srs, nullptr);
  }
  return take_memory_file(path);
}

std::string rfc7946_geojson(const GisLayer& layer, const std::string& crs) {
  OGRSpatialReference srs = make_srs(crs, {});
  const std::string path = memory_path("geojson");
  {
    Dataset ds = create_vector("GeoJSON", path);
    const char* options[] = {"RFC7946=YES", "WRITE_NAME=NO", nullptr};
    write_layer(*ds, layer, srs, options);
  }
  return take_memory_file(path);
}

std::string geotiff_bytes(const BlockGrid& grid, const std::vector<ColumnBand>& bands,
                          const std::string& crs) {
  init_gdal();
  OGRSpatialReference srs = make_srs(crs, {});
  const std::string path = memory_path("tif");
  const int nx = static_cast<int>(grid.nx()), ny = static_cast<int>(grid.ny());
  {
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
    if (driver == nullptr) throw gdal_failure("a GeoTIFF (driver missing)");
    const char* options[] = {"COMPRESS=DEFLATE", "PREDICTOR=3", nullptr};
    Dataset ds(driver->Create(path.c_str(), nx, ny, static_cast<int>(bands.size()), GDT_Float64,
                              const_cast<char**>(options)));
    if (!ds) throw gdal_failure(path);
    auto gt = geotransform(grid);
    ds->SetGeoTransform(gt.data());
    ds->SetSpatialRef(&srs);
    std::vector<double> row(static_cast<std::size_t>(nx));
    for (std::size_t b = 0; b < bands.size(); ++b) {
      GDALRasterBand* band = ds->GetRasterBand(static_cast<int>(b) + 1);
      band->SetDescription(bands[b].name.c_str());
      band->SetNoDataValue(std::nan(""));
      for (int line = 0; line < ny; ++line) {
        const auto* from = bands[b].values.data() +
                           static_cast<std::size_t>(ny - 1 - line) * static_cast<std::size_t>(nx);
        std::copy(from, from + nx, row.begin());
        if (band->RasterIO(GF_Write, 0, line, nx, 1, row.data(), nx, 1, GDT_Float64, 0, 0) !=
            CE_None)
          throw gdal_failure(fmt::format("band '{}'", bands[b].name));
      }
    }
  }
  return take_memory_file(path);
}

}  // namespace lodeline::geo
