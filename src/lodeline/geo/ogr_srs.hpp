// SPDX-License-Identifier: Apache-2.0
// An OGR spatial reference from a CRS text, for the geo/ sources that read or write through GDAL.
#pragma once

#include <ogr_spatialref.h>

#include <string>

#include "lodeline/core/error.hpp"

namespace lodeline::geo {

/// "EPSG:32638", a WKT or a PROJ string (a trailing " (remark)" is ignored), with the
/// traditional GIS axis order (x = easting or longitude); crs.unknown at `where` otherwise.
OGRSpatialReference make_srs(const std::string& text, const InputLocation& where);

}  // namespace lodeline::geo
