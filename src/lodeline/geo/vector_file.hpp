// SPDX-License-Identifier: Apache-2.0
// Reads lines and polygons through GDAL/OGR and brings them into the project CRS with PROJ.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lodeline/core/diagnostics.hpp"
#include "lodeline/core/error.hpp"
#include "lodeline/core/geometry.hpp"

namespace lodeline::geo {

struct LineFeature {
  std::int64_t index = 0;                     ///< 0-based feature order in the file
  std::map<std::string, std::string> properties;
  std::vector<Polyline> parts;                ///< one for LineString, several for Multi*
};

struct PolygonFeature {
  std::int64_t index = 0;
  std::map<std::string, std::string> properties;
  MultiPolygon polygons;
};

struct VectorFile {
  std::string path;
  std::string source_crs;  ///< description of the file's CRS ("" when it has none)
  std::vector<LineFeature> lines;
  std::vector<PolygonFeature> polygons;
};

struct VectorReadOptions {
  /// CRS to bring coordinates into (EPSG code, WKT, PROJ string); "" = leave as read.
  std::string target_crs;
  /// CRS of a file that declares none (WKT text, a shapefile without .prj). When empty such a
  /// file takes target_crs and a warning geometry.crs_assumed is recorded.
  std::string assume_crs;
  /// Allow a transformation between different datums (e.g. Pulkovo 1942 -> WGS 84); by
  /// default refused with crs.datum_mismatch.
  bool allow_datum_shift = false;
  /// How the caller's user grants the datum shift and sets the target CRS (for messages):
  /// e.g. "allow_datum_shift = true" in a project, "--allow-datum-shift" on the command line.
  std::string datum_shift_hint = "allow_datum_shift = true";
  std::string target_crs_hint = "[project] crs";
};

/// GeoJSON (RFC 7946: no crs member = lon/lat WGS 84; the legacy crs member is honoured),
/// KML, Shapefile, GeoPackage and any other OGR vector format, plus plain ".wkt" text files.
/// Throws input.bad_json (with line:col) for malformed GeoJSON, input.bad_vector when GDAL
/// cannot read a file, geometry.not_finite for an infinite or NaN coordinate (at its vertex),
/// crs.unknown, crs.datum_mismatch, crs.missing, crs.transform_failed.
VectorFile read_vector_file(const std::string& path, const VectorReadOptions& options,
                            Diagnostics& diagnostics);

/// Validates a CRS text and returns it without a trailing "(remark)": "EPSG:32638 (nominal)"
/// -> "EPSG:32638". Throws crs.unknown.
std::string canonical_crs(const std::string& text, const InputLocation& where = {});
/// Human-readable name of a CRS ("WGS 84 / UTM zone 38N").
std::string crs_name(const std::string& text);

/// For GeoJSON files: the line:col of vertex `vertex` (counted across parts and rings in file
/// order) of the feature number `feature` (0-based); just the file when unknown.
InputLocation vertex_location(const std::string& path, std::int64_t feature, std::int64_t vertex);

}  // namespace lodeline::geo

namespace lodeline::geo {

/// Transforms points between two CRSs with PROJ (traditional GIS axis order: x/lon first).
std::vector<Point2> transform_points(const std::vector<Point2>& points, const std::string& from_crs,
                                     const std::string& to_crs);

}  // namespace lodeline::geo
