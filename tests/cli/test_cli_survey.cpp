// SPDX-License-Identifier: Apache-2.0
// `lodeline survey`: four formats -> GeoJSON read back by the border line loader, the report,
// and every bad input with its exact message and exit status (no output left behind).
// Pillar positions: fixtures symmetric about true positions whose projections are cs2cs
// numbers (tests/data/survey/README.md).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_harness.hpp"
#include "lodeline/border/scenario.hpp"
#include "lodeline/io/text_file.hpp"
#include "lodeline/survey/synthetic.hpp"

using namespace lodeline;
using lodeline::test::run_lodeline;
namespace fs = std::filesystem;

namespace {

const std::string kData = std::string(LODELINE_TEST_DATA) + "/survey/";

fs::path temp_dir(const std::string& name) {
  const auto d = fs::temp_directory_path() / ("lodeline_cli_survey_" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::vector<std::string> base_args(const fs::path& out) {
  return {"survey",
          "--fixes",
          kData + "A1.nmea",
          kData + "B2.pos",
          kData + "waypoints.gpx",
          kData + "pillars.csv",
          "--order",
          kData + "ORDER.txt",
          "--crs",
          "EPSG:32638",
          "--out",
          (out / "line.geojson").string(),
          "--report",
          (out / "survey.json").string()};
}

struct Expected {
  const char* name;
  double e, n;
};
// cs2cs -f %.9f EPSG:4326 EPSG:32638 (see tests/data/survey/README.md)
constexpr Expected kPillars[] = {{"A1", 585110.873429301, 4450435.075796867},
                                 {"B2", 585955.681373022, 4450999.698068300},
                                 {"C3", 586374.864495547, 4451559.538487906},
                                 {"D4", 587644.921294795, 4452129.233506569}};

}  // namespace

TEST(CliSurvey, FourFormatsToALineTheLoaderReads) {
  const auto d = temp_dir("ok");
  const auto r = run_lodeline(base_args(d));
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_NE(r.out.find("4 pillars, 3 geodesic segments"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("A1: E 585110.873 N 4450435.076"), std::string::npos) << r.out;

  const auto report = nlohmann::json::parse(io::read_text((d / "survey.json").string()));
  ASSERT_EQ(report["pillars"].size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) {
    const auto& p = report["pillars"][i];
    EXPECT_EQ(p["pillar"], kPillars[i].name);
    EXPECT_NEAR(p["e_m"].get<double>(), kPillars[i].e, 1e-6) << kPillars[i].name;
    EXPECT_NEAR(p["n_m"].get<double>(), kPillars[i].n, 1e-6) << kPillars[i].name;
  }
  const auto& a1 = report["pillars"][0];
  EXPECT_EQ(a1["n_fixes"], 6);
  EXPECT_EQ(a1["n_used"], 4);
  EXPECT_EQ(a1["rejected_by_reason"]["outlier"], 1);
  EXPECT_EQ(a1["rejected_by_reason"]["no_position"], 1);
  EXPECT_EQ(a1["uere_m"], 3.0);
  // HDOP 0.9 x UERE 3 / sqrt(2) per axis, 4 equal fixes, variance factor < 1 (not scaled):
  // sd of the mean in local metres = 1.909 / 2; times the UTM scale 0.99968917 (proj -V).
  EXPECT_NEAR(a1["local_cov_ee_m2"].get<double>(), 0.9 * 0.9 * 9 / 2 / 4, 1e-12);
  EXPECT_NEAR(a1["sd_e_m"].get<double>(), 0.99968917 * 0.9 * 3 / std::sqrt(2.0) / 2, 1e-7);
  const auto& b2 = report["pillars"][1];
  EXPECT_EQ(b2["rejected_by_reason"]["single_when_better"], 1);
  EXPECT_EQ(b2["n_used"], 3);
  EXPECT_EQ(report["options"]["reject_qualities"],
            nlohmann::json::array({"invalid", "estimated", "manual", "simulated"}));
  EXPECT_EQ(report["segments"].size(), 3u);

  // The border line loader reads the output back, vertex for vertex.
  const auto gj = nlohmann::json::parse(io::read_text((d / "line.geojson").string()));
  const auto& coords = gj["features"][0]["geometry"]["coordinates"];
  border::Scenario s;
  s.name = "surveyed";
  s.file = (d / "line.geojson").string();
  Diagnostics diag;
  border::load_line(s, "EPSG:32638", diag);
  ASSERT_EQ(s.line.size(), coords.size());
  for (std::size_t i = 0; i < coords.size(); ++i) {
    EXPECT_EQ(s.line[i].x, coords[i][0].get<double>());
    EXPECT_EQ(s.line[i].y, coords[i][1].get<double>());
  }
  EXPECT_NEAR(s.line.front().x, kPillars[0].e, 1e-6);
  EXPECT_NEAR(s.line.back().y, kPillars[3].n, 1e-6);
  EXPECT_TRUE(diag.items().empty());
  EXPECT_NE(s.source_crs.find("32638"), std::string::npos);

  // Straight segments: exactly the four pillars.
  auto args = base_args(d);
  args.insert(args.end(), {"--segments", "straight"});
  ASSERT_EQ(run_lodeline(args).rc, 0);
  border::load_line(s, "EPSG:32638", diag);
  EXPECT_EQ(s.line.size(), 4u);
}

TEST(CliSurvey, SyntheticOccupationsThroughTheCommandLine) {
  const auto d = temp_dir("synthetic");
  const std::vector<survey::SyntheticPillar> truth{{"P1", 46.0, 40.2, 1500},
                                                   {"P2", 46.01, 40.21, 1510}};
  for (const auto& f : survey::synthetic_occupations(truth, {}))
    io::write_file_atomic((d / f.name).string(), f.text);
  const auto r = run_lodeline({"survey", "--fixes", (d / "continuous.nmea").string(), "--sessions",
                               (d / "sessions.csv").string(), "--order", (d / "ORDER.txt").string(),
                               "--crs", "EPSG:32638", "--out", (d / "l.geojson").string()});
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_NE(r.err.find("warning[survey.outside_sessions]: 5 of 245 fixes fall outside every "
                       "session and are not used"),
            std::string::npos)
      << r.err;
  const auto g = run_lodeline({"survey", "--fixes", (d / "waypoints.gpx").string(), "--order",
                               (d / "ORDER.txt").string(), "--crs", "EPSG:32638", "--out",
                               (d / "g.geojson").string()});
  ASSERT_EQ(g.rc, 0) << g.err;
  EXPECT_NE(g.out.find("P1:"), std::string::npos);
}

TEST(CliSurvey, BadInputStopsWithItsMessageAndNoOutput) {
  const auto d = temp_dir("bad");
  const std::string out = (d / "line.geojson").string();
  auto run = [&](std::vector<std::string> fixes, const std::string& order,
                 std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"survey", "--fixes"};
    for (auto& f : fixes) args.push_back(kData + f);
    args.insert(args.end(), {"--order", kData + order, "--out", out});
    if (extra.empty() || extra[0] != "--crs") args.insert(args.end(), {"--crs", "EPSG:32638"});
    args.insert(args.end(), extra.begin(), extra.end());
    return run_lodeline(args);
  };
  struct Case {
    std::vector<std::string> fixes;
    std::string order;
    std::vector<std::string> extra;
    int rc;
    std::string err;
  };
  const std::vector<Case> cases{
      {{"bad_checksum.nmea"},
       "ORDER.txt",
       {},
       3,
       kData + "bad_checksum.nmea:2:78: error[input.nmea_checksum]: GPGGA checksum is *70 but "
               "the sentence's characters give *71, expected a matching checksum (corrupted or "
               "truncated sentence)\n"},
      {{"truncated.nmea"},
       "ORDER.txt",
       {},
       3,
       kData + "truncated.nmea:2:41: error[input.bad_nmea]: GPGGA sentence ends without a "
               "checksum '*hh' (truncated?), expected $GPGGA,...*hh\n"},
      {{"empty.gpx"},
       "ORDER.txt",
       {},
       3,
       kData + "empty.gpx: error[input.empty_file]: GPX file holds no waypoint, route point or "
               "track point, expected at least one <wpt>, <rtept> or <trkpt> element\n"},
      {{"A1.nmea", "B2.pos"},
       "ORDER_missing.txt",
       {},
       3,
       kData + "ORDER_missing.txt:3:1: error[input.pillar_not_found]: pillar 'Z9' has no fix in "
               "the 2 input files (pillars found: A1, B2), expected fixes for it: a GPX "
               "waypoint <name>, a file named after it, a sessions row or a CSV row\n"},
      {{"A1.nmea", "B2.pos"},
       "ORDER_missing.txt",
       {"--crs", "EPSG:999999"},
       4,
       "error[crs.unknown]: CRS 'EPSG:999999' is not known to PROJ, expected an EPSG code such "
       "as 'EPSG:32638', a WKT or a PROJ string\n"},
      {{"A1.nmea", "B2.pos", "waypoints.gpx", "pillars.csv"},
       "ORDER.txt",
       {"--csv-crs", "EPSG:4284"},
       4,
       kData + "pillars.csv: error[crs.datum_mismatch]: 'Pulkovo 1942' is on datum Pulkovo "
               "1942 but the project CRS 'WGS 84 / UTM zone 38N' is on datum World Geodetic "
               "System 1984; a datum shift of up to hundreds of metres would be applied, "
               "expected the same datum, --transformation <PROJ operation> or "
               "--allow-datum-shift\n"},
      {{"A1.nmea", "B2.pos", "waypoints.gpx", "pillars.csv"},
       "ORDER.txt",
       {"--reject-quality", "invalid,single"},
       3,
       kData +
           "ORDER.txt:2:1: error[input.pillar_no_valid_fix]: pillar 'A1': all 6 fixes were "
           "rejected (no_position 1, quality_single 5), expected at least one usable fix "
           "(see the quality options --reject-quality, --min-satellites)\n" +
           kData +
           "ORDER.txt:4:1: error[input.pillar_no_valid_fix]: pillar 'C3': all 4 fixes "
           "were rejected (quality_single 4), expected at least one usable fix (see the "
           "quality options --reject-quality, --min-satellites)\n"},
      {{"A1.nmea"},
       "ORDER.txt",
       {"--reject-quality", "bogus"},
       2,
       "error[usage.bad_option]: --reject-quality 'bogus' is not a fix quality, expected "
       "invalid, single, dgps, sbas, pps, rtk_float, rtk_fixed, ppp, estimated, manual, "
       "simulated or unknown\n"},
      {{"A1.nmea"},
       "ORDER.txt",
       {"--uere-m", "0"},
       2,
       "error[usage.bad_option]: '--uere-m' is 0, expected a number > 0 m\n"},
  };
  for (const auto& c : cases) {
    const auto r = run(c.fixes, c.order, c.extra);
    EXPECT_EQ(r.rc, c.rc) << c.err;
    EXPECT_EQ(r.err, c.err);
    EXPECT_FALSE(fs::exists(out)) << c.err;
  }
  // With the datum shift allowed, the Pulkovo 1942 pillar moves by about 100 m and a warning
  // names the transformation.
  const auto shifted = run({"A1.nmea", "B2.pos", "waypoints.gpx", "pillars.csv"}, "ORDER.txt",
                           {"--csv-crs", "EPSG:4284", "--allow-datum-shift"});
  EXPECT_EQ(shifted.rc, 0) << shifted.err;
  EXPECT_NE(shifted.err.find("warning[crs.datum_shift]"), std::string::npos);
  EXPECT_NE(shifted.err.find("Pulkovo 1942 to WGS 84"), std::string::npos);
  // A named transformation is used as given (and needs no --allow-datum-shift).
  const auto named = run({"A1.nmea", "B2.pos", "waypoints.gpx", "pillars.csv"}, "ORDER.txt",
                         {"--csv-crs", "EPSG:4284", "--transformation", "EPSG:1808"});
  EXPECT_EQ(named.rc, 0) << named.err;
  EXPECT_NE(named.err.find(
                "(Pulkovo 1942 to WGS 84 (14), then axis order change (2D) + UTM zone 38N) (named: "
                "'EPSG:1808')"),
            std::string::npos)
      << named.err;
  const auto bad = run({"A1.nmea", "B2.pos", "waypoints.gpx", "pillars.csv"}, "ORDER.txt",
                       {"--csv-crs", "EPSG:4284", "--transformation", "EPSG:4326"});
  EXPECT_EQ(bad.rc, 4) << bad.err;
  EXPECT_NE(bad.err.find("error[crs.bad_transformation]: transformation 'EPSG:4326' is a CRS"),
            std::string::npos)
      << bad.err;
}
