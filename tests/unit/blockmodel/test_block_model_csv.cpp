// SPDX-License-Identifier: Apache-2.0
// Unit tests of the CSV block model reader and writer: conventions, aliases, findings, round trip.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

#include "lodeline/blockmodel/block_model_io.hpp"
#include "lodeline/io/text_file.hpp"
#include "temp_dir.hpp"

namespace lodeline::blockmodel {
namespace {

using testing::rotated_grid;
using testing::small_grid;

class BlockModelCsv : public testing::TempDirTest {
 protected:
  void SetUp() override {
    TempDirTest::SetUp();
    file_ = path("m.csv");  // known before a read runs: EXPECT_EQ's arguments are unsequenced
  }

  /// Reads `text` (written to m.csv) with the small grid.
  BlockModel read(const std::string& text,
                  CsvModelOptions::Position position = CsvModelOptions::centroid,
                  std::vector<std::string> int_columns = {}, CsvReadStats* stats = nullptr) {
    write("m.csv", text);
    CsvModelOptions options;
    options.grid = small_grid();
    options.crs = "EPSG:32638";
    options.position = position;
    options.int_columns = std::move(int_columns);
    return read_block_model_csv(file_, options, stats);
  }

  /// The error reading `text` throws (fails the test when it reads fine).
  Error error(const std::string& text,
              CsvModelOptions::Position position = CsvModelOptions::centroid,
              std::vector<std::string> int_columns = {}) {
    try {
      (void)read(text, position, std::move(int_columns));
    } catch (const Error& e) {
      return e;
    }
    ADD_FAILURE() << "expected an error reading:\n" << text;
    return Error("none", "none");
  }

  std::string file_;
};

const double kNaN = std::numeric_limits<double>::quiet_NaN();

// ---- conventions and aliases ----

TEST_F(BlockModelCsv, CentroidRowsFillTheirBlocksOnly) {
  CsvReadStats stats;
  const BlockModel m = read("XC,YC,ZC,AU\n125,230,302.5,1.5\n105,210,307.5,0.25\n",
                            CsvModelOptions::centroid, {}, &stats);
  EXPECT_EQ(m.crs, "EPSG:32638");
  EXPECT_EQ(m.column_names(), (std::vector<std::string>{"AU"}));
  const auto& au = m.f64("AU");
  EXPECT_EQ(au[6], 1.5);    // block (2,1,0)
  EXPECT_EQ(au[12], 0.25);  // block (0,0,1)
  for (std::size_t b = 0; b < au.size(); ++b)
    if (b != 6 && b != 12) {
      EXPECT_TRUE(std::isnan(au[b])) << "block " << b;
    }
  EXPECT_EQ(stats.rows, 2);
  EXPECT_EQ(stats.blocks_listed, 2);
  EXPECT_EQ(stats.blocks_not_listed, 22);
  EXPECT_EQ(m.present_block_count(), 2);
}

TEST_F(BlockModelCsv, AliasHeadersAreCaseInsensitive) {
  for (const std::string header :
       {"XCENTRE,YCENTRE,ZCENTRE,AU", "xcentre,ycentre,zcentre,AU", "Easting,Northing,RL,AU",
        "x_centre,Y_CENTER,elevation,AU", "X,Y,Z,AU", "east,north,elev,AU",
        "XCENTER,YCENTER,ZCENTER,AU"}) {
    const BlockModel m = read(header + "\n125,230,302.5,1.5\n");
    EXPECT_EQ(m.f64("AU")[6], 1.5) << header;
    EXPECT_EQ(m.present_count("AU"), 1) << header;
  }
}

TEST_F(BlockModelCsv, ColumnOrderIsFree) {
  const BlockModel m = read("AU,ZC,CU,XC,YC\n1.5,302.5,0.5,125,230\n");
  EXPECT_EQ(m.column_names(), (std::vector<std::string>{"AU", "CU"}));
  EXPECT_EQ(m.f64("AU")[6], 1.5);
  EXPECT_EQ(m.f64("CU")[6], 0.5);
}

TEST_F(BlockModelCsv, CornerConvention) {
  // Lower-left-bottom corner of (2,1,0) is (100+2*10, 200+1*20, 300) = (120, 220, 300);
  // corner of (3,2,1) is (130, 240, 305), index 3+4*(2+3*1) = 23.
  const BlockModel m = read("X,Y,Z,AU\n120,220,300,1.5\n130,240,305,2\n", CsvModelOptions::corner);
  EXPECT_EQ(m.f64("AU")[6], 1.5);
  EXPECT_EQ(m.f64("AU")[23], 2.0);
  EXPECT_EQ(m.present_count("AU"), 2);
}

TEST_F(BlockModelCsv, IjkConvention) {
  const BlockModel m = read("I,J,K,AU\n2,1,0,1.5\n0,0,1,0.25\n3,2,1,4\n", CsvModelOptions::ijk);
  EXPECT_EQ(m.f64("AU")[6], 1.5);
  EXPECT_EQ(m.f64("AU")[12], 0.25);
  EXPECT_EQ(m.f64("AU")[23], 4.0);
  const BlockModel m2 = read("IX,IY,IZ,AU\n2,1,0,1.5\n", CsvModelOptions::ijk);
  EXPECT_EQ(m2.f64("AU")[6], 1.5);
}

TEST_F(BlockModelCsv, RotatedGridCentroid) {
  file_ = write("r.csv", "XC,YC,ZC,AU\n1010.490381057,2011.830127019,5,3.5\n");
  CsvModelOptions options;
  options.grid = rotated_grid();
  const BlockModel m = read_block_model_csv(file_, options);
  EXPECT_EQ(m.f64("AU")[1], 3.5);  // block (1,0,0)
  EXPECT_EQ(m.present_count("AU"), 1);
}

TEST_F(BlockModelCsv, IntegerColumnsAndEmptyFields) {
  CsvReadStats stats;
  const BlockModel m = read("XC,YC,ZC,AU,CODE\n125,230,302.5,,7\n105,210,307.5,0.25,\n",
                            CsvModelOptions::centroid, {"CODE"}, &stats);
  EXPECT_TRUE(std::isnan(m.f64("AU")[6]));  // empty field: no value, not zero
  EXPECT_EQ(m.i64("CODE")[6], 7);
  EXPECT_EQ(m.f64("AU")[12], 0.25);
  EXPECT_EQ(m.i64("CODE")[12], kMissingInt);
  EXPECT_EQ(m.present_count("AU"), 1);
  EXPECT_EQ(m.present_count("CODE"), 1);
  EXPECT_EQ(m.present_block_count(), 2);
  EXPECT_EQ(stats.blocks_listed, 2);
}

TEST_F(BlockModelCsv, WriterColumnsReadBackInEitherConvention) {
  const std::string text = "i,j,k,xc,yc,zc,AU\n2,1,0,125,230,302.5,1.5\n";
  EXPECT_EQ(read(text).column_names(), (std::vector<std::string>{"AU"}));
  EXPECT_EQ(read(text).f64("AU")[6], 1.5);
  EXPECT_EQ(read(text, CsvModelOptions::ijk).f64("AU")[6], 1.5);
}

// ---- findings, with exact messages ----

TEST_F(BlockModelCsv, OffGridCentroid) {
  const Error e = error("XC,YC,ZC,AU\n121,230,302.5,1\n");
  EXPECT_EQ(e.code(), "input.off_grid");
  EXPECT_EQ(e.headline(), file_ +
                              ":2:1: error[input.off_grid]: centroid (121, 230, 302.5) is "
                              "not a block centre of the grid; nearest centre is (125, 230, "
                              "302.5)");
  // z = 303 is 0.5 m above the centre 302.5 of bench 0; the finding points at the ZC field.
  EXPECT_EQ(error("XC,YC,ZC,AU\n125,230,303,1\n").headline(),
            file_ +
                ":2:9: error[input.off_grid]: centroid (125, 230, 303) is not a block centre "
                "of the grid; nearest centre is (125, 230, 302.5)");
}

TEST_F(BlockModelCsv, OffGridCorner) {
  EXPECT_EQ(error("X,Y,Z,AU\n121,220,300,1\n", CsvModelOptions::corner).headline(),
            file_ +
                ":2:1: error[input.off_grid]: corner (121, 220, 300) is not a block corner "
                "of the grid; nearest corner is (120, 220, 300)");
}

TEST_F(BlockModelCsv, ToleranceIsOneMillionthOfABlock) {
  // 1e-6 x 10 m = 1e-5 m: 125.000005 is accepted, 125.00002 is not.
  EXPECT_EQ(read("XC,YC,ZC,AU\n125.000005,230,302.5,1\n").f64("AU")[6], 1.0);
  EXPECT_EQ(error("XC,YC,ZC,AU\n125.00002,230,302.5,1\n").code(), "input.off_grid");
}

TEST_F(BlockModelCsv, OutsideGrid) {
  EXPECT_EQ(error("XC,YC,ZC,AU\n95,230,302.5,1\n").headline(),
            file_ +
                ":2:1: error[input.outside_grid]: centroid (95, 230, 302.5) is outside the "
                "grid of 4 x 3 x 2 blocks from origin (100, 200, 300), expected a block "
                "centre inside it");
  // y = 270 is the centre of row j = 3, one past the last (ny = 3).
  EXPECT_EQ(error("XC,YC,ZC,AU\n125,270,302.5,1\n").headline(),
            file_ +
                ":2:5: error[input.outside_grid]: centroid (125, 270, 302.5) is outside the "
                "grid of 4 x 3 x 2 blocks from origin (100, 200, 300), expected a block "
                "centre inside it");
  EXPECT_EQ(error("X,Y,Z,AU\n140,220,300,1\n", CsvModelOptions::corner).headline(),
            file_ +
                ":2:1: error[input.outside_grid]: corner (140, 220, 300) is outside the grid "
                "of 4 x 3 x 2 blocks from origin (100, 200, 300), expected a block corner "
                "inside it");
  EXPECT_EQ(error("I,J,K,AU\n4,1,0,1\n", CsvModelOptions::ijk).headline(),
            file_ +
                ":2:1: error[input.outside_grid]: block (4, 1, 0) is outside the grid, "
                "expected i in [0, 4), j in [0, 3), k in [0, 2)");
  EXPECT_EQ(error("I,J,K,AU\n2,1,-1,1\n", CsvModelOptions::ijk).headline(),
            file_ +
                ":2:5: error[input.outside_grid]: block (2, 1, -1) is outside the grid, "
                "expected i in [0, 4), j in [0, 3), k in [0, 2)");
}

TEST_F(BlockModelCsv, RotatedGridOutsideMentionsRotation) {
  file_ = write("r.csv", "XC,YC,ZC,AU\n990,2000,5,1\n");
  CsvModelOptions options;
  options.grid = rotated_grid();
  try {
    (void)read_block_model_csv(file_, options);
    FAIL() << "expected input.outside_grid";
  } catch (const Error& e) {
    EXPECT_EQ(e.headline(), file_ +
                                ":2:1: error[input.outside_grid]: centroid (990, 2000, 5) is "
                                "outside the grid of 3 x 2 x 1 blocks from origin (1000, "
                                "2000, 0) rotated 30 degrees, expected a block centre "
                                "inside it");
  }
}

TEST_F(BlockModelCsv, DuplicateBlockNamesFirstLine) {
  EXPECT_EQ(error("XC,YC,ZC,AU\n125,230,302.5,1\n105,210,307.5,2\n125,230,302.5,3\n").headline(),
            file_ +
                ":4:1: error[input.duplicate_block]: block (2, 1, 0) is listed again (first "
                "on line 2), expected each block at most once");
  EXPECT_EQ(error("I,J,K,AU\n# comment\n2,1,0,1\n2,1,0,1\n", CsvModelOptions::ijk).headline(),
            file_ +
                ":4:1: error[input.duplicate_block]: block (2, 1, 0) is listed again (first "
                "on line 3), expected each block at most once");
}

TEST_F(BlockModelCsv, BadNumbers) {
  EXPECT_EQ(error("XC,YC,ZC,AU\n125,abc,302.5,1\n").headline(),
            file_ + ":2:5: error[input.bad_number]: field 'YC' is 'abc', expected a number");
  EXPECT_EQ(error("XC,YC,ZC,AU\n125,230,302.5,nan\n").headline(),
            file_ + ":2:15: error[input.bad_number]: field 'AU' is 'nan', expected a number");
  EXPECT_EQ(error("XC,YC,ZC,AU\n125,230,302.5,inf\n").headline(),
            file_ + ":2:15: error[input.bad_number]: field 'AU' is 'inf', expected a number");
  EXPECT_EQ(error("XC,YC,ZC,AU\n125,230,,1\n").headline(),
            file_ + ":2:9: error[input.bad_number]: field 'ZC' is '', expected a number");
}

TEST_F(BlockModelCsv, BadIntegers) {
  EXPECT_EQ(error("I,J,K,AU\n2.5,1,0,1\n", CsvModelOptions::ijk).headline(),
            file_ + ":2:1: error[input.bad_integer]: field 'I' is '2.5', expected an integer");
  EXPECT_EQ(
      error("XC,YC,ZC,CODE\n125,230,302.5,7.5\n", CsvModelOptions::centroid, {"CODE"}).headline(),
      file_ +
          ":2:15: error[input.bad_integer]: field 'CODE' is '7.5', expected an "
          "integer");
  EXPECT_EQ(error("XC,YC,ZC,CODE\n125,230,302.5,-9223372036854775808\n", CsvModelOptions::centroid,
                  {"CODE"})
                .headline(),
            file_ +
                ":2:15: error[input.bad_integer]: field 'CODE' is '-9223372036854775808', "
                "expected an integer other than -9223372036854775808 (that value marks a "
                "missing block)");
}

TEST_F(BlockModelCsv, PositionMismatch) {
  EXPECT_EQ(error("i,j,k,xc,yc,zc,AU\n3,1,0,125,230,302.5,1\n").headline(),
            file_ +
                ":2:1: error[input.position_mismatch]: i,j,k is (3, 1, 0) but the centroid "
                "(125, 230, 302.5) gives block (2, 1, 0), expected the same block");
  // Block (3,1,0) has centre (135, 230, 302.5).
  EXPECT_EQ(error("i,j,k,xc,yc,zc,AU\n3,1,0,125,230,302.5,1\n", CsvModelOptions::ijk).headline(),
            file_ +
                ":2:7: error[input.position_mismatch]: centroid (125, 230, 302.5) is not the "
                "centre of block (3, 1, 0) given by i,j,k, expected (135, 230, 302.5)");
}

TEST_F(BlockModelCsv, WholeFileIsCheckedAndAllFindingsCounted) {
  const Error e = error(
      "XC,YC,ZC,AU\n"
      "121,230,302.5,1\n"    // line 2: off grid
      "125,230,302.5,x\n"    // line 3: bad number
      "95,230,302.5,1\n"     // line 4: outside
      "105,210,307.5,2\n");  // line 5: fine
  EXPECT_EQ(e.total, 3u);
  EXPECT_EQ(e.formatted(),
            file_ +
                ":2:1: error[input.off_grid]: centroid (121, 230, 302.5) is not a block "
                "centre of the grid; nearest centre is (125, 230, 302.5)\n" +
                file_ + ":3:15: error[input.bad_number]: field 'AU' is 'x', expected a number\n" +
                file_ +
                ":4:1: error[input.outside_grid]: centroid (95, 230, 302.5) is outside "
                "the grid of 4 x 3 x 2 blocks from origin (100, 200, 300), expected a "
                "block centre inside it");
}

TEST_F(BlockModelCsv, ManyFindingsAreCountedBeyondTheKeptOnes) {
  std::string text = "I,J,K,AU\n";
  for (int r = 0; r < 25; ++r) text += "x,0,0,1\n";  // 25 rows with no block index
  const Error e = error(text, CsvModelOptions::ijk);
  EXPECT_EQ(e.total, 25u);
  EXPECT_EQ(e.more.size(), 19u);  // ErrorList keeps 20
  const std::string tail = "\n... and 5 more errors (25 in all)";
  const std::string all = e.formatted();
  EXPECT_EQ(all.substr(all.size() - tail.size()), tail);
}

// A grid origin that misses the rows puts every row outside it: one error with the count and
// where to look, not one per row.
TEST_F(BlockModelCsv, RowsOutsideTheGridAreOneErrorWithTheCount) {
  std::string text = "I,J,K,AU\n";
  for (int r = 0; r < 25; ++r) text += "9,0,0,1\n";
  const Error e = error(text, CsvModelOptions::ijk);
  EXPECT_EQ(e.total, 1u);
  EXPECT_EQ(e.code(), "input.outside_grid");
  EXPECT_EQ(e.location().line, 2);
  EXPECT_NE(e.message().find("25 of 25 rows lie outside the grid (first: block (9, 0, 0) is "
                             "outside the grid"),
            std::string::npos)
      << e.message();
  EXPECT_NE(e.message().find("check the X/Y/Z (or I/J/K) columns"), std::string::npos);
}

TEST_F(BlockModelCsv, HeaderProblems) {
  EXPECT_EQ(error("XC,YC,AU\n125,230,1\n").headline(),
            file_ +
                ":1:1: error[input.missing_column]: no z coordinate column in header "
                "[XC,YC,AU], expected one of: ZC, Z, ZCENTRE, ZCENTER, Z_CENTRE, Z_CENTER, "
                "ELEV, ELEVATION, RL");
  EXPECT_EQ(error("I,J,AU\n2,1,1\n", CsvModelOptions::ijk).headline(),
            file_ +
                ":1:1: error[input.missing_column]: no k index column in header [I,J,AU], "
                "expected one of: K, IZ");
  EXPECT_EQ(error("XC,X,YC,ZC,AU\n125,125,230,302.5,1\n").headline(),
            file_ +
                ":1: error[input.ambiguous_column]: header has columns 'XC' and 'X' for the "
                "x coordinate, expected exactly one");
  EXPECT_EQ(error("XC,YC,ZC\n125,230,302.5\n").headline(),
            file_ +
                ":1: error[input.no_attributes]: header [XC,YC,ZC] has only position "
                "columns, expected at least one attribute column");
  EXPECT_EQ(error("XC,YC,ZC,AU,AU\n125,230,302.5,1,2\n").headline(),
            file_ +
                ":1: error[input.duplicate_column]: header names column 'AU' twice, "
                "expected unique names");
  EXPECT_EQ(error("XC,YC,ZC,AU,\n125,230,302.5,1,2\n").headline(),
            file_ +
                ":1: error[input.bad_column_name]: header column 5 has no name, expected a "
                "column name");
  EXPECT_EQ(error("XC,YC,ZC,AU,CODE\n125,230,302.5,1,2\n", CsvModelOptions::centroid, {"ROCK"})
                .headline(),
            file_ +
                ":1: error[input.missing_column]: integer column 'ROCK' is not an attribute "
                "column of the file, expected one of: AU, CODE");
}

// ---- writer ----

BlockModel small_model() {
  BlockModel m(small_grid(), "EPSG:32638");
  m.add_column("AU", ColumnType::float64);
  m.add_column("CODE", ColumnType::int64);
  m.f64("AU")[6] = 1.5;
  m.i64("CODE")[6] = 7;
  m.f64("AU")[12] = 0.25;
  return m;
}

TEST_F(BlockModelCsv, WriterTextIsExact) {
  const std::string out = path("out.csv");
  write_block_model_csv(out, small_model());
  EXPECT_EQ(io::read_text(out),
            "i,j,k,xc,yc,zc,AU,CODE\n"
            "2,1,0,125,230,302.5,1.5,7\n"
            "0,0,1,105,210,307.5,0.25,\n");
}

TEST_F(BlockModelCsv, WriterAllBlocks) {
  const std::string out = path("all.csv");
  write_block_model_csv(out, small_model(), {.all_blocks = true});
  const std::string text = io::read_text(out);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 25);  // header + 24 blocks
  const std::string head = "i,j,k,xc,yc,zc,AU,CODE\n0,0,0,105,210,302.5,,\n";
  EXPECT_EQ(text.substr(0, head.size()), head);
}

TEST_F(BlockModelCsv, WriterQuotesAwkwardNames) {
  BlockModel m(small_grid());
  m.add_column("Au, g/t", ColumnType::float64);
  m.f64("Au, g/t")[6] = 2;
  const std::string out = path("q.csv");
  write_block_model_csv(out, m);
  EXPECT_EQ(io::read_text(out), "i,j,k,xc,yc,zc,\"Au, g/t\"\n2,1,0,125,230,302.5,2\n");
  CsvModelOptions options;
  options.grid = small_grid();
  EXPECT_EQ(read_block_model_csv(out, options).f64("Au, g/t")[6], 2.0);
}

TEST_F(BlockModelCsv, CsvRoundTripIsBitExactOnRotatedGrid) {
  BlockModel m(rotated_grid(), "EPSG:32638");
  auto& au = m.add_column("AU", ColumnType::float64).f64;
  auto& code = m.add_column("CODE", ColumnType::int64).i64;
  au = {1.0 / 3.0, -0.0, 1e-300, 123456789.123456789, kNaN, 4.9e-324};
  code = {std::numeric_limits<std::int64_t>::max(), -1, 0, 42, kMissingInt, kMissingInt + 1};
  m.f64("AU")[4] = kNaN;  // block 4 has no value in any column: absent
  code[4] = kMissingInt;
  const std::string out = path("rt.csv");
  write_block_model_csv(out, m);
  for (const auto position : {CsvModelOptions::centroid, CsvModelOptions::ijk}) {
    CsvModelOptions options;
    options.grid = rotated_grid();
    options.crs = "EPSG:32638";
    options.position = position;
    options.int_columns = {"CODE"};
    CsvReadStats stats;
    const BlockModel back = read_block_model_csv(out, options, &stats);
    EXPECT_EQ(stats.blocks_listed, 5);
    EXPECT_EQ(stats.blocks_not_listed, 1);
    ASSERT_EQ(back.column_names(), m.column_names());
    for (std::size_t b = 0; b < 6; ++b) {
      if (std::isnan(au[b]))
        EXPECT_TRUE(std::isnan(back.f64("AU")[b]));
      else
        EXPECT_EQ(std::bit_cast<std::uint64_t>(back.f64("AU")[b]),
                  std::bit_cast<std::uint64_t>(au[b]))
            << "block " << b;
      EXPECT_EQ(back.i64("CODE")[b], code[b]) << "block " << b;
    }
  }
}

// ---- failed writes leave nothing ----

TEST_F(BlockModelCsv, ReservedColumnNameIsRejectedAndNoFileIsWritten) {
  BlockModel m(small_grid());
  m.add_column("X", ColumnType::float64);
  const std::string out = path("bad.csv");
  try {
    write_block_model_csv(out, m);
    FAIL() << "expected input.reserved_column";
  } catch (const Error& e) {
    EXPECT_EQ(e.headline(),
              "error[input.reserved_column]: column 'X' would read back as the x "
              "coordinate column, expected a name that is not a position column "
              "alias");
  }
  EXPECT_FALSE(std::filesystem::exists(out));
  EXPECT_TRUE(entries().empty());
}

TEST_F(BlockModelCsv, FailedRenameLeavesNoTemporaryFile) {
  const std::string out = path("target");
  std::filesystem::create_directories(std::filesystem::path(out) / "occupied");
  EXPECT_THROW(write_block_model_csv(out, small_model()), Error);
  EXPECT_EQ(entries(), (std::vector<std::string>{"target"}));  // only the folder itself
  EXPECT_TRUE(std::filesystem::is_directory(out));
}

TEST_F(BlockModelCsv, InconsistentModelWritesNothing) {
  BlockModel m = small_model();
  m.grid.counts[0] = 5;
  EXPECT_THROW(write_block_model_csv(path("x.csv"), m), Error);
  EXPECT_TRUE(entries().empty());
}

}  // namespace
}  // namespace lodeline::blockmodel
