// SPDX-License-Identifier: Apache-2.0
// Vector layers and column rasters written through GDAL, in memory, as the bytes of a
// GeoPackage, an RFC 7946 GeoJSON or a GeoTIFF (the caller puts them in place with its other
// outputs).
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "lodeline/core/block_grid.hpp"
#include "lodeline/core/geometry.hpp"

namespace lodeline::geo {

/// One feature: its geometry and one value per field of its layer (NaN reals are null).
struct GisFeature {
  std::variant<Point2, Polyline, MultiPolygon> geometry;
  std::vector<std::string> text;
  std::vector<double> real;
};

struct GisLayer {
  enum class Kind { point, line, polygon };
  std::string name;
  Kind kind = Kind::polygon;
  std::vector<std::string> text_fields, real_fields;
  std::vector<GisFeature> features;
};

/// A GeoPackage of `layers` in `crs` (GDAL's GPKG driver). Byte-identical for the same layers:
/// GDAL's modification timestamps are fixed at 2000-01-01.
std::string geopackage_bytes(const std::vector<GisLayer>& layers, const std::string& crs);

/// One layer as a GeoJSON FeatureCollection per RFC 7946 (GDAL's GeoJSON driver): coordinates
/// reprojected from `crs` to longitude/latitude on WGS 84, 7 decimals (about 1 cm).
std::string rfc7946_geojson(const GisLayer& layer, const std::string& crs);

/// One value per column of the grid (index i + nx * j), named.
struct ColumnBand {
  std::string name;
  std::vector<double> values;  ///< NaN = no data
};

/// A float64 GeoTIFF of the grid's columns, one band each (its description the band's name),
/// in `crs`. The first row is the grid's last (j = ny - 1); a rotated grid's rotation is in
/// the geotransform.
std::string geotiff_bytes(const BlockGrid& grid, const std::vector<ColumnBand>& bands,
                          const std::string& crs);

}  // namespace lodeline::geo
