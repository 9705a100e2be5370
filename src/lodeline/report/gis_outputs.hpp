// SPDX-License-Identifier: Apache-2.0
// The run's map outputs: a GeoPackage and a column GeoTIFF in the project CRS, and
// territories.geojson per RFC 7946 (longitude/latitude, WGS 84), so GIS software puts them
// where they belong.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lodeline/pipeline/run.hpp"

namespace lodeline::report {

struct GisFiles {
  std::string geopackage;   ///< layers.gpkg
  std::string geotiff;      ///< columns.tif
  std::string territories;  ///< territories.geojson
};

/// `in_pit` per block from pit_membership() (empty without pits).
GisFiles gis_files(const pipeline::RunResult& r, const std::vector<std::uint32_t>& in_pit);

}  // namespace lodeline::report
