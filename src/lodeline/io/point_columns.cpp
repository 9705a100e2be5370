// SPDX-License-Identifier: Apache-2.0
// Column names of point files, in one place.
#include "lodeline/io/point_columns.hpp"

#include <fmt/format.h>

namespace lodeline::io {

const std::vector<std::string>& PointAliases::x() {
  static const std::vector<std::string> names{"x", "easting", "east", "x_m"};
  return names;
}

const std::vector<std::string>& PointAliases::y() {
  static const std::vector<std::string> names{"y", "northing", "north", "y_m"};
  return names;
}

const std::vector<std::string>& PointAliases::z() {
  static const std::vector<std::string> names{"z", "elevation", "elev", "rl", "z_m"};
  return names;
}

const std::vector<std::string>& PointAliases::hole() {
  static const std::vector<std::string> names{"hole_id", "hole", "holeid", "bhid", "dhid"};
  return names;
}

const std::vector<std::string>& PointAliases::id() {
  static const std::vector<std::string> names{"id", "tid", "target"};
  return names;
}

PointColumns find_point_columns(const CsvTable& table, const std::string& what) {
  PointColumns c;
  c.x = table.require_column(PointAliases::x(), fmt::format("{} x (easting)", what));
  c.y = table.require_column(PointAliases::y(), fmt::format("{} y (northing)", what));
  c.z = table.find_column(PointAliases::z());
  return c;
}

}  // namespace lodeline::io
