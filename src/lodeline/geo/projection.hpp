// SPDX-License-Identifier: Apache-2.0
// PROJ-based geographic -> projected transformation with the Jacobian for covariance
// propagation, CRS facts (datum, ellipsoid, EPSG code), ECEF -> geodetic and geodesics.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "lodeline/core/error.hpp"
#include "lodeline/core/geometry.hpp"

namespace lodeline::geo {

struct LonLat {
  double lon_deg = 0;
  double lat_deg = 0;
};

/// A reference ellipsoid: semi-major axis and flattening.
struct Ellipsoid {
  double a_m = 6378137.0;
  double f = 1 / 298.257223563;
  [[nodiscard]] double e2() const { return f * (2 - f); }
  /// Meridian radius of curvature M(phi) = a (1 - e^2) / (1 - e^2 sin^2 phi)^(3/2).
  [[nodiscard]] double meridian_radius_m(double lat_deg) const;
  /// Prime-vertical radius of curvature N(phi) = a / sqrt(1 - e^2 sin^2 phi).
  [[nodiscard]] double prime_vertical_radius_m(double lat_deg) const;
};

/// What PROJ knows of a CRS.
struct CrsInfo {
  std::string text;   ///< as given, without a trailing " (remark)"
  std::string name;   ///< "WGS 84 / UTM zone 38N"
  std::string epsg;   ///< "EPSG:32638" when the CRS has (or is identified with) one
  std::string datum;  ///< "World Geodetic System 1984 ensemble"
  bool geographic = false;
  bool projected = false;
  Ellipsoid ellipsoid;
};
/// Throws crs.unknown (at `where`) when PROJ does not know `text`.
CrsInfo crs_info(const std::string& text, const InputLocation& where = {});
/// Whether two CRSs are on the same geodetic datum (datum ensembles compared as such).
bool same_datum(const std::string& crs_a, const std::string& crs_b);

/// Local linearisation of a projection at a point.
struct PointFactors {
  /// d(E, N) / d(east_m, north_m), row-major: [dE/de, dE/dn, dN/de, dN/dn], where east_m /
  /// north_m are metres along the ellipsoid's parallel / meridian at the point. Central
  /// differences of the PROJ transformation over +-1 m (truncation ~1e-13 relative).
  std::array<double, 4> jacobian{1, 0, 0, 1};
  double meridional_scale = 1;  ///< h (PROJ proj_factors)
  double parallel_scale = 1;    ///< k
  double convergence_deg = 0;   ///< meridian convergence (PROJ's sign convention)
};

struct ProjectionOptions {
  bool allow_datum_shift = false;
  /// A named PROJ coordinate operation used when the datums differ (implies permission): an
  /// operation code ("EPSG:1808"), the WKT/PROJJSON of a coordinate operation (both with a
  /// source CRS on the geographic CRS's datum and a target CRS on the projected CRS's datum),
  /// or a PROJ pipeline string ("+proj=pipeline ..."), taken to map the geographic CRS to the
  /// projected CRS's base geographic CRS, both latitude first in degrees (as `projinfo -o PROJ`
  /// prints it). Bad text: crs.bad_transformation. "" = none.
  std::string transformation;
  std::string datum_shift_hint = "--allow-datum-shift";
  /// How the caller's user names a transformation ("" = not offered), for messages.
  std::string transformation_hint;
  std::string crs_hint = "--crs";
  InputLocation where;  ///< data location for errors (the file the points came from)
};

/// geographic CRS (lon/lat degrees) -> projected CRS (E/N metres), traditional GIS axis
/// order. Refuses a non-geographic source (crs.not_geographic), a non-projected target
/// (crs.not_projected) and different datums (crs.datum_mismatch) unless allowed or a
/// transformation is named (then: named operation, then PROJ's base geographic -> projected). Each
/// instance owns its PROJ context: use one instance per thread.
class GeographicProjection {
 public:
  GeographicProjection(const std::string& geographic_crs, const std::string& projected_crs,
                       const ProjectionOptions& options = {});
  ~GeographicProjection();
  GeographicProjection(GeographicProjection&&) noexcept;
  GeographicProjection& operator=(GeographicProjection&&) noexcept;

  /// Throws crs.transform_failed for points PROJ cannot transform.
  [[nodiscard]] Point2 forward(LonLat p) const;
  [[nodiscard]] LonLat inverse(Point2 p) const;
  [[nodiscard]] PointFactors factors(LonLat p) const;
  [[nodiscard]] const CrsInfo& source() const;
  [[nodiscard]] const CrsInfo& target() const;
  [[nodiscard]] bool datum_shift() const;
  /// Name of the PROJ operation used by the last forward() ("" before any).
  [[nodiscard]] std::string last_operation() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The geographic CRS a projected CRS is based on (as PROJJSON/WKT text PROJ accepts).
std::string base_geographic_crs(const std::string& projected_crs);

/// Geocentric X/Y/Z (m) on the WGS 84 ellipsoid -> lon/lat (deg) and ellipsoidal height (m),
/// through PROJ's +proj=cart. Returns {lon, lat, h} per point.
std::vector<std::array<double, 3>> ecef_to_geodetic(const std::vector<std::array<double, 3>>& xyz);

/// Points along the geodesic from a to b on `ellipsoid` (both ends included) no farther apart
/// than max_spacing_m (equal spacing; Karney 2013 through PROJ's geod_inverseline /
/// geod_position).
std::vector<LonLat> geodesic_points(const Ellipsoid& ellipsoid, LonLat a, LonLat b,
                                    double max_spacing_m);
/// Geodesic distance (m) between a and b.
double geodesic_distance_m(const Ellipsoid& ellipsoid, LonLat a, LonLat b);

}  // namespace lodeline::geo
