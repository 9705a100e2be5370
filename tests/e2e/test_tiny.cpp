// SPDX-License-Identifier: Apache-2.0
// examples/tiny against a hand calculation: 4 blocks of 10 m (1000 m3 x 2.5 t/m3 = 2,500 t),
// grades 1,2,3,4 g/t; a line at x = 500015 walked north: side A (West) = block 0 + half block 1.
//   cut-off 0.8: West 2,500 + 1,250 = 3,750 t, 2,500*1 + 1,250*2 = 5,000 g;
//                East 1,250 + 2,500 + 2,500 = 6,250 t, 2,500 + 7,500 + 10,000 = 20,000 g.
//   cut-off 2.5: West 0 t; East 5,000 t, 17,500 g.
//   area: West 150 m2, East 250 m2.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unistd.h>

#include "cli.hpp"

namespace fs = std::filesystem;

TEST(Tiny, HandCalculation) {
  const fs::path project = fs::path(LODELINE_TEST_DATA) / ".." / ".." / "examples" / "tiny" / "project.toml";
  const fs::path out = fs::temp_directory_path() / ("lodeline_tiny_out_" + std::to_string(::getpid()));
  fs::remove_all(out);
  std::ostringstream o, e;
  ASSERT_EQ(lodeline::cli::run_cli({"run", project.string(), "--out", out.string()}, o, e), 0) << e.str();
  std::ifstream in(out / "report.json");
  const auto r = nlohmann::json::parse(in);
  const auto& west = r["scenarios"][0]["sides"][0];
  const auto& east = r["scenarios"][0]["sides"][1];
  EXPECT_EQ(west["name"], "West");
  EXPECT_DOUBLE_EQ(west["area_m2"].get<double>(), 150);
  EXPECT_DOUBLE_EQ(east["area_m2"].get<double>(), 250);
  EXPECT_DOUBLE_EQ(west["ore_t"].get<double>(), 3750);
  EXPECT_DOUBLE_EQ(west["metal_kg"].get<double>(), 5);
  EXPECT_DOUBLE_EQ(east["ore_t"].get<double>(), 6250);
  EXPECT_DOUBLE_EQ(east["metal_kg"].get<double>(), 20);
  EXPECT_DOUBLE_EQ(west["grade_gpt"].get<double>(), 5000.0 / 3750.0);
  EXPECT_DOUBLE_EQ(west["grade_tonnage"][1]["ore_t"].get<double>(), 0);
  EXPECT_DOUBLE_EQ(east["grade_tonnage"][1]["ore_t"].get<double>(), 5000);
  EXPECT_DOUBLE_EQ(east["grade_tonnage"][1]["metal_kg"].get<double>(), 17.5);
  EXPECT_DOUBLE_EQ(r["total"]["metal_kg"].get<double>(), 25);
  EXPECT_DOUBLE_EQ(west["shares"]["metal"].get<double>(), 20);
  EXPECT_DOUBLE_EQ(west["shares"]["area"].get<double>(), 37.5);
  // A WKT file has no CRS: the assumption is recorded, not silent.
  ASSERT_EQ(r["diagnostics"].size(), 1u);
  EXPECT_NE(r["diagnostics"][0].get<std::string>().find("geometry.crs_assumed"), std::string::npos);
  // blocks.csv lists the 4 blocks with their column fractions.
  std::ifstream csv(out / "blocks.csv");
  std::string header, b0, b1;
  std::getline(csv, header);
  std::getline(csv, b0);
  std::getline(csv, b1);
  EXPECT_EQ(header, "i,j,k,xc,yc,zc,grade_gpt,tonnes,fraction_a_north_line");
  EXPECT_EQ(b0, "0,0,0,500005,4400005,1005,1,2500,1");
  EXPECT_EQ(b1, "1,0,0,500015,4400005,1005,2,2500,0.5");
  fs::remove_all(out);
}
