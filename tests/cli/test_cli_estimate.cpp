// SPDX-License-Identifier: Apache-2.0
// `lodeline estimate`: the CSV/JSON contract, gstat numbers through the CLI, and every
// bad-input message with its file:line:col.
//
// Oracle for the numeric cases: tests/data/krige/meuse2d (R gstat 2.1.0, see its README);
// tolerances 1e-9 relative (point) and 1e-6 (block), n_samples exact.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

#include "cli_harness.hpp"
#include "lodeline/io/csv.hpp"

namespace fs = std::filesystem;
using lodeline::io::CsvTable;
using lodeline::test::run_lodeline;

namespace {

const std::string kMeuse = std::string(LODELINE_TEST_DATA) + "/krige/meuse2d";

class Estimate : public lodeline::test::TempFolderTest {
 protected:
  void SetUp() override {
    TempFolderTest::SetUp();
    // Targets in the CLI form id,x,y (from the gstat target list).
    const auto t = CsvTable::read(kMeuse + "/targets.csv");
    std::string csv = "id,x,y\n";
    for (const auto& row : t.rows())
      csv += row.fields[0].text + "," + row.fields[1].text + "," + row.fields[2].text + "\n";
    put("T.csv", csv);
  }
  lodeline::test::CliResult estimate(const std::string& samples, const std::string& targets,
                                     const std::string& params) {
    return run_lodeline({"estimate", "--samples", samples, "--targets", targets, "--params", params,
                         "--out", path("OUT.csv")});
  }
};

const std::string kIso =
    R"("variogram": {"nugget": 0.0507, "structures": [{"type": "spherical", "sill": 0.5906,
                   "ranges": [897, 897, 897]}]})";

struct Ref {
  std::string est, var;
  long n;
};

std::map<std::string, Ref> read_ref(const std::string& file) {
  const auto t = CsvTable::read(file);
  const auto var = t.find_column({"var", "variance"});
  const auto n = t.require_column({"n_used", "n_samples"}, "n");
  std::map<std::string, Ref> out;
  for (const auto& row : t.rows())
    out[row.fields[0].text] = {row.fields[1].text, var ? row.fields[*var].text : "",
                               static_cast<long>(t.integer(row, n))};
  return out;
}

void compare(const std::string& ours, const std::string& gstat, double tol) {
  const auto a = read_ref(ours), b = read_ref(gstat);
  ASSERT_EQ(a.size(), b.size());
  for (const auto& [id, g] : b) {
    const Ref& r = a.at(id);
    EXPECT_EQ(r.n, g.n) << id;
    if (g.est == "NA") {
      EXPECT_EQ(r.est, "") << id;
      continue;
    }
    const double ge = std::stod(g.est), re = std::stod(r.est);
    EXPECT_LE(std::abs(re - ge), tol * std::abs(ge)) << id;
    if (!g.var.empty()) {
      const double gv = std::stod(g.var), rv = std::stod(r.var);
      EXPECT_LE(std::abs(rv - gv), tol * std::abs(gv) + 1e-14) << id;
    }
  }
}

}  // namespace

TEST_F(Estimate, OrdinaryKrigingWithMaxdistMatchesGstat) {
  const auto p = put("P.json", R"({"method": "ok", "value": "log_zinc", )" + kIso +
                                   R"(, "search": {"max_samples": 16, "max_distance": 400}})");
  const auto r = estimate(kMeuse + "/data.csv", path("T.csv"), p);
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_EQ(r.out,
            "316 targets: 315 estimated, 1 with too few samples, 0 singular; 155 samples (0 "
            "duplicates merged) -> " +
                path("OUT.csv") + "\n");
  compare(path("OUT.csv"), kMeuse + "/gstat_ok_iso_nmax16_maxdist400.csv", 1e-9);
  const auto t = CsvTable::read(path("OUT.csv"));
  ASSERT_GE(t.header().size(), 4u);
  EXPECT_EQ(t.header()[0], "id");
  EXPECT_EQ(t.header()[1], "estimate");
  EXPECT_EQ(t.header()[2], "variance");
  EXPECT_EQ(t.header()[3], "n_samples");
  // The target with nothing within 400 m: empty estimate and variance, status too_few_samples.
  for (const auto& row : t.rows())
    if (row.fields[0].text == "104") {
      EXPECT_EQ(row.fields[1].text, "");
      EXPECT_EQ(row.fields[2].text, "");
      EXPECT_EQ(row.fields[3].text, "0");
      EXPECT_EQ(row.fields[4].text, "too_few_samples");
    }
}

TEST_F(Estimate, BlockKrigingAndIdwMatchGstat) {
  auto p = put("P.json", R"({"method": "ok", "value": "log_zinc", )" + kIso +
                             R"(, "search": {"max_samples": 16},
      "block": {"size": [40, 40], "discretization": [5, 5], "scheme": "regular"}})");
  auto r = estimate(kMeuse + "/data.csv", path("T.csv"), p);
  ASSERT_EQ(r.rc, 0) << r.err;
  compare(path("OUT.csv"), kMeuse + "/gstat_okblock40reg5_iso_nmax16.csv", 1e-6);
  p = put("P2.json", R"({"method": "idw", "value": "log_zinc", "idw_power": 2,
                           "search": {"max_samples": 16}})");
  r = estimate(kMeuse + "/data.csv", path("T.csv"), p);
  ASSERT_EQ(r.rc, 0) << r.err;
  compare(path("OUT.csv"), kMeuse + "/gstat_idw2_nmax16.csv", 1e-9);
}

TEST_F(Estimate, ThreeDimensionalWithHoles) {
  const auto s = put("S.csv", "hole_id,x,y,z,au\nA,0,0,0,1\nA,0,0,-2,2\nB,20,0,0,3\nB,20,0,-2,5\n");
  const auto t = put("T3.csv", "id,x,y,z\nb1,10,0,-1\nfar,500,0,0\n");
  const auto p = put("P.json", R"({"method": "ok", "value": "au",
    "variogram": {"nugget": 0.1, "structures": [{"type": "spherical", "sill": 0.9,
                  "ranges": [100, 100, 50], "angles": [90, 0, 0]}]},
    "search": {"max_samples": 4, "max_distance": 100, "max_per_hole": 2}})");
  const auto r = estimate(s, t, p);
  ASSERT_EQ(r.rc, 0) << r.err;
  const auto out = CsvTable::read(path("OUT.csv"));
  ASSERT_EQ(out.rows().size(), 2u);
  // b1 is the centre of the four samples' rectangle: weights 1/4, estimate the mean 2.75.
  EXPECT_NEAR(out.number(out.rows()[0], 1), 2.75, 1e-12);
  EXPECT_EQ(out.rows()[0].fields[3].text, "4");
  EXPECT_EQ(out.rows()[0].fields[7].text, "2");  // n_holes
  EXPECT_EQ(out.rows()[1].fields[1].text, "");   // nothing within 100 m
}

// An elevation column named RL (as Datamine and Surpac write it) is the z of the samples, as in
// `lodeline variogram` and the project: one alias list serves every point reader. It used to be
// read as 2D data, merging the two samples of each hole that share x, y.
TEST_F(Estimate, RlColumnIsTheElevation) {
  const std::string rows = "A,0,0,0,1\nA,0,0,-2,2\nB,20,0,0,3\nB,20,0,-2,5\n";
  const auto t = put("T3.csv", "id,x,y,z\nb1,10,0,-1\na2,0,0,-2\n");
  const auto p = put("P.json", R"({"method": "ok", "value": "au",
    "variogram": {"nugget": 0.1, "structures": [{"type": "spherical", "sill": 0.9,
                  "ranges": [100, 100, 50], "angles": [90, 0, 0]}]}, "max_samples": 4})");
  auto r = estimate(put("S.csv", "hole_id,x,y,z,au\n" + rows), t, p);
  ASSERT_EQ(r.rc, 0) << r.err;
  const std::string with_z = lodeline::test::slurp(path("OUT.csv"));
  r = estimate(put("S_rl.csv", "BHID,East,North,RL,AU\n" + rows), t, p);
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_EQ(r.err, "");  // no "the estimate is 2D" note, no duplicates merged
  EXPECT_EQ(lodeline::test::slurp(path("OUT.csv")), with_z);
  // Ordinary kriging is exact at a sample: a2 is sample A at -2 m (2 g/t).
  const auto out = CsvTable::read(path("OUT.csv"));
  EXPECT_NEAR(out.number(out.rows()[1], 1), 2.0, 1e-9);
}

TEST_F(Estimate, BadInputMessages) {
  const std::string data = kMeuse + "/data.csv";
  const auto ok = put("P.json", R"({"method": "ok", "value": "log_zinc", )" + kIso + "}");
  struct Case {
    std::string samples, targets, params, message;
  };
  const std::vector<Case> cases = {
      {data, put("T1.csv", "id,x\n1,5\n"), ok,
       path("T1.csv") + ":1:1: error[input.missing_column]: no target y (northing) column in "
                        "header [id,x], expected one of: y, northing, north, y_m"},
      {data, put("T2.csv", "id,x,y\n1,181180,\n2,x,3\n"), ok,
       path("T2.csv") + ":2:10: error[input.bad_number]: field 'y' is '', expected a number\n" +
           path("T2.csv") + ":3:3: error[input.bad_number]: field 'x' is 'x', expected a number"},
      {put("S0.csv", "x,y,log_zinc\n"), path("T.csv"), ok,
       path("S0.csv") + ":1:1: error[input.empty_file]: no samples: the file has a header but "
                        "no rows, expected one sample per row"},
      {put("S00.csv", ""), path("T.csv"), ok,
       path("S00.csv") + ": error[input.empty_file]: file is empty, expected a CSV header"},
      {put("S1.csv", "x,y,zinc\n1,2,3\n"), path("T.csv"), ok,
       path("S1.csv") + ":1:1: error[input.missing_column]: no the value column 'log_zinc' "
                        "column in header [x,y,zinc], expected one of: log_zinc"},
      {data, path("T.csv"),
       put("P1.json",
           "{\"method\": \"ok\", \"value\": \"log_zinc\",\n \"search\": "
           "{\"max_samples\": -1}}"),
       path("P1.json") + ":2:28: error[input.bad_option]: 'search.max_samples' is -1, expected a "
                         "whole number >= 0 (0 = all)"},
      {data, path("T.csv"),
       put("P2.json", "{\"method\": \"sk\", \"value\": \"log_zinc\",\n " + kIso + "}"),
       path("P2.json") + ":1:1: error[input.bad_option]: simple kriging (method \"sk\") needs "
                         "'mean', expected the known mean of the value"},
      {data, path("T.csv"),
       put("P3.json", R"({"method": "ok", "value": "log_zinc", "search": {"max_samples": 8,}})"),
       path("P3.json") + ":1:67: error[input.bad_json]: malformed JSON: parse error at line 1, "
                         "column 67: syntax error while parsing object key - unexpected '}'; "
                         "expected string literal"},
      {data, path("T.csv"), put("P4.json", "{\"method\": \"kriging\", \"value\": \"au\"}"),
       path("P4.json") + ":1:12: error[input.bad_option]: 'method' is \"kriging\", expected "
                         "ok, sk, idw or nn"},
      {data, path("T.csv"),
       put("P5.json",
           "{\"method\": \"ok\", \"value\": \"log_zinc\",\n \"variogram\": "
           "{\"nugget\": 0.1, \"structures\": [{\"type\": \"spherical\", \"sill\": "
           "1, \"ranges\": [0, 10, 10]}]}}"),
       path("P5.json") + ":2:90: error[input.bad_variogram]: variogram.structures[0].ranges[0] "
                         "is 0, expected a range > 0 m (major)"},
      {data, path("T.csv"),
       put("P6.json", "{\"method\": \"ok\", \"value\": \"log_zinc\", \"serch\": {}}"),
       path("P6.json") + ":1:48: error[input.unknown_key]: unknown key 'serch' in the "
                         "parameters, expected one of: variogram, method, "
                         "mean, idw_power, max_samples, min_samples, max_per_hole, min_holes, "
                         "max_per_octant, max_distance_m, metric, discretization, scheme, "
                         "duplicates, value, hole, block_size_m"},
      {data, path("T.csv"),
       put("P7.json",
           "{\"method\": \"ok\", \"value\": \"log_zinc\",\n \"block\": {\"size\": "
           "[40, -1]},\n " +
               kIso + "}"),
       path("P7.json") + ":2:25: error[input.bad_option]: 'block.size' holds -1, expected a "
                         "list of 2 to 3 numbers > 0 m"},
      {data, path("T.csv"),
       put("P8.json", "{\"method\": \"idw\", \"value\": \"log_zinc\", \"block_size_m\": [10, 10]}"),
       path("P8.json") + ":1:56: error[input.bad_option]: block support needs ordinary or "
                         "simple kriging (method \"ok\" or \"sk\")"},
      {data, path("T.csv"),
       put("P9.json",
           "{\"method\": \"ok\", \"value\": \"log_zinc\",\n \"search\": "
           "{\"max_distance_m\": 1e309}}"),
       path("P9.json") + ":2:31: error[input.bad_number]: number out of range: '1e309' is "
                         "beyond the largest double (about 1.8e308), expected a finite number"},
      {put("S3.csv", "x,y,z,log_zinc\n1,2,3,4\n"), path("T.csv"), ok,
       path("T.csv") +
           ":1:1: error[input.missing_column]: the samples have a z column but the "
           "targets do not, expected id,x,y,z (samples: " +
           path("S3.csv") + ")"},
  };
  for (const auto& c : cases) {
    const auto r = estimate(c.samples, c.targets, c.params);
    EXPECT_EQ(r.rc, 3) << c.message;
    EXPECT_EQ(r.err, c.message + "\n");
    EXPECT_FALSE(fs::exists(path("OUT.csv"))) << "a failed run must leave no output";
  }
}

TEST_F(Estimate, DuplicatesAreMergedAndReported) {
  const auto s = put("S.csv", "x,y,v\n0,0,1\n10,0,2\n0,0,3\n");
  const auto t = put("T2.csv", "id,x,y\na,0,0\n");
  const auto p = put("P.json", R"({"method": "ok", "value": "v",
    "variogram": {"nugget": 0.1, "structures": [{"type": "spherical", "sill": 1, "ranges": 50}]}})");
  auto r = estimate(s, t, p);
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_EQ(r.err, path("S.csv") +
                       ": warning[kriging.duplicates_merged]: 1 samples share their coordinates "
                       "with an earlier sample; each such group was merged into one sample at "
                       "the mean value\n");
  const auto out = CsvTable::read(path("OUT.csv"));
  EXPECT_NEAR(out.number(out.rows()[0], 1), 2.0, 1e-14);
  const auto strict = put("P2.json", R"({"method": "nn", "value": "v", "duplicates": "error"})");
  r = estimate(s, t, strict);
  EXPECT_EQ(r.rc, 3);
  EXPECT_EQ(r.err, path("S.csv") +
                       ":4: error[input.duplicate_sample]: sample at (0, 0, 0) has the same "
                       "coordinates as the sample of line 2, expected distinct locations (or "
                       "merge duplicates)\n");
}
