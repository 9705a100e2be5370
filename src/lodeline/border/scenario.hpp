// SPDX-License-Identifier: Apache-2.0
// Border scenarios (a named line with its source) and licence polygons, loaded and checked.
#pragma once

#include <string>
#include <vector>

#include "lodeline/core/diagnostics.hpp"
#include "lodeline/core/geometry.hpp"

namespace lodeline::border {

/// One line that splits the model: a surveyed border, a claimed line, a licence or royalty
/// line. Side A is LEFT of the line walked from its first to its last vertex.
struct Scenario {
  std::string name;
  std::string file;
  std::string kind = "line";  ///< "surveyed", "claimed", "licence", "line", ... (user's word)
  std::string source;         ///< who states this line
  std::string date;           ///< when
  std::string side_a = "side A";
  std::string side_b = "side B";
  std::string feature;        ///< value of the feature's "name" property when a file holds many
  bool allow_datum_shift = false;
  /// Points the user says lie on side A / side B (project CRS); checked against the geometry,
  /// so that reversing the line's vertex order cannot swap the numbers under the names.
  std::vector<Point2> side_a_contains, side_b_contains;
  InputLocation side_points_where;  ///< the key in the project file
  /// How the user names the feature / datum shift / target CRS where this scenario came from
  /// (project file keys by default; the CLI passes its option names), for messages.
  std::string feature_hint = "a 'feature' naming the line by its 'name' property";
  std::string datum_shift_hint = "allow_datum_shift = true";
  std::string target_crs_hint = "[project] crs";
  Polyline line;              ///< in the project CRS, filled by load_line
  std::string source_crs;     ///< the file's CRS as read
};

/// Reads scenario.file through GDAL into scenario.line (project CRS `crs`), merging the parts
/// of a MultiLineString when they join end to start, and refuses self-intersecting lines
/// (geometry.self_intersecting at the vertex's file:line:col), empty files and files holding
/// several lines without a `feature` choice (geometry.ambiguous_feature).
void load_line(Scenario& scenario, const std::string& crs, Diagnostics& diagnostics);

/// A licence / area-of-interest polygon in the project CRS; invalid polygons (GEOS) are refused
/// with geometry.invalid_polygon.
MultiPolygon load_polygon(const std::string& file, const std::string& crs,
                          Diagnostics& diagnostics);

}  // namespace lodeline::border
