// SPDX-License-Identifier: Apache-2.0
// CSV parsing with locations, JSON errors with line:col, grid descriptions, atomic writes.
#include <gtest/gtest.h>

#include <filesystem>

#include "lodeline/io/csv.hpp"
#include "lodeline/io/json_file.hpp"
#include "lodeline/io/text_file.hpp"
#include "support/error_of.hpp"

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

// nlohmann-json refuses a number beyond the largest double with an out_of_range exception
// and no position; it becomes input.bad_number at the number's line:col.
TEST(Json, NumberOverflowIsLocated) {
  EXPECT_EQ(
      test::error_of([] { io::parse_json("{\n  \"a\": [1, 2],\n  \"b\": 1e309\n}", "g.json"); }),
      "g.json:3:8: error[input.bad_number]: number out of range: '1e309' is beyond the largest "
      "double (about 1.8e308), expected a finite number");
  EXPECT_EQ(test::headline_of([] { io::parse_json("[0.5, -2.5e+400]", "n.json"); }),
            "n.json:1:7: error[input.bad_number]: number out of range: '-2.5e+400' is beyond the "
            "largest double (about 1.8e308), expected a finite number");
  // 400 digits: too many for an integer type, and beyond a double too.
  const std::string digits = "[" + std::string(1, '9') + std::string(399, '0') + "]";
  EXPECT_EQ(test::headline_of([&] { io::parse_json(digits, "d.json"); }).substr(0, 47),
            "d.json:1:2: error[input.bad_number]: number out");
  // Underflow is not an error: 1e-400 reads as 0 (nlohmann-json and strtod agree).
  EXPECT_EQ(io::parse_json("[1e-400]", "u.json")[0].get<double>(), 0.0);
}

TEST(Json, OverflowingNumberIgnoresStrings) {
  // "1e999" inside strings (and an escaped quote before it) is text, not a number.
  const std::string text = R"({"k\"1e999": "1e999", "v": [1, 2e308]})";
  const auto n = io::find_overflowing_number(text);
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->text, "2e308");
  EXPECT_EQ(n->offset, text.find("2e308"));
  EXPECT_FALSE(io::find_overflowing_number(R"({"a": "1e999", "b": 1.7976931348623157e308})"));
}

// LineIndex answers every offset as location_of does (line starts, CRLF, past the end).
TEST(LineIndex, SameLocationsAsAScan) {
  const std::string text = "ab\n\ncd\r\nefg\n";
  const io::LineIndex lines(text);
  for (std::size_t at = 0; at <= text.size() + 2; ++at) {
    const auto a = lines.location(at, "t.txt"), b = io::location_of(text, at, "t.txt");
    EXPECT_EQ(a.str(), b.str()) << at;
  }
  EXPECT_EQ(lines.location(5, "t.txt").str(), "t.txt:3:2");
  EXPECT_EQ(io::LineIndex("").location(0, "e.txt").str(), "e.txt:1:1");
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
