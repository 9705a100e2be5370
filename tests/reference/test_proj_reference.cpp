// SPDX-License-Identifier: Apache-2.0
// geo::GeographicProjection, its Jacobian and geodesic densification against PROJ's command
// line tools (proj-bin 9.1.1). Tolerances: 1e-6 m in projected coordinates, 1e-8 in the
// Jacobian (proj -V prints 8 decimals), 2e-10 degree (2e-5 m) on geodesic points.
//
// Commands and outputs (EPSG:4326 takes latitude first in cs2cs):
//   echo "40.2 46.0"    | cs2cs -f %.9f EPSG:4326 EPSG:32638 -> 585110.873429301 4450435.075796867
//   echo "40.205 46.03" | cs2cs -f %.9f EPSG:4326 EPSG:32638 -> 587657.804724611 4451019.260705259
//   echo "40.21 46.01"  | cs2cs -f %.9f EPSG:4326 EPSG:32638 -> 585949.365101607 4451554.683654568
//   echo "39.5 44.1"    | cs2cs -f %.9f EPSG:4326 EPSG:32638 -> 422618.272991365 4372651.104988220
//   echo "41.3 47.9"    | cs2cs -f %.9f EPSG:4326 EPSG:32638 -> 742798.765130499 4576118.064408884
//   echo "40.2 46.0"    | cs2cs -f %.9f EPSG:4284 EPSG:32638 -> 585007.509603853 4450423.370636581
//     (Pulkovo 1942 -> WGS 84 / UTM 38N: about 103 m west, 12 m south of the WGS 84 point)
//   echo "46 40.2" | proj -V +proj=utm +zone=38 +ellps=WGS84
//     -> Parallel scale (k) 0.99968917, Meridian scale (h) 0.99968917,
//        Convergence 0d38'43.787" [ 0.64549638 ]
//   geod +ellps=WGS84 +lat_1=40.2 +lon_1=46.0 +lat_2=40.205 +lon_2=46.03 +n_S=4 -f %.10f
//     -> 40.2000000000 46.0000000000 / 40.2012507293 46.0074995867 / 40.2025009724 46.0149994490
//        / 40.2037507293 46.0224995868 / 40.2050000000 46.0300000000
//   echo "40.2 46.0 40.205 46.03" | geod +ellps=WGS84 -I -f %.10f
//     -> 77.7271557367 -102.2534795326 2613.875
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "lodeline/geo/projection.hpp"

using namespace lodeline;

TEST(ProjReference, WgsToUtm38AgreesWithCs2cs) {
  const geo::GeographicProjection p("EPSG:4326", "EPSG:32638");
  struct Case {
    double lat, lon, e, n;
  };
  for (const Case& c : {Case{40.2, 46.0, 585110.873429301, 4450435.075796867},
                        Case{40.205, 46.03, 587657.804724611, 4451019.260705259},
                        Case{40.21, 46.01, 585949.365101607, 4451554.683654568},
                        Case{39.5, 44.1, 422618.272991365, 4372651.104988220},
                        Case{41.3, 47.9, 742798.765130499, 4576118.064408884}}) {
    const Point2 en = p.forward({c.lon, c.lat});
    EXPECT_NEAR(en.x, c.e, 1e-6) << c.lat << " " << c.lon;
    EXPECT_NEAR(en.y, c.n, 1e-6) << c.lat << " " << c.lon;
    const geo::LonLat back = p.inverse(en);
    EXPECT_NEAR(back.lon_deg, c.lon, 1e-11);
    EXPECT_NEAR(back.lat_deg, c.lat, 1e-11);
  }
}

TEST(ProjReference, PulkovoToUtm38AgreesWithCs2cs) {
  geo::ProjectionOptions o;
  o.allow_datum_shift = true;
  const geo::GeographicProjection p("EPSG:4284", "EPSG:32638", o);
  EXPECT_TRUE(p.datum_shift());
  const Point2 en = p.forward({46.0, 40.2});
  EXPECT_NEAR(en.x, 585007.509603853, 1e-6);
  EXPECT_NEAR(en.y, 4450423.370636581, 1e-6);
}

TEST(ProjReference, JacobianIsScaleTimesConvergenceRotation) {
  const geo::GeographicProjection p("EPSG:4326", "EPSG:32638");
  const auto f = p.factors({46.0, 40.2});
  const double k = 0.99968917, g = 0.64549638 * std::numbers::pi / 180;
  EXPECT_NEAR(f.jacobian[0], k * std::cos(g), 1e-8);
  EXPECT_NEAR(f.jacobian[1], -k * std::sin(g), 1e-8);
  EXPECT_NEAR(f.jacobian[2], k * std::sin(g), 1e-8);
  EXPECT_NEAR(f.jacobian[3], k * std::cos(g), 1e-8);
  EXPECT_NEAR(f.parallel_scale, k, 1e-8);
  EXPECT_NEAR(f.meridional_scale, k, 1e-8);
  EXPECT_NEAR(f.convergence_deg, 0.64549638, 1e-8);
}

TEST(ProjReference, GeodesicPointsAgreeWithGeod) {
  const geo::Ellipsoid wgs84;
  const auto pts = geo::geodesic_points(wgs84, {46.0, 40.2}, {46.03, 40.205}, 2613.875 / 4 + 1e-3);
  ASSERT_EQ(pts.size(), 5u);
  const double want[5][2] = {{40.2, 46.0},
                             {40.2012507293, 46.0074995867},
                             {40.2025009724, 46.0149994490},
                             {40.2037507293, 46.0224995868},
                             {40.205, 46.03}};
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_NEAR(pts[i].lat_deg, want[i][0], 2e-10) << i;
    EXPECT_NEAR(pts[i].lon_deg, want[i][1], 2e-10) << i;
  }
  EXPECT_NEAR(geo::geodesic_distance_m(wgs84, {46.0, 40.2}, {46.03, 40.205}), 2613.875, 5e-4);
}
