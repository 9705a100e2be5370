// SPDX-License-Identifier: Apache-2.0
// `lodeline split` against the exact-rational / GEOS oracle of tests/data/split (copied from
// ../shared/data/split; see tests/data/split/SOURCE.md). Tolerance: 1e-9 per column, totals
// 1e-9 relative, straddling counts exact.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "cli.hpp"
#include "lodeline/io/csv.hpp"
#include "lodeline/io/json_file.hpp"

namespace fs = std::filesystem;
using lodeline::io::CsvTable;

namespace {

std::map<std::pair<long, long>, double> load_fractions(const std::string& path) {
  const auto t = CsvTable::read(path);
  std::map<std::pair<long, long>, double> m;
  for (const auto& row : t.rows()) m[{t.integer(row, 0), t.integer(row, 1)}] = t.number(row, 2);
  return m;
}

void check_case(const std::string& name) {
  const fs::path dir = fs::path(LODELINE_TEST_DATA) / "split" / name;
  const fs::path out = fs::temp_directory_path() / ("lodeline_ref_" + name + ".csv");
  std::ostringstream so, se;
  const int rc = lodeline::cli::run_cli({"split", "--grid", (dir / "grid.json").string(), "--border",
                                         (dir / "border.geojson").string(), "--out", out.string()},
                                        so, se);
  ASSERT_EQ(rc, 0) << se.str();
  const auto got = load_fractions(out.string());
  const auto ref = load_fractions((dir / "fractions.csv").string());
  const auto expected = lodeline::io::read_json((dir / "expected.json").string());
  ASSERT_EQ(got.size(), ref.size());
  const auto grid = lodeline::io::read_json((dir / "grid.json").string());
  const double block_area = grid["block_size"][0].get<double>() * grid["block_size"][1].get<double>();
  double area_a = 0, area_b = 0;
  long straddling = 0, full_a = 0, full_b = 0;
  for (const auto& [key, f_ref] : ref) {
    ASSERT_TRUE(got.count(key)) << key.first << "," << key.second;
    const double f = got.at(key);
    EXPECT_NEAR(f, f_ref, 1e-9) << "column " << key.first << "," << key.second;
    area_a += f * block_area;
    area_b += (1 - f) * block_area;
    if (f <= 1e-9) ++full_b;
    else if (f >= 1 - 1e-9) ++full_a;
    else ++straddling;
  }
  EXPECT_NEAR(area_a, expected["area_side_a"].get<double>(), 1e-9 * expected["area_side_a"].get<double>());
  EXPECT_NEAR(area_b, expected["area_side_b"].get<double>(), 1e-9 * expected["area_side_b"].get<double>());
  EXPECT_EQ(straddling, expected["n_straddling"].get<long>());
  EXPECT_EQ(full_a, expected["n_full_a"].get<long>());
  EXPECT_EQ(full_b, expected["n_full_b"].get<long>());
  // Output order: header, then j outer, i inner.
  std::ifstream in(out);
  std::string header, first, second;
  std::getline(in, header);
  std::getline(in, first);
  std::getline(in, second);
  EXPECT_EQ(header, "i,j,fraction_left");
  EXPECT_EQ(first.substr(0, 4), "0,0,");
  EXPECT_EQ(second.substr(0, 4), "1,0,");
  fs::remove(out);
}

}  // namespace

TEST(SplitReference, ASmall) { check_case("a_small"); }
TEST(SplitReference, CDegenerate) { check_case("c_degenerate"); }
