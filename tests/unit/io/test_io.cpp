// SPDX-License-Identifier: Apache-2.0
// CSV parsing with locations, JSON errors with line:col, grid descriptions, atomic writes.
#include <gtest/gtest.h>

#include <filesystem>

#include "lodeline/io/csv.hpp"
#include "lodeline/io/json_file.hpp"
#include "lodeline/io/text_file.hpp"

using namespace lodeline;
using io::CsvTable;

TEST(Csv, FieldsWithLocations) {
  const auto t = CsvTable::parse("# comment\nx,y,au\n1, 2 ,\"3\"\n\n4,5,n/a\r\n", "a.csv");
  EXPECT_EQ(t.header(), (std::vector<std::string>{"x", "y", "au"}));
  ASSERT_EQ(t.rows().size(), 2u);
  EXPECT_EQ(t.number(t.rows()[0], 1), 2.0);
  EXPECT_EQ(t.number(t.rows()[0], 2), 3.0);
  try {
    (void)t.number(t.rows()[1], 2);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.formatted(),
              "a.csv:5:5: error[input.bad_number]: field 'au' is 'n/a', expected a number");
  }
}

TEST(Csv, RejectsNanAndTrailingText) {
  EXPECT_FALSE(io::parse_double("NaN"));
  EXPECT_FALSE(io::parse_double("inf"));
  EXPECT_FALSE(io::parse_double("1.5x"));
  EXPECT_FALSE(io::parse_double(""));
  EXPECT_EQ(*io::parse_double(" -2.5e3 "), -2500.0);
}

TEST(Csv, WrongFieldCount) {
  try {
    CsvTable::parse("a,b\n1,2\n3\n", "b.csv");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(
        e.formatted(),
        "b.csv:3:1: error[input.bad_csv]: row has 1 fields, expected 2 as in the header (line 1)");
  }
}

TEST(Json, SyntaxErrorLocation) {
  try {
    io::parse_json("{\n  \"a\": [1, 2,,]\n}", "g.json");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "input.bad_json");
    EXPECT_EQ(e.location().line, 2);
    EXPECT_EQ(e.location().column, 14);
  }
}

TEST(Json, GridDescription) {
  const auto g = io::grid_from_json(
      io::parse_json(R"({"origin":[1,2],"block_size":[10,20],"counts":[3,4],"crs":"EPSG:32638"})",
                     "g.json"),
      "g.json");
  EXPECT_EQ(g.grid.counts[0], 3);
  EXPECT_EQ(g.grid.counts[2], 1);
  EXPECT_EQ(g.grid.block_size_m[1], 20);
  EXPECT_EQ(g.crs, "EPSG:32638");
  try {
    io::grid_from_json(
        io::parse_json(R"({"origin":[1,2],"block_size":[10,20],"counts":[-3,4]})", "g.json"),
        "g.json");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(
        e.formatted(),
        "g.json: error[input.bad_grid]: block count along x is -3, expected a positive integer");
  }
}

TEST(AtomicFile, NothingLeftWithoutCommit) {
  const auto dir = std::filesystem::temp_directory_path() / "lodeline_atomic_test";
  std::filesystem::remove_all(dir);
  {
    io::AtomicFile f(dir / "x.txt");
    f.write("partial");
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir));
  io::write_file_atomic(dir / "x.txt", "whole");
  EXPECT_EQ(io::read_text(dir / "x.txt"), "whole");
}

TEST(FormatDouble, ShortestRoundTrip) {
  EXPECT_EQ(io::format_double(0.1), "0.1");
  EXPECT_EQ(io::format_double(1.0), "1");
  const double v = 440310.00089267944;
  EXPECT_EQ(std::stod(io::format_double(v)), v);
}
