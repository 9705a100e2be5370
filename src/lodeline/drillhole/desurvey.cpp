// SPDX-License-Identifier: Apache-2.0
// Desurvey by minimum curvature, balanced tangent and tangent, with positions at any depth.
//
// Minimum curvature: the path between two stations is the circular arc tangent to both
// directions t1, t2; with dogleg beta = angle(t1, t2) and ratio factor RF = 2/beta tan(beta/2),
// the step is dMD/2 (t1 + t2) RF (Zaremba 1973, "A generalised minimum curvature method";
// Sawaryn & Thorogood 2005, SPE 84246, "A compendium of directional calculations based on the
// minimum curvature method", which also gives the slerp t(s) = [sin((1-s)beta) t1 +
// sin(s beta) t2] / sin beta for points inside the arc). The dogleg is computed as
// 2 atan2(|t1 - t2|, |t1 + t2|), accurate near 0 and pi.
// Balanced tangent: dMD/2 along t1 then dMD/2 along t2. Tangent: the upper station's
// direction held down to the next station (the mining reading: a survey holds until the next).
#include "lodeline/drillhole/desurvey.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <utility>

#include "lodeline/drillhole/option_table.hpp"

namespace lodeline::drillhole {
namespace {

constexpr double kDegToRad = std::numbers::pi / 180.0;

Vec3 add(const Vec3& a, const Vec3& b) { return {a[0] + b[0], a[1] + b[1], a[2] + b[2]}; }
Vec3 sub(const Vec3& a, const Vec3& b) { return {a[0] - b[0], a[1] - b[1], a[2] - b[2]}; }
Vec3 scale(const Vec3& a, double s) { return {a[0] * s, a[1] * s, a[2] * s}; }
/// sin and cos of an angle in degrees, reduced to [-45, 45] first so that multiples of 90
/// give exact 0 and +-1 (a vertical hole stays exactly vertical).
std::pair<double, double> sincos_deg(double deg) {
  double r = std::fmod(deg, 360.0);
  if (r < 0) r += 360.0;
  const long q = std::lround(r / 90.0);
  const double rem = (r - 90.0 * static_cast<double>(q)) * kDegToRad;
  const double s = std::sin(rem), c = std::cos(rem);
  switch (q & 3) {
    case 0:
      return {s, c};
    case 1:
      return {c, -s};
    case 2:
      return {-s, -c};
    default:
      return {-c, s};
  }
}

double norm(const Vec3& a) { return std::sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]); }

/// RF = 2/beta tan(beta/2); its series 1 + beta^2/12 + beta^4/120 below 1e-4 rad.
double ratio_factor(double beta) {
  if (beta < 1e-4) return 1 + beta * beta / 12 + beta * beta * beta * beta / 120;
  return 2 / beta * std::tan(beta / 2);
}

/// Unit direction a fraction s along the great circle from t1 to t2 (dogleg beta).
Vec3 slerp(const Vec3& t1, const Vec3& t2, double beta, double s) {
  if (beta < 1e-9) {
    const Vec3 v = add(scale(t1, 1 - s), scale(t2, s));
    return scale(v, 1 / norm(v));
  }
  const double sb = std::sin(beta);
  return add(scale(t1, std::sin((1 - s) * beta) / sb), scale(t2, std::sin(s * beta) / sb));
}

/// Displacement over `length_m` from a station with direction t1 towards the next station
/// (direction t2, `segment_m` further down), by the given method.
Vec3 step(DesurveyMethod method, const Vec3& t1, const Vec3& t2, double segment_m,
          double length_m) {
  switch (method) {
    case DesurveyMethod::tangent:
      return scale(t1, length_m);
    case DesurveyMethod::balanced_tangent: {
      const double half = segment_m / 2;
      if (length_m <= half) return scale(t1, length_m);
      return add(scale(t1, half), scale(t2, length_m - half));
    }
    case DesurveyMethod::minimum_curvature: {
      const double beta = dogleg_rad(t1, t2);
      const double s = segment_m > 0 ? length_m / segment_m : 0;
      const Vec3 ts = s >= 1 ? t2 : slerp(t1, t2, beta, s);
      return scale(add(t1, ts), length_m / 2 * ratio_factor(s * beta));
    }
  }
  return scale(t1, length_m);
}

}  // namespace

std::string_view to_string(DesurveyMethod method) { return desurvey_names().name(method); }

DesurveyMethod parse_desurvey_method(std::string_view text, const InputLocation& where) {
  if (const auto m = desurvey_names().parse(text)) return *m;
  throw Error("input.bad_option",
              fmt::format("desurvey method is '{}', expected minimum_curvature (mincurv), "
                          "balanced_tangent (balanced) or tangent",
                          text),
              where);
}

Vec3 direction_of(double azimuth_deg, double dip_deg) {
  const auto [sa, ca] = sincos_deg(azimuth_deg);
  const auto [sd, cd] = sincos_deg(dip_deg);
  return {cd * sa + 0.0, cd * ca + 0.0, sd + 0.0};  // + 0.0: no negative zeros
}

double dogleg_rad(const Vec3& a, const Vec3& b) {
  return 2 * std::atan2(norm(sub(a, b)), norm(add(a, b)));
}

HoleTrace desurvey_hole(std::string hole_id, const Vec3& collar_xyz_m, double depth_m,
                        double end_depth_m, const std::vector<SurveyStation>& stations,
                        DesurveyMethod method) {
  HoleTrace trace;
  trace.hole_id = std::move(hole_id);
  trace.method = method;
  trace.depth_m = depth_m;
  end_depth_m = std::max(end_depth_m, depth_m);
  std::vector<TracePoint>& pts = trace.points;
  if (stations.empty()) {
    pts.push_back({0, collar_xyz_m, {0, 0, -1}});
  } else {
    const Vec3 first = direction_of(stations.front().azimuth_deg, stations.front().dip_deg);
    if (stations.front().at_m > 0) pts.push_back({0, collar_xyz_m, first});
    for (std::size_t i = 0; i < stations.size(); ++i) {
      const SurveyStation& s = stations[i];
      const Vec3 t = direction_of(s.azimuth_deg, s.dip_deg);
      if (pts.empty()) {
        pts.push_back({s.at_m, collar_xyz_m, t});
        continue;
      }
      const TracePoint& prev = pts.back();
      if (dogleg_rad(prev.direction, t) > std::numbers::pi - 1e-6)
        throw Error("input.bad_survey",
                    fmt::format("hole '{}': stations at {} m and {} m point in opposite "
                                "directions (dogleg 180 degrees), expected a drillable path",
                                trace.hole_id, prev.depth_m, s.at_m),
                    s.location);
      const double seg = s.at_m - prev.depth_m;
      pts.push_back({s.at_m, add(prev.xyz_m, step(method, prev.direction, t, seg, seg)), t});
    }
  }
  if (pts.back().depth_m < end_depth_m) {
    const TracePoint& last = pts.back();
    pts.push_back({end_depth_m, add(last.xyz_m, scale(last.direction, end_depth_m - last.depth_m)),
                   last.direction});
  }
  return trace;
}

Vec3 position_at(const HoleTrace& trace, double depth_m) {
  const auto& pts = trace.points;
  if (depth_m <= pts.front().depth_m)
    return add(pts.front().xyz_m, scale(pts.front().direction, depth_m - pts.front().depth_m));
  if (depth_m >= pts.back().depth_m)
    return add(pts.back().xyz_m, scale(pts.back().direction, depth_m - pts.back().depth_m));
  const auto it = std::upper_bound(pts.begin(), pts.end(), depth_m,
                                   [](double d, const TracePoint& p) { return d < p.depth_m; });
  const TracePoint& lo = *(it - 1);
  const TracePoint& hi = *it;
  return add(lo.xyz_m, step(trace.method, lo.direction, hi.direction, hi.depth_m - lo.depth_m,
                            depth_m - lo.depth_m));
}

Vec3 end_of_hole(const HoleTrace& trace) { return position_at(trace, trace.depth_m); }

DesurveyResult run_desurvey(const DrillholeDatabase& db, const DesurveyOptions& options,
                            Diagnostics& /*diagnostics*/) {
  options.validate();
  DesurveyResult result;
  result.method = options.method;
  result.holes.reserve(db.holes.size());
  result.eoh.reserve(db.holes.size());
  for (const Hole& hole : db.holes) {
    double end = hole.collar.depth_m;
    if (!hole.intervals.empty()) end = std::max(end, hole.intervals.back().to_m);
    if (!hole.surveys.empty()) end = std::max(end, hole.surveys.back().at_m);
    const Vec3 collar{hole.collar.x_m, hole.collar.y_m, hole.collar.z_m};
    auto trace_of = [&](DesurveyMethod m) {
      return desurvey_hole(hole.collar.hole_id, collar, hole.collar.depth_m, end, hole.surveys, m);
    };
    EohDiscrepancy d;
    d.hole_id = hole.collar.hole_id;
    d.depth_m = hole.collar.depth_m;
    d.minimum_curvature = end_of_hole(trace_of(DesurveyMethod::minimum_curvature));
    d.balanced_tangent = end_of_hole(trace_of(DesurveyMethod::balanced_tangent));
    d.tangent = end_of_hole(trace_of(DesurveyMethod::tangent));
    d.balanced_vs_mincurv_m = norm(sub(d.balanced_tangent, d.minimum_curvature));
    d.tangent_vs_mincurv_m = norm(sub(d.tangent, d.minimum_curvature));
    result.max_balanced_vs_mincurv_m =
        std::max(result.max_balanced_vs_mincurv_m, d.balanced_vs_mincurv_m);
    result.max_tangent_vs_mincurv_m =
        std::max(result.max_tangent_vs_mincurv_m, d.tangent_vs_mincurv_m);
    result.eoh.push_back(std::move(d));
    result.holes.push_back(trace_of(options.method));
  }
  return result;
}

}  // namespace lodeline::drillhole
