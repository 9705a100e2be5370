// SPDX-License-Identifier: Apache-2.0
// GPX 1.1 waypoints, route points and track points through GDAL/OGR's GPX driver, each with
// the file:line:col of its element (found by a light scan of the XML text).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lodeline/core/error.hpp"

namespace lodeline::geo {

/// One GPX point as the GPX 1.1 schema (topografix.com/GPX/1/1) defines it: lat/lon in
/// WGS 84 degrees; ele (m), geoidheight (m, geoid above the ellipsoid, as in NMEA GGA);
/// time in UTC; fix one of none|2d|3d|dgps|pps; sat; hdop/vdop/pdop.
struct GpxPoint {
  enum class Kind { waypoint, route_point, track_point };
  Kind kind = Kind::waypoint;
  std::int64_t index = 0;  ///< 0-based among the points of its kind, in file order
  InputLocation location;  ///< of its <wpt>, <rtept> or <trkpt> start tag
  double lat_deg = 0, lon_deg = 0;
  std::optional<double> ele_m, geoid_height_m, time_utc_s, hdop, vdop, pdop;
  std::optional<int> sat;
  std::string fix;   ///< "" when absent
  std::string name;  ///< "" when absent
};
const char* to_string(GpxPoint::Kind kind);  ///< "waypoint", "route point", "track point"

/// Reads every point of a GPX file. Errors: io.cannot_open; input.empty_file (no point at
/// all); input.bad_gpx (GDAL cannot read it as GPX, e.g. malformed XML).
std::vector<GpxPoint> read_gpx_points(const std::string& path);

}  // namespace lodeline::geo
