// SPDX-License-Identifier: Apache-2.0
// The one vocabulary of point files (samples, targets, composites): the accepted column names
// of each field, and the located lookup every point reader uses (lodeline estimate, lodeline
// variogram, the project's composites). Matching is case-insensitive.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lodeline/io/csv.hpp"

namespace lodeline::io {

/// Accepted names of each field of a point file (docs/kriging.md and docs/variogram.md list
/// them).
struct PointAliases {
  static const std::vector<std::string>& x();     ///< x, easting, east, x_m
  static const std::vector<std::string>& y();     ///< y, northing, north, y_m
  static const std::vector<std::string>& z();     ///< z, elevation, elev, rl, z_m
  static const std::vector<std::string>& hole();  ///< hole_id, hole, holeid, bhid, dhid
  static const std::vector<std::string>& id();    ///< id, tid, target
};

/// The coordinate columns of a point table: x and y are required (input.missing_column naming
/// `what`), z is optional (2D data without it).
struct PointColumns {
  std::size_t x = 0, y = 0;
  std::optional<std::size_t> z;
};
[[nodiscard]] PointColumns find_point_columns(const CsvTable& table, const std::string& what);

}  // namespace lodeline::io
