// SPDX-License-Identifier: Apache-2.0
// `lodeline variogram` against R gstat 2.1.0 on the meuse data (tests/data/variogram/meuse2d,
// copied from ../shared/data/krige/case_meuse2d; see its README.md): the omnidirectional and
// the four directional (alpha = 0, 45, 90, 135, tol.hor = 22.5) experimental variograms with
// gstat's default lags — pair counts exact, mean distance and semivariance to 1e-9 relative —
// and fit.variogram(v, vgm(1, "Sph", 900, 1)) to 1e-3 relative.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <sstream>

#include "cli.hpp"
#include "lodeline/io/csv.hpp"
#include "lodeline/io/json_file.hpp"
#include "lodeline/io/text_file.hpp"

namespace fs = std::filesystem;
using lodeline::io::CsvTable;

namespace {

const fs::path kDir = fs::path(LODELINE_TEST_DATA) / "variogram" / "meuse2d";

struct Row {
  std::int64_t np;
  double dist, gamma;
};

/// gstat's rows by direction label ("omni" for dir_hor = -1, else "<alpha>/0"), in order.
std::map<std::string, std::vector<Row>> gstat_rows() {
  const auto t = CsvTable::read((kDir / "expvar.csv").string());
  std::map<std::string, std::vector<Row>> m;
  for (const auto& r : t.rows()) {
    const std::string dir = r.fields[0].text == "-1" ? "omni" : r.fields[0].text + "/0";
    m[dir].push_back({t.integer(r, 1), t.number(r, 2), t.number(r, 3)});
  }
  return m;
}

fs::path temp(const std::string& name) {
  return fs::temp_directory_path() / ("lodeline_ref_" + std::to_string(::getpid()) + "_" + name);
}

}  // namespace

TEST(ExpvarReference, MeuseOmniAndFourDirectionsAsGstat) {
  const fs::path out = temp("expvar.csv");
  std::ostringstream so, se;
  const int rc = lodeline::cli::run_cli(
      {"variogram", "--samples", (kDir / "data.csv").string(), "--value", "log_zinc", "--omni",
       "--direction", "0,0,22.5", "--direction", "45,0,22.5", "--direction", "90,0,22.5",
       "--direction", "135,0,22.5", "--out", out.string()},
      so, se);
  ASSERT_EQ(rc, 0) << se.str();
  const auto ref = gstat_rows();
  ASSERT_EQ(ref.size(), 5u);
  const auto t = CsvTable::read(out.string());
  fs::remove(out);
  std::map<std::string, std::vector<Row>> got;
  for (const auto& r : t.rows())
    got[r.fields[0].text].push_back({t.integer(r, 2), t.number(r, 3), t.number(r, 4)});
  for (const auto& [dir, rows] : ref) {
    SCOPED_TRACE(dir);
    ASSERT_TRUE(got.count(dir));
    ASSERT_EQ(got[dir].size(), rows.size());
    for (std::size_t k = 0; k < rows.size(); ++k) {
      EXPECT_EQ(got[dir][k].np, rows[k].np) << "lag " << k;
      EXPECT_NEAR(got[dir][k].dist, rows[k].dist, 1e-9 * rows[k].dist) << "lag " << k;
      EXPECT_NEAR(got[dir][k].gamma, rows[k].gamma, 1e-9 * rows[k].gamma) << "lag " << k;
    }
  }
  EXPECT_EQ(got.size(), ref.size());
}

TEST(ExpvarReference, MeuseSphericalFitAsGstat) {
  // params.json "fitted_info": nugget 0.05066, psill 0.59061, range 897.02.
  const fs::path out = temp("omni.csv"), model = temp("model.json"), start = temp("start.json");
  lodeline::io::write_file_atomic(
      start, R"({"nugget": 1, "structures": [{"type": "Sph", "sill": 1, "ranges": 900}]})");
  for (const std::vector<std::string>& how :
       {std::vector<std::string>{"--fit", "spherical"}, {"--fit-from", start.string()}}) {
    std::vector<std::string> args = {"variogram",  "--samples",   (kDir / "data.csv").string(),
                                     "--value",    "log_zinc",    "--out",
                                     out.string(), "--out-model", model.string()};
    args.insert(args.end(), how.begin(), how.end());
    std::ostringstream so, se;
    ASSERT_EQ(lodeline::cli::run_cli(args, so, se), 0) << se.str();
    const auto m = lodeline::io::read_json(model.string());
    EXPECT_NEAR(m["nugget"].get<double>(), 0.05066, 1e-3 * 0.05066) << how[0];
    ASSERT_EQ(m["structures"].size(), 1u);
    EXPECT_EQ(m["structures"][0]["type"], "spherical");
    EXPECT_NEAR(m["structures"][0]["sill"].get<double>(), 0.59061, 1e-3 * 0.59061) << how[0];
    for (int a = 0; a < 3; ++a)
      EXPECT_NEAR(m["structures"][0]["ranges"][a].get<double>(), 897.02, 1e-3 * 897.02) << how[0];
  }
  fs::remove(out);
  fs::remove(model);
  fs::remove(start);
}
