// SPDX-License-Identifier: Apache-2.0
// Fix readers: NMEA 0183 GGA/RMC, RTKLIB .pos, GPX (OGR), CSV, order file and sessions.
// Oracles: the classic NMEA example sentences (checksums *47 / *6A as published with the
// sentence descriptions), checksums of new sentences computed by XOR of the characters
// between '$' and '*' (python: functools.reduce(lambda a, c: a ^ ord(c), s, 0)), epoch
// seconds from `date -u -d "1994-03-23 12:35:19" +%s` = 764426119, `date -u -d
// "2021-12-31 23:59:59" +%s` = 1640995199, `date -u -d "2021-06-01 10:00:00" +%s` =
// 1622541600; degrees-minutes by hand (48 + 7.038/60 = 48.1173).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "lodeline/survey/survey.hpp"
#include "support/error_of.hpp"

using namespace lodeline;
using namespace lodeline::survey;
namespace fs = std::filesystem;

namespace {

using lodeline::test::error_of;
using lodeline::test::headline_of;

fs::path temp_dir(const std::string& name) {
  const auto d = fs::temp_directory_path() / ("lodeline_survey_" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::string write(const fs::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
  return p.string();
}

const char* kGga = "$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47";
const char* kRmc = "$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A";

}  // namespace

TEST(Nmea, ClassicGgaAndRmc) {
  const auto fixes = parse_nmea(std::string(kGga) + "\r\n" + kRmc + "\r\n", "dir/A1.nmea");
  ASSERT_EQ(fixes.size(), 1u);
  const Fix& f = fixes[0];
  EXPECT_EQ(f.pillar, "A1");
  EXPECT_TRUE(f.pillar_from_file_stem);
  EXPECT_NEAR(f.lat_deg, 48.1173, 1e-12);
  EXPECT_NEAR(f.lon_deg, 11.0 + 31.0 / 60.0, 1e-12);
  EXPECT_EQ(f.quality, FixQuality::single);
  EXPECT_EQ(f.quality_code, "1");
  EXPECT_EQ(f.satellites.value(), 8);
  EXPECT_DOUBLE_EQ(f.hdop.value(), 0.9);
  EXPECT_DOUBLE_EQ(f.alt_msl_m.value(), 545.4);
  EXPECT_DOUBLE_EQ(f.geoid_sep_m.value(), 46.9);
  EXPECT_NEAR(f.h_m.value(), 592.3, 1e-9);
  EXPECT_DOUBLE_EQ(f.time_utc_s.value(), 764426119.0);
  EXPECT_EQ(f.location.str(), "dir/A1.nmea:1:1");
  EXPECT_TRUE(f.reader_reject.empty());
}

TEST(Nmea, TalkersQualitiesAndMidnight) {
  const std::string text =
      "$GNGGA,235959.50,4012.000000,N,04600.000000,E,4,12,0.7,1500.000,M,-20.000,M,1.0,0001*47\n"
      "$GNRMC,235959.50,A,4012.000000,N,04600.000000,E,0.0,0.0,311221,,,R*50\n"
      "$GLGGA,000000.50,4012.000060,N,04600.000000,E,5,12,0.7,1500.000,M,-20.000,M,1.0,0001*43\n"
      "$GPGGA,000001.00,4012.0000,S,04600.0000,W,6,05,2.0,10.0,M,0.0,M,,*66\n"
      "$GPGGA,000002.00,,,,,0,00,,,M,,M,,*4A\n";
  const auto fixes = parse_nmea(text, "P.nmea");
  ASSERT_EQ(fixes.size(), 4u);
  EXPECT_EQ(fixes[0].quality, FixQuality::rtk_fixed);
  EXPECT_DOUBLE_EQ(fixes[0].time_utc_s.value(), 1640995199.5);
  EXPECT_NEAR(fixes[0].h_m.value(), 1480.0, 1e-9);
  EXPECT_EQ(fixes[1].quality, FixQuality::rtk_float);
  // After midnight: the day rolls over from the nearest dated RMC (2021-12-31).
  EXPECT_DOUBLE_EQ(fixes[1].time_utc_s.value(), 1640995200.5);
  EXPECT_NEAR(fixes[1].lat_deg, 40.2 + 0.00006 / 60, 1e-12);
  EXPECT_EQ(fixes[2].quality, FixQuality::estimated);
  EXPECT_NEAR(fixes[2].lat_deg, -40.2, 1e-12);
  EXPECT_NEAR(fixes[2].lon_deg, -46.0, 1e-12);
  EXPECT_EQ(fixes[3].quality, FixQuality::invalid);
  EXPECT_EQ(fixes[3].reader_reject, "no_position");
}

TEST(Nmea, RmcVoidMarksTheEpoch) {
  const std::string text =
      "$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47\n"
      "$GPRMC,123519,V,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*7D\n";
  const auto fixes = parse_nmea(text, "P.nmea");
  ASSERT_EQ(fixes.size(), 1u);
  EXPECT_EQ(fixes[0].reader_reject, "rmc_void");
}

TEST(Nmea, BadChecksumRefusedAtItsColumn) {
  std::string bad = kGga;
  bad.replace(bad.find("545.4"), 5, "545.5");
  EXPECT_EQ(headline_of([&] { parse_nmea("$GPGSV,1,1,00*79\n" + bad + "\n", "log/P1.nmea"); }),
            "log/P1.nmea:2:63: error[input.nmea_checksum]: GPGGA checksum is *47 but the "
            "sentence's characters give *46, expected a matching checksum (corrupted or "
            "truncated sentence)");
}

TEST(Nmea, TruncatedSentencesRefused) {
  EXPECT_EQ(headline_of([] { parse_nmea("$GPGGA,123519,4807.038,N,0113\n", "t.nmea"); }),
            "t.nmea:1:30: error[input.bad_nmea]: GPGGA sentence ends without a checksum '*hh' "
            "(truncated?), expected $GPGGA,...*hh");
  EXPECT_EQ(
      headline_of([&] { parse_nmea(std::string("$GPGGA,123519,48") + kRmc + "\n", "t.nmea"); }),
      "t.nmea:1:17: error[input.bad_nmea]: a second '$' at column 17: a truncated sentence "
      "runs into the next, expected one complete sentence per line");
  // Correct checksum over a sentence cut short: the field count is checked.
  EXPECT_EQ(
      headline_of([] { parse_nmea("$GPGGA,123519,4807.038,N,01131.000,E,1,08*77\n", "t.nmea"); }),
      "t.nmea:1:1: error[input.bad_nmea]: GPGGA sentence has 7 fields, expected 14 (NMEA "
      "0183 v4: time, lat, N/S, lon, E/W, quality, satellites, HDOP, altitude, M, geoid "
      "separation, M, age, station)");
  EXPECT_EQ(headline_of([] { parse_nmea("garbage\n", "t.nmea"); }),
            "t.nmea:1:1: error[input.bad_nmea]: line is not an NMEA sentence ('garbage'), "
            "expected a sentence starting with '$'");
  EXPECT_EQ(headline_of([] { parse_nmea("$GPGSV,1,1,00*79\n", "t.nmea"); }),
            "t.nmea: error[input.empty_file]: NMEA file holds no GGA or RMC sentence, expected "
            "$--GGA (and $--RMC) sentences of an occupation");
}

TEST(Nmea, AllErrorsOfTheFileAreCounted) {
  try {
    parse_nmea("$GPGGA,1*00\n$GPGGA,2*00\n$GPGGA,3*00\n", "t.nmea");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.total, 3u);
    EXPECT_EQ(e.code(), "input.nmea_checksum");
  }
}

// RTKLIB .pos: hand-written solution lines (RTKLIB manual, Appendix B layout).
const char* kPosHeader =
    "% program   : RTKPOST ver.2.4.3\n"
    "% (lat/lon/height=WGS84/ellipsoidal,Q=1:fix,2:float,3:sbas,4:dgps,5:single,6:ppp,ns=# of "
    "satellites)\n"
    "%  GPST                  latitude(deg) longitude(deg)  height(m)   Q  ns   sdn(m)   "
    "sde(m)   sdu(m)  sdne(m)  sdeu(m)  sdun(m) age(s)  ratio\n";

TEST(RtklibPos, DegreesLayoutGpstAndSignedCovariance) {
  const std::string text = std::string(kPosHeader) +
                           "2021/06/01 10:00:18.000   40.200000000   46.000000000  1500.0000   1  "
                           "12   0.0040   0.0030   0.0100  -0.0020   0.0000   0.0000   0.00    "
                           "5.2\n"
                           "2021/06/01 10:00:19.000   40.200000100   46.000000100  1500.0100   2  "
                           "11   0.2000   0.1000   0.3000   0.0500   0.0000   0.0000   0.00    "
                           "1.1\n";
  SurveyOptions o;
  const auto fixes = parse_rtklib_pos(text, "occ/B2.pos", o);
  ASSERT_EQ(fixes.size(), 2u);
  EXPECT_EQ(fixes[0].pillar, "B2");
  EXPECT_EQ(fixes[0].quality, FixQuality::rtk_fixed);
  EXPECT_EQ(fixes[1].quality, FixQuality::rtk_float);
  // GPST is 18 s ahead of UTC: 10:00:18 GPST = 10:00:00 UTC.
  EXPECT_DOUBLE_EQ(fixes[0].time_utc_s.value(), 1622541600.0);
  EXPECT_DOUBLE_EQ(fixes[0].sd_n_m.value(), 0.004);
  EXPECT_DOUBLE_EQ(fixes[0].sd_e_m.value(), 0.003);
  // sdne = sign(c) sqrt(|c|): -0.0020 -> c = -4e-6 m2.
  EXPECT_NEAR(fixes[0].cov_en_m2.value(), -4e-6, 1e-18);
  EXPECT_NEAR(fixes[1].cov_en_m2.value(), 0.0025, 1e-15);
  EXPECT_DOUBLE_EQ(fixes[0].h_m.value(), 1500.0);
  EXPECT_EQ(fixes[0].satellites.value(), 12);
  EXPECT_EQ(fixes[0].location.str(), "occ/B2.pos:4:1");
}

TEST(RtklibPos, DmsLayoutUtcAndWeekTow) {
  const std::string dms =
      "% (lat/lon/height=WGS84/ellipsoidal,Q=1:fix,2:float,3:sbas,4:dgps,5:single,6:ppp)\n"
      "%  UTC                   latitude(d'\")   longitude(d'\")  height(m)   Q  ns   sdn(m)   "
      "sde(m)   sdu(m)  sdne(m)  sdeu(m)  sdun(m) age(s)  ratio\n"
      "2021/06/01 10:00:00.000  40 12 00.00000  -46 00 36.00000  1500.0000   1  12   0.0040   "
      "0.0030   0.0100   0.0000   0.0000   0.0000   0.00    5.2\n";
  const auto f = parse_rtklib_pos(dms, "x.pos", {});
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NEAR(f[0].lat_deg, 40.2, 1e-12);
  EXPECT_NEAR(f[0].lon_deg, -46.01, 1e-12);
  EXPECT_DOUBLE_EQ(f[0].time_utc_s.value(), 1622541600.0);  // UTC: no leap-second shift
  // GPS week 2160, tow 208818 s = 2021-06-01 10:00:18 GPST (1980-01-06 + 2160 weeks is
  // 2021-05-30, a Sunday; + 2 days 10:00:18).
  const std::string week = std::string(kPosHeader) +
                           "2160 208818.000   40.200000000   46.000000000  1500.0000   5  12   "
                           "1.0   1.0   2.0   0.0   0.0   0.0   0.00    0.0\n";
  const auto w = parse_rtklib_pos(week, "x.pos", {});
  EXPECT_DOUBLE_EQ(w[0].time_utc_s.value(), 1622541600.0);
  EXPECT_EQ(w[0].quality, FixQuality::single);
}

TEST(RtklibPos, EcefLayoutRotatesTheCovariance) {
  // cs2cs +proj=longlat +ellps=WGS84 +to +proj=cart +ellps=WGS84 -f %.6f <<< "46 40.2 1500"
  //   -> 3389619.589857 3510053.837516 4095940.597423
  const std::string text =
      "% (x/y/z-ecef=WGS84,Q=1:fix,2:float,3:sbas,4:dgps,5:single,6:ppp,ns=# of satellites)\n"
      "%  GPST                   x-ecef(m)      y-ecef(m)      z-ecef(m)   Q  ns   sdx(m)   "
      "sdy(m)   sdz(m)  sdxy(m)  sdyz(m)  sdzx(m) age(s)  ratio\n"
      "2021/06/01 10:00:18.000  3389619.589857  3510053.837516  4095940.597423   1  10   0.0000 "
      "  0.0000   0.0100   0.0000   0.0000   0.0000   0.00    9.9\n";
  const auto f = parse_rtklib_pos(text, "x.pos", {});
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NEAR(f[0].lon_deg, 46.0, 1e-9);
  EXPECT_NEAR(f[0].lat_deg, 40.2, 1e-9);
  EXPECT_NEAR(f[0].h_m.value(), 1500.0, 1e-5);
  // Only a Z variance: north picks up cos(lat)^2 of it, east nothing, no E/N covariance.
  const double c = std::cos(40.2 * M_PI / 180);
  EXPECT_NEAR(f[0].sd_e_m.value(), 0.0, 1e-12);
  EXPECT_NEAR(f[0].sd_n_m.value(), 0.01 * c, 1e-12);
  EXPECT_NEAR(f[0].cov_en_m2.value(), 0.0, 1e-18);
}

TEST(RtklibPos, BadInputRefused) {
  const std::string h = kPosHeader;
  EXPECT_EQ(headline_of([&] {
              parse_rtklib_pos(h + "2021/06/01 10:00:18.000 40.2 46.0 1500 7 12 0.1 0.1 0.1 0 0 0 "
                                   "0 0\n",
                               "x.pos", {});
            }),
            "x.pos:4:40: error[input.bad_pos]: Q '7' is not 1-6, expected 1 fix, 2 float, 3 sbas, "
            "4 dgps, 5 single, 6 ppp");
  EXPECT_EQ(headline_of([&] {
              parse_rtklib_pos(h + "2021/06/01 10:00:18.000 40.2 46.0 1500 1\n", "x.pos", {});
            }),
            "x.pos:4:1: error[input.bad_pos]: solution line has 6 values, expected 15 as the "
            "legend at line 3 says");
  EXPECT_EQ(headline_of([] {
              parse_rtklib_pos("%  GPST   e-baseline(m) n-baseline(m) u-baseline(m) Q ns\n",
                               "x.pos", {});
            }),
            "x.pos:1:11: error[input.bad_pos]: position columns 'e-baseline(m)' are not "
            "supported, expected latitude(deg)/longitude(deg)/height(m), latitude(d'\")/"
            "longitude(d'\") or x-ecef(m)/y-ecef(m)/z-ecef(m) (e/n/u baselines need the base "
            "position)");
  EXPECT_EQ(
      headline_of([] { parse_rtklib_pos("2021/06/01 10:00:18.000 40.2 46.0\n", "x.pos", {}); }),
      "x.pos:1:1: error[input.bad_pos]: solution line before the column legend, expected "
      "RTKLIB's header ending with a line such as '%  GPST  latitude(deg) longitude(deg) "
      "height(m)  Q  ns  sdn(m) ...' (output with header on)");
  EXPECT_EQ(headline_of([&] { parse_rtklib_pos(h, "x.pos", {}); }),
            "x.pos: error[input.empty_file]: RTKLIB solution file holds no solution line, "
            "expected lines after the '%' header");
}

TEST(Gpx, WaypointsAndTrackPointsWithLocations) {
  const auto d = temp_dir("gpx");
  const auto path = write(d / "walk.gpx", R"(<?xml version="1.0"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
  <!-- <wpt lat="0" lon="0"> in a comment is not a point -->
  <wpt lat="40.2" lon="46.0"><ele>1520.0</ele><time>2021-06-01T10:00:00Z</time>
    <geoidheight>-20.0</geoidheight><name>P1</name><fix>dgps</fix><sat>7</sat>
    <hdop>0.9</hdop><vdop>1.4</vdop><pdop>1.7</pdop></wpt>
  <wpt lat="40.3" lon="46.1"><fix>none</fix></wpt>
  <trk><trkseg>
    <trkpt lat="40.21" lon="46.01"><time>2021-06-01T10:00:01.500Z</time><fix>3d</fix></trkpt>
  </trkseg></trk>
</gpx>
)");
  const auto fixes = read_gpx(path);
  ASSERT_EQ(fixes.size(), 3u);
  EXPECT_EQ(fixes[0].pillar, "P1");
  EXPECT_FALSE(fixes[0].pillar_from_file_stem);
  EXPECT_EQ(fixes[0].location.str(), path + ":4:3");
  EXPECT_DOUBLE_EQ(fixes[0].lat_deg, 40.2);
  EXPECT_DOUBLE_EQ(fixes[0].lon_deg, 46.0);
  EXPECT_DOUBLE_EQ(fixes[0].h_m.value(), 1500.0);
  EXPECT_DOUBLE_EQ(fixes[0].time_utc_s.value(), 1622541600.0);
  EXPECT_EQ(fixes[0].quality, FixQuality::dgps);
  EXPECT_EQ(fixes[0].satellites.value(), 7);
  EXPECT_DOUBLE_EQ(fixes[0].hdop.value(), 0.9);
  EXPECT_DOUBLE_EQ(fixes[0].vdop.value(), 1.4);
  EXPECT_DOUBLE_EQ(fixes[0].pdop.value(), 1.7);
  EXPECT_EQ(fixes[1].pillar, "walk");  // unnamed waypoint: the file stem
  EXPECT_EQ(fixes[1].quality, FixQuality::invalid);
  EXPECT_EQ(fixes[1].location.str(), path + ":7:3");
  EXPECT_EQ(fixes[2].pillar, "walk");
  EXPECT_TRUE(fixes[2].pillar_from_file_stem);
  EXPECT_EQ(fixes[2].quality, FixQuality::single);
  EXPECT_EQ(fixes[2].location.str(), path + ":9:5");
  EXPECT_DOUBLE_EQ(fixes[2].time_utc_s.value(), 1622541601.5);
}

TEST(Gpx, EmptyAndBadFilesRefused) {
  const auto d = temp_dir("gpx_bad");
  const auto empty = write(d / "empty.gpx",
                           "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" creator=\"t\" "
                           "xmlns=\"http://www.topografix.com/GPX/1/1\">\n</gpx>\n");
  EXPECT_EQ(headline_of([&] { read_gpx(empty); }),
            empty +
                ": error[input.empty_file]: GPX file holds no waypoint, route point or track "
                "point, expected at least one <wpt>, <rtept> or <trkpt> element");
  const auto zero = write(d / "zero.gpx", "");
  EXPECT_EQ(headline_of([&] { read_gpx(zero); }),
            zero +
                ": error[input.empty_file]: GPX file holds no waypoint, route point or track "
                "point, expected at least one <wpt>, <rtept> or <trkpt> element");
  const auto badfix = write(d / "b.gpx",
                            "<gpx version=\"1.1\" creator=\"t\" "
                            "xmlns=\"http://www.topografix.com/GPX/1/1\">\n<wpt lat=\"40\" "
                            "lon=\"46\"><fix>4d</fix></wpt>\n</gpx>\n");
  EXPECT_EQ(headline_of([&] { read_gpx(badfix); }),
            badfix +
                ":2:1: error[input.bad_gpx]: <fix> '4d' of waypoint 1, expected none, 2d, "
                "3d, dgps or pps");
  // Later points keep their own line:col (one line index for the file, not a scan per point).
  const auto late = write(d / "late.gpx",
                          "<gpx version=\"1.1\" creator=\"t\" "
                          "xmlns=\"http://www.topografix.com/GPX/1/1\">\n"
                          "<wpt lat=\"40\" lon=\"46\"/> <wpt lat=\"40\" lon=\"46\"/>\n"
                          "<trk><trkseg>\n  <trkpt lat=\"40\" lon=\"46\"/>\n"
                          "  <trkpt lat=\"40\" lon=\"46\"><hdop>0</hdop></trkpt>\n"
                          "</trkseg></trk>\n  <wpt lat=\"40\" lon=\"46\"><fix>4d</fix></wpt>\n"
                          "</gpx>\n");
  EXPECT_EQ(error_of([&] { read_gpx(late); }),
            late +
                ":7:3: error[input.bad_gpx]: <fix> '4d' of waypoint 3, expected none, 2d, 3d, "
                "dgps or pps\n" +
                late +
                ":5:3: error[input.bad_gpx]: <hdop> 0 of track point 2 is not positive, "
                "expected > 0");
}

TEST(FixCsv, ColumnsSigmasAndErrors) {
  SurveyOptions o;
  const auto f = parse_fix_csv(
      "pillar,lat,lon,h,sd_e_m,sd_n_m,cov_en_m2\nP1,40.2,46.0,1500,0.05,0.04,0.001\n", "p.csv", o);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].pillar, "P1");
  EXPECT_EQ(f[0].quality, FixQuality::given);
  EXPECT_EQ(f[0].crs, "EPSG:4326");
  EXPECT_DOUBLE_EQ(f[0].sd_e_m.value(), 0.05);
  EXPECT_DOUBLE_EQ(f[0].cov_en_m2.value(), 0.001);
  const auto c =
      parse_fix_csv("name,latitude,longitude,cov_ee_m2,cov_nn_m2\nQ,40,46,0.04,0.09\n", "p.csv", o);
  EXPECT_DOUBLE_EQ(c[0].sd_e_m.value(), 0.2);
  EXPECT_DOUBLE_EQ(c[0].sd_n_m.value(), 0.3);
  EXPECT_EQ(headline_of([&] { parse_fix_csv("pillar,lat,lon\nP1,46.0,200\n", "p.csv", o); }),
            "p.csv:2:9: error[input.bad_csv]: longitude 200 is outside -180..180 degrees");
  EXPECT_EQ(headline_of([&] {
              parse_fix_csv("pillar,lat,lon,sd_e_m,sd_n_m,cov_en_m2\nP1,40,46,0.1,0.1,0.011\n",
                            "p.csv", o);
            }),
            "p.csv:2:18: error[input.bad_csv]: covariance 0.011 m2 is not below sd_e * sd_n = "
            "0.010000000000000002 m2, expected a positive definite 2x2 covariance");
}

TEST(Order, NamesCommentsAndErrors) {
  const auto o =
      parse_order("# pillars along the line\nP1\n  P2   # turning point\n\nP3\n", "O.txt");
  ASSERT_EQ(o.names, (std::vector<std::string>{"P1", "P2", "P3"}));
  EXPECT_EQ(o.locations[1].str(), "O.txt:3:3");
  EXPECT_EQ(headline_of([] { parse_order("P1\nP2\nP1\n", "O.txt"); }),
            "O.txt:3:1: error[input.duplicate_pillar]: pillar 'P1' is listed again (first at "
            "line 1), expected each pillar once");
  EXPECT_EQ(headline_of([] { parse_order("# only\nP1\n", "O.txt"); }),
            "O.txt: error[input.bad_order]: the order file lists 1 pillar, expected at least 2 "
            "pillar names, one per line");
}

TEST(Sessions, TimesAndOverlaps) {
  const auto s = parse_sessions(
      "pillar,start,end\nP1,2021-06-01T10:00:00Z,2021-06-01T10:10:00Z\n"
      "P2,2021-06-01 13:20:00+03:00,2021-06-01T10:30:00.5Z\n",
      "s.csv");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_DOUBLE_EQ(s[0].start_utc_s, 1622541600.0);
  EXPECT_DOUBLE_EQ(s[1].start_utc_s, 1622541600.0 + 1200);
  EXPECT_DOUBLE_EQ(s[1].end_utc_s, 1622541600.0 + 1800.5);
  EXPECT_EQ(headline_of([] {
              parse_sessions(
                  "pillar,start,end\nP1,2021-06-01T10:00:00Z,2021-06-01T10:10:00Z\n"
                  "P2,2021-06-01T10:05:00Z,2021-06-01T10:20:00Z\n",
                  "s.csv");
            }),
            "s.csv:3:1: error[input.bad_sessions]: session of 'P2' overlaps the session of 'P1' "
            "(line 2), expected sessions that do not overlap in time");
  EXPECT_EQ(headline_of([] {
              parse_sessions("pillar,start,end\nP1,10:00,2021-06-01T10:10:00Z\n", "s.csv");
            }),
            "s.csv:2:4: error[input.bad_time]: '10:00' is not a time, expected ISO 8601 UTC such "
            "as 2021-06-01T10:00:00Z");
}
