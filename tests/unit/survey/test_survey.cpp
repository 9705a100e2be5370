// SPDX-License-Identifier: Apache-2.0
// Pillars and the line: filters, outliers, weighted mean and covariance by hand, CRS errors,
// sessions, straight/geodesic segments, line_from_pillars, synthetic occupations end to end.
// Oracles: hand calculation; WGS 84 radii at 40.2 N (a = 6378137, f = 1/298.257223563,
// N cos(phi) pi/180 = 85144.20075680426 m per degree of longitude, python); PROJ's own
// command-line tools: `proj -V +proj=utm +zone=38 +ellps=WGS84 <<< "46 40.2"` -> parallel
// scale k = 0.99968917, convergence 0.64549638 deg; `echo "40.2 46.0" | cs2cs -f %.9f
// EPSG:4284 EPSG:32638` -> 585007.509603853 4450423.370636581 (Pulkovo 1942 -> UTM 38N).
// Named transformation EPSG:1808 (Pulkovo 1942 to WGS 84 (14), Azerbaijan and Georgia; one of
// the candidates of `projinfo -s EPSG:4284 -t EPSG:4326 --summary`, not PROJ's default
// EPSG:15865 here): `printf "40.2 46.0\n40.21 46.01\n" | cct -d 12 -z 0 -t 0 EPSG:1808 |
// cs2cs -d 6 EPSG:4326 EPSG:32638` -> 585009.622509 4450427.568611, 585848.131924
// 4451547.182600.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "lodeline/geo/projection.hpp"
#include "lodeline/survey/survey.hpp"
#include "lodeline/survey/survey_output.hpp"
#include "lodeline/survey/synthetic.hpp"
#include "support/error_of.hpp"

using namespace lodeline;
using namespace lodeline::survey;

namespace {

using lodeline::test::headline_of;

Fix fix(const std::string& pillar, double lat, double lon, std::optional<double> sd = 1.0,
        FixQuality q = FixQuality::given, const std::string& file = "f.csv",
        std::int64_t line = 2) {
  Fix f;
  f.pillar = pillar;
  f.file = file;
  f.location = {file, line, 1};
  f.lat_deg = lat;
  f.lon_deg = lon;
  f.quality = q;
  if (sd) f.sd_e_m = f.sd_n_m = *sd;
  return f;
}

PillarOrder order_of(std::vector<std::string> names) {
  PillarOrder o;
  o.file = "ORDER.txt";
  for (std::size_t i = 0; i < names.size(); ++i)
    o.locations.push_back({"ORDER.txt", static_cast<std::int64_t>(i) + 1, 1});
  o.names = std::move(names);
  return o;
}

SurveyOptions utm() {
  SurveyOptions o;
  o.crs = "EPSG:32638";
  return o;
}

constexpr double kMPerDegLon = 85144.20075680426;  // at 40.2 N on WGS 84
constexpr double kK = 0.99968917;                  // proj -V: UTM 38N scale at 46E 40.2N
constexpr double kConvDeg = 0.64549638;

const Pillar& pillar(const SurveyResult& r, const std::string& name) {
  for (const auto& p : r.line.pillars)
    if (p.name == name) return p;
  throw std::runtime_error("no pillar " + name);
}

}  // namespace

TEST(Survey, WeightedMeanAndCovarianceByHand) {
  // Two fixes on one parallel, sd 1 m and 2 m: weights 1 and 1/4.
  std::vector<Fix> fixes{fix("A", 40.2, 46.0, 1.0), fix("A", 40.2, 46.0001, 2.0),
                         fix("B", 40.21, 46.01)};
  SurveyOptions o = utm();
  o.scale_by_variance_factor = false;
  Diagnostics d;
  const auto r = survey_fixes(fixes, order_of({"A", "B"}), {}, o, d);
  const Pillar& a = pillar(r, "A");
  EXPECT_NEAR(a.lon_deg, (46.0 * 1 + 46.0001 * 0.25) / 1.25, 1e-12);
  EXPECT_NEAR(a.lat_deg, 40.2, 1e-12);
  EXPECT_NEAR(a.local_cov_ee_m2, 1 / 1.25, 1e-12);
  EXPECT_NEAR(a.local_cov_nn_m2, 1 / 1.25, 1e-12);
  EXPECT_NEAR(a.local_cov_en_m2, 0, 1e-15);
  // a-posteriori variance factor: sum r^2/sd^2 over 2n - 2 = 2 degrees of freedom.
  const double r1 = -0.00002 * kMPerDegLon, r2 = 0.00008 * kMPerDegLon;
  const double vf = (r1 * r1 + r2 * r2 / 4) / 2;
  EXPECT_NEAR(a.variance_factor, vf, 1e-6 * vf);
  EXPECT_EQ(a.n_used, 2u);
  EXPECT_EQ(a.n_rejected, 0u);
  EXPECT_EQ(a.sigma_sources.at("reported_sd"), 2u);
  // Projected: conformal UTM, J = k R(convergence); isotropic C -> k^2 C.
  EXPECT_NEAR(a.cov_ee_m2, kK * kK * 0.8, 1e-7);
  EXPECT_NEAR(a.cov_nn_m2, kK * kK * 0.8, 1e-7);
  EXPECT_NEAR(a.cov_en_m2, 0, 1e-9);
  EXPECT_NEAR(a.scale_factor, kK, 2e-8);
  // proj -V +proj=utm +zone=38 +ellps=WGS84 <<< "46.00002 40.2" -> convergence 0.64550929
  EXPECT_NEAR(a.convergence_deg, 0.64550929, 1e-8);

  o.scale_by_variance_factor = true;
  o.sd_floor_m = 0.1;
  const auto s = survey_fixes(fixes, order_of({"A", "B"}), {}, o, d);
  EXPECT_NEAR(pillar(s, "A").local_cov_ee_m2, 0.8 * vf + 0.01, 1e-6);
}

TEST(Survey, AnisotropicCovarianceRotatesByTheConvergence) {
  Fix f = fix("A", 40.2, 46.0);
  f.sd_e_m = 0.3;
  f.sd_n_m = 0.1;
  f.cov_en_m2 = 0.0;
  std::vector<Fix> fixes{f, fix("B", 40.21, 46.01)};
  Diagnostics d;
  const auto r = survey_fixes(fixes, order_of({"A", "B"}), {}, utm(), d);
  const Pillar& a = pillar(r, "A");
  const double g = kConvDeg * std::numbers::pi / 180, c = std::cos(g), s = std::sin(g);
  const double va = 0.09, vb = 0.01;
  EXPECT_NEAR(a.cov_ee_m2, kK * kK * (va * c * c + vb * s * s), 1e-9);
  EXPECT_NEAR(a.cov_nn_m2, kK * kK * (va * s * s + vb * c * c), 1e-9);
  EXPECT_NEAR(a.cov_en_m2, kK * kK * (va - vb) * c * s, 1e-9);
  EXPECT_NEAR(a.jacobian[0], kK * c, 1e-8);
  EXPECT_NEAR(a.jacobian[1], -kK * s, 1e-8);
  EXPECT_NEAR(a.jacobian[2], kK * s, 1e-8);
  EXPECT_NEAR(a.jacobian[3], kK * c, 1e-8);
}

TEST(Survey, OutlierFiftyMetresAwayIsRejected) {
  std::vector<Fix> fixes;
  double sum_lon = 0, sum_lat = 0;
  for (int i = 0; i < 20; ++i) {
    // A deterministic +-0.6 m pattern in both axes (well within 3.5 sd of 1.9 m).
    const double de = 0.6 * ((i % 5) - 2) / 2, dn = 0.6 * ((i % 4) - 1.5) / 1.5;
    Fix f = fix("P1", 40.2 + dn / 111038.47847720477, 46.0 + de / kMPerDegLon, std::nullopt,
                FixQuality::single, "P1.nmea", i + 1);
    f.hdop = 0.9;
    sum_lon += f.lon_deg;
    sum_lat += f.lat_deg;
    fixes.push_back(f);
  }
  Fix bad =
      fix("P1", 40.2, 46.0 + 50.0 / kMPerDegLon, std::nullopt, FixQuality::single, "P1.nmea", 21);
  bad.hdop = 0.9;
  fixes.insert(fixes.begin() + 7, bad);
  fixes.push_back(fix("P2", 40.21, 46.01));
  Diagnostics d;
  const auto r = survey_fixes(fixes, order_of({"P1", "P2"}), {}, utm(), d);
  const Pillar& p = pillar(r, "P1");
  EXPECT_EQ(p.n_fixes, 21u);
  EXPECT_EQ(p.n_used, 20u);
  EXPECT_EQ(p.n_rejected, 1u);
  EXPECT_EQ(p.rejected_by_reason.at("outlier"), 1u);
  EXPECT_NEAR(p.lon_deg, sum_lon / 20, 1e-12);
  EXPECT_NEAR(p.lat_deg, sum_lat / 20, 1e-12);
  // HDOP x UERE / sqrt(2) = 0.9 * 3 / sqrt(2) per axis, 20 equal fixes: var = sd^2 / 20.
  const double sd = 0.9 * 3 / std::sqrt(2.0);
  EXPECT_NEAR(p.local_cov_ee_m2, sd * sd / 20, 1e-12);
  EXPECT_EQ(p.sigma_sources.at("hdop_x_uere"), 20u);
}

TEST(Survey, QualityFiltersAreCountedByReason) {
  std::vector<Fix> fixes;
  std::int64_t line = 1;
  for (const auto q :
       {FixQuality::invalid, FixQuality::estimated, FixQuality::manual, FixQuality::simulated,
        FixQuality::single, FixQuality::single, FixQuality::rtk_fixed, FixQuality::rtk_float})
    fixes.push_back(fix("P1", 40.2, 46.0, 0.02, q, "P1.pos", line++));
  Fix few = fix("P1", 40.2, 46.0, 0.02, FixQuality::rtk_fixed, "P1.pos", line++);
  few.satellites = 3;
  fixes.push_back(few);
  Fix voided = fix("P1", 40.2, 46.0, 0.02, FixQuality::rtk_fixed, "P1.pos", line++);
  voided.reader_reject = "rmc_void";
  fixes.push_back(voided);
  fixes.push_back(fix("P2", 40.21, 46.01));
  Diagnostics d;
  auto r = survey_fixes(fixes, order_of({"P1", "P2"}), {}, utm(), d);
  const Pillar& p = pillar(r, "P1");
  const std::map<std::string, std::size_t> want{
      {"quality_invalid", 1},   {"quality_estimated", 1},  {"quality_manual", 1},
      {"quality_simulated", 1}, {"single_when_better", 2}, {"too_few_satellites", 1},
      {"rmc_void", 1}};
  EXPECT_EQ(p.rejected_by_reason, want);
  EXPECT_EQ(p.n_used, 2u);
  EXPECT_EQ(p.n_rejected, 8u);

  SurveyOptions keep = utm();
  keep.drop_single_when_better = false;
  keep.min_satellites = 0;
  keep.reject_qualities = {FixQuality::invalid};
  r = survey_fixes(fixes, order_of({"P1", "P2"}), {}, keep, d);
  EXPECT_EQ(pillar(r, "P1").n_used, 8u);
}

TEST(Survey, PillarWithoutValidFixIsAnError) {
  std::vector<Fix> fixes{fix("P1", 40.2, 46.0, 1.0, FixQuality::invalid, "P1.nmea", 3),
                         fix("P1", 40.2, 46.0, 1.0, FixQuality::simulated, "P1.nmea", 4),
                         fix("P2", 40.21, 46.01)};
  Diagnostics d;
  EXPECT_EQ(headline_of([&] {
              survey_fixes(fixes, order_of({"P1", "P2"}), {}, utm(), d);
            }),
            "ORDER.txt:1:1: error[input.pillar_no_valid_fix]: pillar 'P1': all 2 fixes were "
            "rejected (quality_invalid 1, quality_simulated 1), expected at least one usable fix "
            "(see the quality options --reject-quality, --min-satellites)");
}

TEST(Survey, PillarInTheOrderFileWithoutFixesIsAnError) {
  std::vector<Fix> fixes{fix("P1", 40.2, 46.0), fix("P2", 40.21, 46.01), fix("X9", 40.3, 46.1)};
  Diagnostics d;
  EXPECT_EQ(headline_of([&] {
              survey_fixes(fixes, order_of({"P1", "P2", "P3"}), {}, utm(), d);
            }),
            "ORDER.txt:3:1: error[input.pillar_not_found]: pillar 'P3' has no fix in the 1 input "
            "file (pillars found: P1, P2, X9), expected fixes for it: a GPX waypoint <name>, a "
            "file named after it, a sessions row or a CSV row");
  // A surveyed pillar not in the order is reported, not silently dropped.
  const auto r = survey_fixes(fixes, order_of({"P1", "P2"}), {}, utm(), d);
  EXPECT_EQ(r.unused_pillars, std::vector<std::string>{"X9"});
  EXPECT_EQ(d.items().back().code, "survey.pillar_not_in_order");
}

TEST(Survey, CrsErrors) {
  std::vector<Fix> fixes{fix("P1", 40.2, 46.0), fix("P2", 40.21, 46.01)};
  Diagnostics d;
  SurveyOptions o = utm();
  o.crs = "EPSG:999999";
  EXPECT_EQ(headline_of([&] {
              survey_fixes(fixes, order_of({"P1", "P2"}), {}, o, d);
            }),
            "error[crs.unknown]: CRS 'EPSG:999999' is not known to PROJ, expected an EPSG code "
            "such as 'EPSG:32638', a WKT or a PROJ string");
  o.crs = "EPSG:4326";
  EXPECT_EQ(headline_of([&] {
              survey_fixes(fixes, order_of({"P1", "P2"}), {}, o, d);
            }),
            "error[crs.not_projected]: project CRS 'EPSG:4326' (WGS 84) is not a projected CRS, "
            "expected easting/northing metres such as EPSG:32638 (WGS 84 / UTM zone 38N) in "
            "--crs");
}

TEST(Survey, DatumsAreNeverMixedSilently) {
  std::vector<Fix> fixes{fix("P1", 40.2, 46.0, 1.0, FixQuality::given, "old_map.csv"),
                         fix("P2", 40.21, 46.01, 1.0, FixQuality::given, "old_map.csv")};
  for (auto& f : fixes) f.crs = "EPSG:4284";
  Diagnostics d;
  EXPECT_EQ(headline_of([&] {
              survey_fixes(fixes, order_of({"P1", "P2"}), {}, utm(), d);
            }),
            "old_map.csv: error[crs.datum_mismatch]: 'Pulkovo 1942' is on datum Pulkovo 1942 but "
            "the project CRS 'WGS 84 / UTM zone 38N' is on datum World Geodetic System 1984; a "
            "datum shift of up to hundreds of metres would be applied, expected the same datum, "
            "--transformation <PROJ operation> or --allow-datum-shift");
  SurveyOptions allow = utm();
  allow.allow_datum_shift = true;
  const auto r = survey_fixes(fixes, order_of({"P1", "P2"}), {}, allow, d);
  EXPECT_NEAR(pillar(r, "P1").e_m, 585007.509603853, 1e-6);
  EXPECT_NEAR(pillar(r, "P1").n_m, 4450423.370636581, 1e-6);
  EXPECT_EQ(d.items().back().code, "crs.datum_shift");
  EXPECT_NE(r.operations.at("EPSG:4284").find("Pulkovo 1942 to WGS 84"), std::string::npos);

  // One pillar observed on two datums.
  std::vector<Fix> mixed{fix("P1", 40.2, 46.0, 1.0, FixQuality::given, "gps.csv"),
                         fix("P1", 40.2, 46.0, 1.0, FixQuality::given, "old_map.csv", 5),
                         fix("P2", 40.21, 46.01)};
  mixed[1].crs = "EPSG:4284";
  EXPECT_EQ(headline_of([&] {
              survey_fixes(mixed, order_of({"P1", "P2"}), {}, allow, d);
            }),
            "old_map.csv:5:1: error[crs.mixed_datums]: pillar 'P1' has fixes on 'WGS 84' "
            "(gps.csv) and on 'Pulkovo 1942' (old_map.csv), expected the fixes of one pillar on "
            "one datum");
}

TEST(Survey, NamedTransformationIsUsedAndChecked) {
  std::vector<Fix> fixes{fix("P1", 40.2, 46.0, 1.0, FixQuality::given, "old_map.csv"),
                         fix("P2", 40.21, 46.01, 1.0, FixQuality::given, "old_map.csv")};
  for (auto& f : fixes) f.crs = "EPSG:4284";
  const std::vector<Fix> wgs{fix("P1", 40.2, 46.0), fix("P2", 40.21, 46.01)};
  Diagnostics d;
  SurveyOptions o = utm();
  o.transformation = "EPSG:1808";  // implies permission: allow_datum_shift stays false
  const auto check = [&](const SurveyResult& r) {
    EXPECT_NEAR(pillar(r, "P1").e_m, 585009.622509, 1e-3);
    EXPECT_NEAR(pillar(r, "P1").n_m, 4450427.568611, 1e-3);
    EXPECT_NEAR(pillar(r, "P2").e_m, 585848.131924, 1e-3);
    EXPECT_NEAR(pillar(r, "P2").n_m, 4451547.182600, 1e-3);
  };
  const auto r = survey_fixes(fixes, order_of({"P1", "P2"}), {}, o, d);
  check(r);
  EXPECT_EQ(r.operations.at("EPSG:4284"),
            "Pulkovo 1942 to WGS 84 (14), then axis order change (2D) + UTM zone 38N");
  EXPECT_EQ(d.items().back().code, "crs.datum_shift");
  // The same operation as the PROJ pipeline `projinfo -k operation EPSG:1808 -o PROJ` prints.
  o.transformation =
      "+proj=pipeline +step +proj=axisswap +order=2,1 +step +proj=unitconvert +xy_in=deg "
      "+xy_out=rad +step +proj=push +v_3 +step +proj=cart +ellps=krass +step +proj=helmert "
      "+x=686.1 +y=-123.5 +z=-574.4 +rx=8.045 +ry=-23.366 +rz=10.791 +s=-2.926 "
      "+convention=position_vector +step +inv +proj=cart +ellps=WGS84 +step +proj=pop +v_3 "
      "+step +proj=unitconvert +xy_in=rad +xy_out=deg +step +proj=axisswap +order=2,1";
  check(survey_fixes(fixes, order_of({"P1", "P2"}), {}, o, d));
  // Fixes already on the project datum do not use it.
  const auto same = survey_fixes(wgs, order_of({"P1", "P2"}), {}, o, d);
  EXPECT_EQ(same.operations.at("EPSG:4326"), "axis order change (2D) + UTM zone 38N");

  o.transformation = "EPSG:999999";
  EXPECT_EQ(headline_of([&] {
              survey_fixes(fixes, order_of({"P1", "P2"}), {}, o, d);
            }),
            "old_map.csv: error[crs.bad_transformation]: transformation 'EPSG:999999' is not "
            "known to PROJ as a coordinate operation, expected a PROJ coordinate operation: an "
            "operation code such as 'EPSG:1808' (candidates: projinfo -s SOURCE_CRS -t "
            "TARGET_CRS --summary), a PROJ pipeline string or the WKT of a coordinate operation");
  o.transformation = "EPSG:4326";
  EXPECT_EQ(headline_of([&] {
              survey_fixes(fixes, order_of({"P1", "P2"}), {}, o, d);
            }),
            "old_map.csv: error[crs.bad_transformation]: transformation 'EPSG:4326' is a CRS "
            "(WGS 84), not a coordinate operation, expected a PROJ coordinate operation: an "
            "operation code such as 'EPSG:1808' (candidates: projinfo -s SOURCE_CRS -t "
            "TARGET_CRS --summary), a PROJ pipeline string or the WKT of a coordinate operation");
  o.transformation = "EPSG:1188";  // NAD83 to WGS 84 (1): from another datum
  EXPECT_EQ(headline_of([&] {
              survey_fixes(fixes, order_of({"P1", "P2"}), {}, o, d);
            }),
            "old_map.csv: error[crs.bad_transformation]: transformation 'EPSG:1188' (NAD83 to "
            "WGS 84 (1)) starts from 'NAD83' (datum North American Datum 1983) but the fixes are "
            "on 'Pulkovo 1942' (datum Pulkovo 1942), expected an operation from their "
            "geographic CRS's datum");
}

TEST(Survey, SessionsCutAContinuousLog) {
  std::vector<Fix> fixes;
  for (int i = 0; i < 30; ++i) {
    Fix f = fix("log", 40.2 + (i >= 10 ? 0.01 : 0), 46.0 + (i >= 10 ? 0.01 : 0), 0.5,
                FixQuality::single, "log.nmea", i + 1);
    f.pillar_from_file_stem = true;
    f.time_utc_s = 1622541600.0 + i * 60;  // 10:00 + i minutes
    fixes.push_back(f);
  }
  std::vector<Session> sessions{{"P1", 1622541600.0, 1622541600.0 + 300, {"s.csv", 2, 1}},
                                {"P2", 1622541600.0 + 600, 1622541600.0 + 1200, {"s.csv", 3, 1}}};
  Diagnostics d;
  const auto r = survey_fixes(fixes, order_of({"P1", "P2"}), sessions, utm(), d);
  // [10:00, 10:05): minutes 0-4; [10:10, 10:20): minutes 10-19; 15 fixes in neither.
  EXPECT_EQ(pillar(r, "P1").n_fixes, 5u);
  EXPECT_EQ(pillar(r, "P2").n_fixes, 10u);
  EXPECT_NEAR(pillar(r, "P2").lat_deg, 40.21, 1e-12);
  EXPECT_EQ(r.files.at(0).n_unassigned, 15u);
  EXPECT_EQ(d.items().back().formatted(),
            "log.nmea: warning[survey.outside_sessions]: 15 of 30 fixes fall outside every "
            "session and are not used");
  fixes[3].time_utc_s.reset();
  EXPECT_EQ(headline_of([&] {
              survey_fixes(fixes, order_of({"P1", "P2"}), sessions, utm(), d);
            }),
            "log.nmea:4:1: error[input.no_time]: fix has no UTC date and time (no <time>), but a "
            "sessions table assigns fixes by time, expected timed fixes");
}

TEST(Survey, StraightAndGeodesicSegments) {
  std::vector<Fix> fixes{fix("P1", 40.2, 46.0), fix("P2", 40.21, 46.01), fix("P3", 40.205, 46.03)};
  Diagnostics d;
  SurveyOptions o = utm();
  o.segments = SegmentType::straight;
  const auto s = survey_fixes(fixes, order_of({"P1", "P2", "P3"}), {}, o, d);
  ASSERT_EQ(s.line.line.size(), 3u);
  EXPECT_EQ(s.line.segment_type,
            (std::vector<SegmentType>{SegmentType::straight, SegmentType::straight}));
  // cs2cs -f %.9f EPSG:4326 EPSG:32638 <<< "40.2 46.0" -> 585110.873429301 4450435.075796867
  EXPECT_NEAR(s.line.line[0].x, 585110.873429301, 1e-6);
  EXPECT_NEAR(s.line.line[0].y, 4450435.075796867, 1e-6);

  o.segments = SegmentType::geodesic;
  o.max_spacing_m = 100;
  const auto g = survey_fixes(fixes, order_of({"P1", "P2", "P3"}), {}, o, d);
  EXPECT_EQ(g.line.pillar_vertex.front(), 0u);
  EXPECT_EQ(g.line.pillar_vertex.back(), g.line.line.size() - 1);
  for (std::size_t i = 0; i < 3; ++i)
    EXPECT_EQ(g.line.line[g.line.pillar_vertex[i]], s.line.line[i]);
  double max_step = 0, max_sagitta = 0;
  for (std::size_t seg = 0; seg < 2; ++seg) {
    const Point2 a = s.line.line[seg], b = s.line.line[seg + 1];
    const double len = std::hypot(b.x - a.x, b.y - a.y);
    for (std::size_t v = g.line.pillar_vertex[seg]; v < g.line.pillar_vertex[seg + 1]; ++v) {
      const Point2 p = g.line.line[v], q = g.line.line[v + 1];
      max_step = std::max(max_step, std::hypot(q.x - p.x, q.y - p.y));
      max_sagitta = std::max(max_sagitta,
                             std::abs((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)) / len);
    }
  }
  EXPECT_LE(max_step, 100.0);  // UTM scale < 1 here: grid steps are shorter than geodesic ones
  EXPECT_GT(max_step, 90.0);
  EXPECT_GT(max_sagitta, 0.0);   // a geodesic is not straight in UTM ...
  EXPECT_LT(max_sagitta, 0.05);  // ... but within centimetres over ~2 km
}

TEST(Survey, LineFromPillarsRedrawsForMovedPillars) {
  std::vector<Fix> fixes{fix("P1", 40.2, 46.0), fix("P2", 40.21, 46.01), fix("P3", 40.205, 46.03)};
  Diagnostics d;
  SurveyOptions o = utm();
  o.max_spacing_m = 100;
  const auto r = survey_fixes(fixes, order_of({"P1", "P2", "P3"}), {}, o, d);
  std::vector<Point2> en;
  for (const auto& p : r.line.pillars) en.push_back(p.en());
  const Polyline same = line_from_pillars(en, r.line);
  ASSERT_EQ(same.size(), r.line.line.size());
  for (std::size_t i = 0; i < same.size(); ++i) {
    EXPECT_NEAR(same[i].x, r.line.line[i].x, 1e-8);
    EXPECT_NEAR(same[i].y, r.line.line[i].y, 1e-8);
  }
  // Move the pillars by about a metre; redraw the geodesics exactly with PROJ and compare.
  en[0].x += 1.0, en[1].y -= 0.7, en[2].x -= 0.4, en[2].y += 0.9;
  const Polyline moved = line_from_pillars(en, r.line);
  geo::GeographicProjection base(geo::base_geographic_crs("EPSG:32638"), "EPSG:32638");
  std::size_t v = 0;
  for (std::size_t seg = 0; seg < 2; ++seg) {
    const auto pts = geo::geodesic_points(base.target().ellipsoid, base.inverse(en[seg]),
                                          base.inverse(en[seg + 1]), 100);
    ASSERT_EQ(pts.size(), r.line.pillar_vertex[seg + 1] - r.line.pillar_vertex[seg] + 1);
    for (std::size_t k = seg == 0 ? 0 : 1; k < pts.size(); ++k, ++v) {
      const Point2 exact = base.forward(pts[k]);
      EXPECT_NEAR(moved[v].x, exact.x, 1e-5);
      EXPECT_NEAR(moved[v].y, exact.y, 1e-5);
    }
  }
  EXPECT_EQ(v, moved.size());
  EXPECT_EQ(headline_of([&] { line_from_pillars({en[0]}, r.line); }),
            "error[internal.bad_argument]: line_from_pillars got 1 pillar positions for a line "
            "of 3 pillars");
}

TEST(Survey, CoincidentPillarsAreRefused) {
  std::vector<Fix> fixes{fix("P1", 40.2, 46.0), fix("P2", 40.2, 46.0)};
  Diagnostics d;
  EXPECT_EQ(headline_of([&] {
              survey_fixes(fixes, order_of({"P1", "P2"}), {}, utm(), d);
            }),
            "ORDER.txt:2:1: error[geometry.degenerate_segment]: pillars 'P1' and 'P2' are at the "
            "same position (0 m apart), expected distinct consecutive pillars");
}

TEST(Survey, OptionsAreValidated) {
  SurveyOptions o = utm();
  o.uere_m = -1;
  EXPECT_EQ(headline_of([&] { o.validate(); }),
            "error[input.bad_option]: 'uere_m' is -1, expected a number > 0 m");
}

// Synthetic occupations: the truth is known, so every format must find it.
class SyntheticSurvey : public ::testing::Test {
 protected:
  std::vector<SyntheticPillar> truth{
      {"P1", 46.0, 40.2, 1500}, {"P2", 46.01, 40.21, 1510}, {"P3", 46.03, 40.205, 1490}};
};

TEST_F(SyntheticSurvey, DeterministicForASeed) {
  SyntheticOptions o;
  const auto a = synthetic_occupations(truth, o);
  const auto b = synthetic_occupations(truth, o);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].text, b[i].text) << a[i].name;
  o.seed = 2;
  const auto c = synthetic_occupations(truth, o);
  EXPECT_NE(a[0].text, c[0].text);
  EXPECT_EQ(a.size(), 3u * 2 + 5);
}

TEST_F(SyntheticSurvey, EveryFormatFindsTheTruthAndTheOutliers) {
  const SyntheticOptions so;
  const auto files = synthetic_occupations(truth, so);
  auto text = [&](const std::string& name) {
    for (const auto& f : files)
      if (f.name == name) return f.text;
    throw std::runtime_error("no synthetic file " + name);
  };
  const auto order = parse_order(text("ORDER.txt"), "ORDER.txt");
  const SurveyOptions o = utm();
  geo::GeographicProjection proj("EPSG:4326", "EPSG:32638");
  struct Case {
    std::string name;
    std::vector<Fix> fixes;
    std::vector<Session> sessions;
    std::size_t outliers;
  };
  std::vector<Case> cases;
  {
    Case c{"nmea", {}, {}, so.outliers_per_file};
    for (const auto& p : truth) {
      auto f = parse_nmea(text(p.name + ".nmea"), p.name + ".nmea");
      c.fixes.insert(c.fixes.end(), f.begin(), f.end());
    }
    cases.push_back(c);
  }
  {
    Case c{"pos", {}, {}, so.outliers_per_file};
    for (const auto& p : truth) {
      auto f = parse_rtklib_pos(text(p.name + ".pos"), p.name + ".pos", o);
      c.fixes.insert(c.fixes.end(), f.begin(), f.end());
    }
    cases.push_back(c);
  }
  cases.push_back({"csv", parse_fix_csv(text("pillars.csv"), "pillars.csv", o), {}, 0});
  cases.push_back({"continuous", parse_nmea(text("continuous.nmea"), "continuous.nmea"),
                   parse_sessions(text("sessions.csv"), "sessions.csv"), so.outliers_per_file});
  for (const auto& c : cases) {
    Diagnostics d;
    const auto r = survey_fixes(c.fixes, order, c.sessions, o, d);
    ASSERT_EQ(r.line.pillars.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
      const Pillar& p = r.line.pillars[i];
      const Point2 t = proj.forward({truth[i].lon_deg, truth[i].lat_deg});
      // Within 4.5 sd of the stated uncertainty (sd of the mean, or the 1e-4 m print
      // resolution of the synthetic coordinates, whichever is larger).
      const double tol_e = 4.5 * std::max(p.sd_e_m(), 1e-3),
                   tol_n = 4.5 * std::max(p.sd_n_m(), 1e-3);
      EXPECT_NEAR(p.e_m, t.x, tol_e) << c.name << " " << p.name;
      EXPECT_NEAR(p.n_m, t.y, tol_n) << c.name << " " << p.name;
      const auto it = p.rejected_by_reason.find("outlier");
      EXPECT_EQ(it == p.rejected_by_reason.end() ? 0u : it->second, c.outliers)
          << c.name << " " << p.name;
    }
  }
}

TEST_F(SyntheticSurvey, GeoJsonAndReportCarryThePillars) {
  std::vector<Fix> fixes{fix("P1", 40.2, 46.0), fix("P2", 40.21, 46.01)};
  Diagnostics d;
  const auto r = survey_fixes(fixes, order_of({"P1", "P2"}), {}, utm(), d);
  const auto gj = nlohmann::json::parse(line_geojson(r));
  EXPECT_EQ(gj["crs"]["properties"]["name"], "urn:ogc:def:crs:EPSG::32638");
  const auto& props = gj["features"][0]["properties"];
  EXPECT_EQ(props["kind"], "surveyed");
  EXPECT_EQ(props["pillars"].size(), 2u);
  EXPECT_EQ(props["pillars"][1]["pillar"], "P2");
  EXPECT_EQ(props["pillars"][1]["vertex"], r.line.line.size() - 1);
  EXPECT_EQ(props["segment_type"][0], "geodesic");
  EXPECT_EQ(gj["features"][0]["geometry"]["coordinates"].size(), r.line.line.size());
  const auto rep = survey_report(r, d);
  EXPECT_EQ(rep["options"]["uere_m"], 3.0);
  EXPECT_EQ(rep["pillars"][0]["n_used"], 1u);
  EXPECT_EQ(rep["pillars"][0]["uere_m"], 3.0);
  EXPECT_DOUBLE_EQ(rep["pillars"][0]["sd_e_m"].get<double>(), r.line.pillars[0].sd_e_m());
}
