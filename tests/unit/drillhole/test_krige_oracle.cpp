// SPDX-License-Identifier: Apache-2.0
// Outside oracle: the shared synthetic drillhole set (../shared/data/krige/drillholes) lists
// 2 m composites with x,y,z at interval mid-points. Desurveying its collar table (azimuth and
// dip as a one-station survey) must reproduce them within the 3-decimal rounding (0.5 mm).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "lodeline/drillhole/composite.hpp"
#include "lodeline/drillhole/database.hpp"
#include "lodeline/drillhole/desurvey.hpp"
#include "lodeline/io/csv.hpp"

using namespace lodeline;
using namespace lodeline::drillhole;

namespace {

constexpr double kRounding_m = 0.0005 + 1e-9;

struct Check {
  std::size_t rows = 0;
  double max_error_m = 0;
  double raw_metal = 0;  // sum of au x (to - from) read straight from the CSV
};

/// Reads the set, desurveys it, and compares every row's x,y,z with position_at(mid-depth).
Check check_positions(const std::string& dir, DrillholeDatabase& db, DesurveyResult& ds) {
  DrillholeOptions o;
  o.dip_convention = DipConvention::negative_down;
  o.value_columns = {"au"};
  Diagnostics diag;
  db = read_drillholes(dir + "/collars.csv", "", dir + "/composites.csv", o, diag);
  ds = run_desurvey(db, {}, diag);
  const auto table = io::CsvTable::read(dir + "/composites.csv");
  const auto c_id = table.require_column({"hole_id"}, "id");
  const auto c_from = table.require_column({"from"}, "from");
  const auto c_to = table.require_column({"to"}, "to");
  const auto c_x = table.require_column({"x"}, "x");
  const auto c_au = table.require_column({"au"}, "au");
  std::map<std::string, std::size_t> index;
  for (std::size_t h = 0; h < db.holes.size(); ++h) index[db.holes[h].collar.hole_id] = h;
  Check check;
  for (const auto& row : table.rows()) {
    const HoleTrace& trace = ds.holes.at(index.at(row.fields[c_id].text));
    const double from = table.number(row, c_from), to = table.number(row, c_to);
    const Vec3 p = position_at(trace, (from + to) / 2);
    for (std::size_t a = 0; a < 3; ++a)
      check.max_error_m = std::max(check.max_error_m, std::abs(p[a] - table.number(row, c_x + a)));
    check.raw_metal += table.number(row, c_au) * (to - from);
    ++check.rows;
  }
  return check;
}

}  // namespace

TEST(KrigeOracle, SubsetPositionsAndComposites) {
  DrillholeDatabase db;
  DesurveyResult ds;
  const auto check =
      check_positions(std::string(LODELINE_TEST_DATA) + "/drillhole/krige_subset", db, ds);
  EXPECT_EQ(check.rows, 260u);
  EXPECT_LE(check.max_error_m, kRounding_m);
  ASSERT_EQ(db.holes.size(), 2u);
  EXPECT_EQ(db.holes[1].surveys.size(), 1u);  // DH007: collar azimuth/dip
  // Straight holes: every method gives the same end of hole.
  EXPECT_LT(ds.max_tangent_vs_mincurv_m, 1e-9);
  EXPECT_LT(ds.max_balanced_vs_mincurv_m, 1e-9);

  // 2 m composites of 2 m intervals are the intervals; 10 m composites keep the metal.
  Diagnostics diag;
  CompositeOptions same;
  const auto r2 = run_compositing(db, ds, same, diag);
  ASSERT_EQ(r2.composites.size(), 260u);
  EXPECT_EQ(r2.composites[5].values[0], db.holes[0].intervals[5].values[0]);
  CompositeOptions ten;
  ten.length_m = 10;
  ten.min_length_m = 10;
  ten.residual = ResidualRule::merge;
  const auto r10 = run_compositing(db, ds, ten, diag);
  EXPECT_NEAR(r10.total.raw[0], check.raw_metal, 1e-9 * check.raw_metal);
  EXPECT_NEAR(r10.total.composites[0], check.raw_metal, 1e-9 * check.raw_metal);
  EXPECT_EQ(r10.composites.size(), 25u + 26u);  // 254 m -> 25 (last 14 m), 266 m -> 26
}

TEST(KrigeOracle, WholeSharedSet) {
  const std::string dir = std::string(LODELINE_SHARED_DATA) + "/krige/drillholes";
  if (!std::filesystem::exists(dir + "/collars.csv")) GTEST_SKIP() << "no " << dir;
  DrillholeDatabase db;
  DesurveyResult ds;
  const auto check = check_positions(dir, db, ds);
  EXPECT_EQ(check.rows, 13427u);
  EXPECT_EQ(db.holes.size(), 100u);
  EXPECT_LE(check.max_error_m, kRounding_m);
  EXPECT_EQ(db.report.counts.gaps, 0u);
  EXPECT_EQ(db.report.counts.errors, 0u);
}
