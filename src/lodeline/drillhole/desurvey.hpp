// SPDX-License-Identifier: Apache-2.0
// Desurvey: hole positions from collar and survey stations by minimum curvature, balanced
// tangent or tangent, at the stations and at any depth along the hole.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "lodeline/core/diagnostics.hpp"
#include "lodeline/drillhole/database.hpp"

namespace lodeline::drillhole {

using Vec3 = std::array<double, 3>;  ///< x = easting, y = northing, z = elevation (m)

enum class DesurveyMethod { minimum_curvature, balanced_tangent, tangent };
[[nodiscard]] std::string_view to_string(DesurveyMethod method);
/// "mincurv" (or "minimum_curvature"), "balanced" (or "balanced_tangent"), "tangent";
/// throws input.bad_option at `where` otherwise.
DesurveyMethod parse_desurvey_method(std::string_view text, const InputLocation& where = {});

/// Unit vector along the hole for an azimuth (clockwise from grid north) and a dip (negative
/// downward): (cos dip sin azm, cos dip cos azm, sin dip).
[[nodiscard]] Vec3 direction_of(double azimuth_deg, double dip_deg);

/// A desurveyed station: depth along the hole, position and unit direction.
struct TracePoint {
  double depth_m = 0;
  Vec3 xyz_m{0, 0, 0};
  Vec3 direction{0, 0, -1};
};

/// A desurveyed hole. points[0] is the collar (depth 0); the last point is the end of the
/// trace (the hole depth, or deeper when forced data reach further). Between two points the
/// path follows the method: a circular arc (minimum curvature), two straight halves along
/// the upper and lower directions (balanced tangent), or the upper station's direction held
/// down to the next station (tangent). Above the first survey and below the last the hole is
/// straight along that survey's direction.
struct HoleTrace {
  std::string hole_id;
  DesurveyMethod method = DesurveyMethod::minimum_curvature;
  double depth_m = 0;  ///< the collar's hole depth
  std::vector<TracePoint> points;
};

/// Stations (sorted by depth, internal dip convention) -> trace. With no stations the hole is
/// vertical. `end_depth_m` >= depth_m. Throws input.bad_survey (at the lower station) when two
/// consecutive stations point in opposite directions: the arc between them is undefined.
HoleTrace desurvey_hole(std::string hole_id, const Vec3& collar_xyz_m, double depth_m,
                        double end_depth_m, const std::vector<SurveyStation>& stations,
                        DesurveyMethod method);

/// Position at `depth_m` along the hole with the trace's method (straight beyond the ends).
[[nodiscard]] Vec3 position_at(const HoleTrace& trace, double depth_m);
/// Position at the hole depth (end of hole).
[[nodiscard]] Vec3 end_of_hole(const HoleTrace& trace);

/// Dogleg angle (radians) between two unit directions, computed stably near 0 and pi.
[[nodiscard]] double dogleg_rad(const Vec3& a, const Vec3& b);

struct DesurveyOptions {
  DesurveyMethod method = DesurveyMethod::minimum_curvature;
  void validate() const {}
};

/// End-of-hole positions by each method and their distances from the minimum-curvature one.
struct EohDiscrepancy {
  std::string hole_id;
  double depth_m = 0;
  Vec3 minimum_curvature{}, balanced_tangent{}, tangent{};
  double balanced_vs_mincurv_m = 0;
  double tangent_vs_mincurv_m = 0;
};

struct DesurveyResult {
  DesurveyMethod method = DesurveyMethod::minimum_curvature;
  std::vector<HoleTrace> holes;  ///< same order as the database
  std::vector<EohDiscrepancy> eoh;
  double max_balanced_vs_mincurv_m = 0;
  double max_tangent_vs_mincurv_m = 0;
};

/// Desurveys every hole of the database with options.method and reports the end-of-hole
/// discrepancy between the methods. A trace reaches the deepest of hole depth, last interval
/// TO and last survey station.
DesurveyResult run_desurvey(const DrillholeDatabase& db, const DesurveyOptions& options,
                            Diagnostics& diagnostics);

}  // namespace lodeline::drillhole
