// SPDX-License-Identifier: Apache-2.0
// Desurvey against a hand-computed minimum-curvature step and analytic holes: vertical,
// straight inclined, and circular arcs (where minimum curvature is exact at any depth).
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "drillhole_test_util.hpp"
#include "lodeline/drillhole/desurvey.hpp"

using namespace lodeline;
using namespace lodeline::drillhole;

namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kDeg = kPi / 180;

SurveyStation station(double at, double azm, double dip) { return {at, azm, dip, {"s.csv", 0, 0}}; }

void expect_near(const Vec3& got, const Vec3& want, double tol) {
  for (int a = 0; a < 3; ++a) EXPECT_NEAR(got[a], want[a], tol) << "axis " << a;
}

Vec3 add(Vec3 a, const Vec3& b, double s = 1) {
  for (int k = 0; k < 3; ++k) a[k] += s * b[k];
  return a;
}

}  // namespace

// Hand calculation (Sawaryn & Thorogood 2005, eqs. for the minimum-curvature step), with
// inclination from vertical I = 90 + dip:
//   station 1: MD 0,  A1 = 30 deg, dip -70 -> I1 = 20 deg
//   station 2: MD 50, A2 = 50 deg, dip -55 -> I2 = 35 deg, dMD = 50 m
//   cos(beta) = cos(I2 - I1) - sin I1 sin I2 (1 - cos(A2 - A1))
//             = cos 15 - sin 20 sin 35 (1 - cos 20)
//             = 0.9659258263 - 0.1961746950 * 0.0603073792 = 0.9540950446
//   beta = acos(0.9540950446) = 0.3041727471 rad (17.4278146 deg)
//   RF = 2/beta tan(beta/2) = 6.5752110249 * 0.1532699245 = 1.0077820971
//   dN   = dMD/2 (sin I1 cos A1 + sin I2 cos A2) RF
//        = 25 (0.3420201433*0.8660254038 + 0.5735764364*0.6427876097) RF
//        = 25 * 0.6648859592 * 1.0077820971 = 16.7515041573 m
//   dE   = 25 (sin I1 sin A1 + sin I2 sin A2) RF = 25 * 0.6103951134 * RF = 15.3786316863 m
//   dTVD = 25 (cos I1 + cos I2) RF = 25 * 1.7588446651 * RF = 44.3133041245 m (down)
TEST(Desurvey, HandComputedMinimumCurvature) {
  const Vec3 collar{1000, 2000, 500};
  const std::vector<SurveyStation> s{station(0, 30, -70), station(50, 50, -55)};
  const auto mc = desurvey_hole("H", collar, 50, 50, s, DesurveyMethod::minimum_curvature);
  ASSERT_EQ(mc.points.size(), 2u);
  expect_near(mc.points[1].xyz_m, {1000 + 15.3786316863, 2000 + 16.7515041573, 500 - 44.3133041245},
              1e-9);
  expect_near(end_of_hole(mc), mc.points[1].xyz_m, 1e-12);
  EXPECT_NEAR(dogleg_rad(direction_of(30, -70), direction_of(50, -55)), 0.3041727471, 1e-10);
  // Balanced tangent is the same step without RF; tangent is 50 m along station 1.
  const auto bt = desurvey_hole("H", collar, 50, 50, s, DesurveyMethod::balanced_tangent);
  expect_near(bt.points[1].xyz_m,
              {1000 + 15.3786316863 / 1.0077820971, 2000 + 16.7515041573 / 1.0077820971,
               500 - 44.3133041245 / 1.0077820971},
              1e-8);
  const auto tg = desurvey_hole("H", collar, 50, 50, s, DesurveyMethod::tangent);
  // 50 (sin 20 sin 30, sin 20 cos 30, -cos 20) = (8.5505035831, 14.8099066363, -46.9846310393)
  expect_near(tg.points[1].xyz_m, {1008.5505035831, 2014.8099066363, 453.0153689607}, 1e-9);
}

TEST(Desurvey, VerticalHoleWithoutSurvey) {
  const auto t = desurvey_hole("V", {10, 20, 300}, 80, 80, {}, DesurveyMethod::minimum_curvature);
  expect_near(position_at(t, 37.5), {10, 20, 262.5}, 1e-12);
  expect_near(end_of_hole(t), {10, 20, 220}, 1e-12);
  ASSERT_EQ(t.points.size(), 2u);
  EXPECT_EQ(t.points[1].depth_m, 80);
}

TEST(Desurvey, StraightInclinedHoleAllMethods) {
  // az 135, dip -60: direction (cos60 sin135, cos60 cos135, -sin60)
  //                = (0.3535533906, -0.3535533906, -0.8660254038).
  const std::vector<SurveyStation> s{station(0, 135, -60), station(50, 135, -60),
                                     station(100, 135, -60)};
  for (auto m : {DesurveyMethod::minimum_curvature, DesurveyMethod::balanced_tangent,
                 DesurveyMethod::tangent}) {
    const auto t = desurvey_hole("S", {0, 0, 0}, 150, 150, s, m);
    for (double d : {0.0, 12.5, 50.0, 77.0, 100.0, 150.0})
      expect_near(position_at(t, d),
                  {d * 0.3535533905932738, -d * 0.3535533905932738, -d * 0.8660254037844386}, 1e-9);
  }
}

TEST(Desurvey, FirstSurveyBelowCollarHoldsUpward) {
  const std::vector<SurveyStation> s{station(20, 90, -45)};
  const auto t = desurvey_hole("F", {0, 0, 0}, 40, 40, s, DesurveyMethod::minimum_curvature);
  const double c = std::cos(45 * kDeg);
  expect_near(position_at(t, 10), {10 * c, 0, -10 * c}, 1e-12);
  expect_near(end_of_hole(t), {40 * c, 0, -40 * c}, 1e-12);
}

// A hole building 3 degrees per 10 m in the vertical plane of azimuth 90 (east), from
// vertical: curvature k = 3 deg / 10 m, radius R = 1/k = 190.98593171 m. At MD s the angle
// from vertical is theta = k s and the exact position is E = R (1 - cos theta),
// Z = -R sin theta, N = 0. Minimum curvature is exact at stations and between them.
TEST(Desurvey, VerticalPlaneArcIsExact) {
  const double k = 3 * kDeg / 10, R = 1 / k;
  std::vector<SurveyStation> s;
  for (int i = 0; i <= 10; ++i) s.push_back(station(10.0 * i, 90, -90 + 3.0 * i));
  const auto t = desurvey_hole("A", {0, 0, 0}, 100, 100, s, DesurveyMethod::minimum_curvature);
  for (double d : {0.0, 3.7, 10.0, 55.5, 70.0, 99.9, 100.0}) {
    const double th = k * d;
    expect_near(position_at(t, d), {R * (1 - std::cos(th)), 0, -R * std::sin(th)}, 1e-9);
  }
  // At 100 m: theta = 30 deg, E = R (1 - cos 30) = 190.98593171 * 0.13397459622
  // = 25.5872630837 m, Z = -R/2 = -95.4929658551 m.
  expect_near(end_of_hole(t), {25.5872630837, 0, -95.4929658551}, 1e-8);
}

// A circle of radius 150 m in a tilted plane: t(theta) = cos(theta) u + sin(theta) v,
// p(theta) = R sin(theta) u + R (1 - cos(theta)) v with u the direction at the collar
// (az 40, dip -70) and v the unit vector in the plane of u and east, normal to u. Stations
// every 12 m carry the analytic azimuth/dip of t. Minimum curvature must give p exactly; the
// tangent and balanced-tangent end points are the analytic sums of L t_i and L/2 (t_i+t_i+1).
TEST(Desurvey, TiltedCircleIsExactAndOtherMethodsMatchTheirSums) {
  const double R = 150, L = 12;
  const Vec3 u = direction_of(40, -70);
  Vec3 v{1, 0, 0};
  const double uv = u[0];
  v = add(v, u, -uv);
  const double nv = std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
  for (auto& c : v) c /= nv;
  auto tangent_at = [&](double md) {
    const double th = md / R;
    return add(Vec3{std::cos(th) * u[0], std::cos(th) * u[1], std::cos(th) * u[2]}, v,
               std::sin(th));
  };
  auto point_at = [&](double md) {
    const double th = md / R;
    return add(Vec3{R * std::sin(th) * u[0], R * std::sin(th) * u[1], R * std::sin(th) * u[2]}, v,
               R * (1 - std::cos(th)));
  };
  std::vector<SurveyStation> s;
  for (int i = 0; i <= 10; ++i) {
    const Vec3 t = tangent_at(L * i);
    double az = std::atan2(t[0], t[1]) / kDeg;
    if (az < 0) az += 360;
    s.push_back(station(L * i, az, std::asin(t[2]) / kDeg));
  }
  const auto mc = desurvey_hole("C", {0, 0, 0}, 120, 120, s, DesurveyMethod::minimum_curvature);
  for (double d : {0.0, 5.0, 12.0, 30.5, 61.0, 119.0, 120.0})
    expect_near(position_at(mc, d), point_at(d), 1e-9);

  Vec3 tangent_sum{0, 0, 0}, balanced_sum{0, 0, 0};
  for (int i = 0; i < 10; ++i) {
    tangent_sum = add(tangent_sum, tangent_at(L * i), L);
    balanced_sum = add(balanced_sum, tangent_at(L * i), L / 2);
    balanced_sum = add(balanced_sum, tangent_at(L * (i + 1)), L / 2);
  }
  const auto tg = desurvey_hole("C", {0, 0, 0}, 120, 120, s, DesurveyMethod::tangent);
  const auto bt = desurvey_hole("C", {0, 0, 0}, 120, 120, s, DesurveyMethod::balanced_tangent);
  expect_near(end_of_hole(tg), tangent_sum, 1e-9);
  expect_near(end_of_hole(bt), balanced_sum, 1e-9);
  // Inside a segment: tangent holds station 3's direction; balanced turns at mid-segment.
  expect_near(position_at(tg, 40), add(tg.points[3].xyz_m, tangent_at(36), 4), 1e-9);
  expect_near(position_at(bt, 45),
              add(add(bt.points[3].xyz_m, tangent_at(36), 6), tangent_at(48), 3), 1e-9);

  // run_desurvey reports the end-of-hole distances between the methods.
  DrillholeDatabase db;
  Hole h;
  h.collar = {"C", 0, 0, 0, 120, {}};
  h.surveys = s;
  db.holes.push_back(h);
  Diagnostics diag;
  const auto r = run_desurvey(db, {}, diag);
  ASSERT_EQ(r.eoh.size(), 1u);
  auto dist = [](const Vec3& a, const Vec3& b) {
    return std::sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) +
                     (a[2] - b[2]) * (a[2] - b[2]));
  };
  EXPECT_NEAR(r.eoh[0].tangent_vs_mincurv_m, dist(tangent_sum, point_at(120)), 1e-9);
  EXPECT_NEAR(r.eoh[0].balanced_vs_mincurv_m, dist(balanced_sum, point_at(120)), 1e-9);
  EXPECT_GT(r.eoh[0].tangent_vs_mincurv_m, 1.0);  // 10 x 12 m at 4.6 deg per station: metres
  EXPECT_EQ(r.max_tangent_vs_mincurv_m, r.eoh[0].tangent_vs_mincurv_m);
}

TEST(Desurvey, DoglegIsAccurateForTinyAngles) {
  const Vec3 a = direction_of(10, -60);
  const Vec3 b = direction_of(10, -60 + 1e-7);  // 1e-7 degrees apart
  // acos(a.b) would be off by ~1e-8 rad here (sqrt of the rounding of a.b); the atan2 form is
  // limited only by the rounding of the angles themselves (~1e-16 rad each).
  EXPECT_NEAR(dogleg_rad(a, b), 1e-7 * kDeg, 1e-15);
}

TEST(Desurvey, OppositeStationsAreRefused) {
  const std::vector<SurveyStation> s{station(0, 0, -90), {10, 0, 90, {"s.csv", 3, 5}}};
  try {
    (void)desurvey_hole("H", {0, 0, 0}, 20, 20, s, DesurveyMethod::minimum_curvature);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.formatted(),
              "s.csv:3:5: error[input.bad_survey]: hole 'H': stations at 0 m and 10 m point in "
              "opposite directions (dogleg 180 degrees), expected a drillable path");
  }
}

TEST(Desurvey, MethodNames) {
  EXPECT_EQ(parse_desurvey_method("mincurv"), DesurveyMethod::minimum_curvature);
  EXPECT_EQ(parse_desurvey_method("balanced"), DesurveyMethod::balanced_tangent);
  EXPECT_EQ(parse_desurvey_method("tangent"), DesurveyMethod::tangent);
  try {
    parse_desurvey_method("radius");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.formatted(),
              "error[input.bad_option]: desurvey method is 'radius', expected "
              "minimum_curvature (mincurv), balanced_tangent (balanced) or tangent");
  }
}

TEST(Desurvey, TraceReachesDeepestData) {
  // A forced interval beyond the hole depth extends the trace straight; EOH stays at depth.
  const auto db =
      drillhole::testing::build("hole_id,x,y,z,depth\nDH1,0,0,100,50\n", "",
                                "hole_id,from,to,au\nDH1,48,52,1\n", drillhole::testing::forced());
  Diagnostics diag;
  const auto r = run_desurvey(db, {}, diag);
  EXPECT_EQ(r.holes[0].points.back().depth_m, 52);
  expect_near(end_of_hole(r.holes[0]), {0, 0, 50}, 1e-12);
  expect_near(position_at(r.holes[0], 51), {0, 0, 49}, 1e-12);
}
