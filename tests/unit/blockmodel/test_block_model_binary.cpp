// SPDX-License-Identifier: Apache-2.0
// Unit tests of the binary .lbm format: exact layout, bit-exact round trip, damaged files.
#include <gtest/gtest.h>

#include <bit>
#include <cstring>
#include <limits>

#include "lodeline/blockmodel/block_model_io.hpp"
#include "lodeline/io/text_file.hpp"
#include "temp_dir.hpp"

namespace lodeline::blockmodel {
namespace {

using testing::rotated_grid;
using testing::small_grid;

BlockModel small_model() {
  BlockModel m(small_grid(), "EPSG:32638");
  m.add_column("AU", ColumnType::float64);
  m.add_column("CODE", ColumnType::int64);
  m.f64("AU")[6] = 1.5;
  m.i64("CODE")[6] = 7;
  m.f64("AU")[12] = 0.25;
  return m;
}

/// The JSON header small_model() is written with.
const std::string kSmallHeader =
    R"({"format":"lodeline.block_model","version":1,"grid":{"origin":[100.0,200.0,300.0],)"
    R"("block_size":[10.0,20.0,5.0],"counts":[4,3,2],"rotation_deg":0.0},"crs":"EPSG:32638",)"
    R"("columns":[{"name":"AU","type":"float64"},{"name":"CODE","type":"int64"}]})";

std::string le64(std::uint64_t v) {
  std::string out;
  for (int b = 0; b < 8; ++b) out += static_cast<char>((v >> (8 * b)) & 0xFF);
  return out;
}

class BlockModelBinary : public testing::TempDirTest {
 protected:
  void SetUp() override {
    TempDirTest::SetUp();
    file_ = path("bad.lbm");  // known before a read runs: EXPECT_EQ's arguments are unsequenced
  }

  Error error_reading(const std::string& bytes) {
    write("bad.lbm", bytes);
    try {
      (void)read_block_model_binary(file_);
    } catch (const Error& e) {
      return e;
    }
    ADD_FAILURE() << "expected an error";
    return Error("none", "none");
  }

  std::string small_bytes() {
    const std::string out = path("small.lbm");
    write_block_model_binary(out, small_model());
    return io::read_text(out);
  }

  std::string file_;
};

TEST_F(BlockModelBinary, LayoutIsExact) {
  const std::string bytes = small_bytes();
  const std::size_t header_end = 16 + kSmallHeader.size();
  ASSERT_EQ(bytes.size(), header_end + 2 * 24 * 8);  // two columns of 24 blocks, 8 bytes each
  EXPECT_EQ(bytes.substr(0, 8), "LODELBM1");
  EXPECT_EQ(bytes.substr(8, 8), le64(kSmallHeader.size()));
  EXPECT_EQ(bytes.substr(16, kSmallHeader.size()), kSmallHeader);
  // AU[6] = 1.5 = 0x3FF8000000000000; CODE[6] = 7; CODE[0] is INT64_MIN = 0x8000000000000000.
  EXPECT_EQ(bytes.substr(header_end + 6 * 8, 8), le64(0x3FF8000000000000ULL));
  EXPECT_EQ(bytes.substr(header_end + 24 * 8 + 6 * 8, 8), le64(7));
  EXPECT_EQ(bytes.substr(header_end + 24 * 8, 8), le64(0x8000000000000000ULL));
}

TEST_F(BlockModelBinary, RoundTripIsBitExactOnRotatedGrid) {
  BlockGrid g = rotated_grid();
  g.origin_m = {500000.123456789, 7000000.987654321, -12.3};
  BlockModel m(g, "EPSG:32638");
  m.add_column("AU", ColumnType::float64).f64 = {1.0 / 3.0,
                                                 -0.0,
                                                 4.9e-324,
                                                 std::bit_cast<double>(0x7FF8000000000123ULL),
                                                 std::numeric_limits<double>::quiet_NaN(),
                                                 std::numeric_limits<double>::max()};
  m.add_column("CODE", ColumnType::int64).i64 = {
      std::numeric_limits<std::int64_t>::max(), -1, 0, kMissingInt, 42, kMissingInt + 1};
  m.add_column("EMPTY", ColumnType::float64);
  const std::string out = path("rt.lbm");
  write_block_model_binary(out, m);
  const BlockModel back = read_block_model_binary(out);
  EXPECT_EQ(std::bit_cast<std::uint64_t>(back.grid.rotation_deg),
            std::bit_cast<std::uint64_t>(g.rotation_deg));
  for (int a = 0; a < 3; ++a) {
    EXPECT_EQ(std::bit_cast<std::uint64_t>(back.grid.origin_m[a]),
              std::bit_cast<std::uint64_t>(g.origin_m[a]));
    EXPECT_EQ(std::bit_cast<std::uint64_t>(back.grid.block_size_m[a]),
              std::bit_cast<std::uint64_t>(g.block_size_m[a]));
    EXPECT_EQ(back.grid.counts[a], g.counts[a]);
  }
  EXPECT_EQ(back.crs, "EPSG:32638");
  ASSERT_EQ(back.column_names(), (std::vector<std::string>{"AU", "CODE", "EMPTY"}));
  EXPECT_EQ(back.column("CODE").type, ColumnType::int64);
  EXPECT_EQ(std::memcmp(back.f64("AU").data(), m.f64("AU").data(), 6 * 8), 0);  // NaN payloads too
  EXPECT_EQ(back.i64("CODE"), m.i64("CODE"));
  EXPECT_EQ(std::memcmp(back.f64("EMPTY").data(), m.f64("EMPTY").data(), 6 * 8), 0);
}

TEST_F(BlockModelBinary, ModelWithoutColumnsRoundTrips) {
  const std::string out = path("none.lbm");
  write_block_model_binary(out, BlockModel(small_grid()));
  const BlockModel back = read_block_model_binary(out);
  EXPECT_TRUE(back.column_names().empty());
  EXPECT_EQ(back.grid.block_count(), 24);
  EXPECT_EQ(back.crs, "");
}

TEST_F(BlockModelBinary, TruncatedFiles) {
  const std::string bytes = small_bytes();
  const std::size_t e = 16 + kSmallHeader.size();  // first byte of column AU
  const auto message = [&](std::size_t keep) {
    return error_reading(bytes.substr(0, keep)).headline();
  };
  EXPECT_EQ(message(0), file_ +
                            ": error[input.bad_binary]: file is truncated at byte offset 0 "
                            "inside the magic (bytes 0..8), expected at least 8 bytes");
  EXPECT_EQ(message(5), file_ +
                            ": error[input.bad_binary]: file is truncated at byte offset 5 "
                            "inside the magic (bytes 0..8), expected at least 8 bytes");
  EXPECT_EQ(message(12), file_ +
                             ": error[input.bad_binary]: file is truncated at byte offset 12 "
                             "inside the header length (bytes 8..16), expected at least 16 "
                             "bytes");
  EXPECT_EQ(message(40),
            file_ +
                ": error[input.bad_binary]: file is truncated at byte offset 40 inside the "
                "JSON header (bytes 16.." +
                std::to_string(e) + "), expected at least " + std::to_string(e) + " bytes");
  EXPECT_EQ(message(e + 10), file_ +
                                 ": error[input.bad_binary]: file is truncated at byte offset " +
                                 std::to_string(e + 10) + " inside column 'AU' (bytes " +
                                 std::to_string(e) + ".." + std::to_string(e + 192) +
                                 "), expected at least " + std::to_string(e + 192) + " bytes");
  EXPECT_EQ(message(e + 300), file_ +
                                  ": error[input.bad_binary]: file is truncated at byte offset " +
                                  std::to_string(e + 300) + " inside column 'CODE' (bytes " +
                                  std::to_string(e + 192) + ".." + std::to_string(e + 384) +
                                  "), expected at least " + std::to_string(e + 384) + " bytes");
  const std::string last = file_ + ": error[input.bad_binary]: file is truncated at byte offset " +
                           std::to_string(bytes.size() - 1) + " inside column 'CODE'";
  EXPECT_EQ(message(bytes.size() - 1).substr(0, last.size()), last);
}

TEST_F(BlockModelBinary, TrailingBytes) {
  const std::string bytes = small_bytes();
  EXPECT_EQ(error_reading(bytes + "x").headline(),
            file_ + ": error[input.bad_binary]: file has " + std::to_string(bytes.size() + 1) +
                " bytes, expected exactly " + std::to_string(bytes.size()) +
                "; unexpected data from byte offset " + std::to_string(bytes.size()));
}

TEST_F(BlockModelBinary, WrongMagic) {
  for (const std::string& bytes :
       {std::string("LODELBM2") + small_bytes().substr(8), std::string("i,j,k\n")}) {
    const Error e = error_reading(bytes);
    EXPECT_EQ(e.headline(), file_ +
                                ": error[input.bad_binary]: bytes 0..8 are not the magic "
                                "'LODELBM1', expected a lodeline block model (.lbm) file");
  }
}

TEST_F(BlockModelBinary, BadHeaders) {
  const auto with_header = [](const std::string& json) {
    std::string out = "LODELBM1";
    out += le64(json.size());
    out += json;
    return out;
  };
  const Error syntax = error_reading(with_header("{\"format\":"));
  EXPECT_EQ(syntax.code(), "input.bad_binary");
  EXPECT_EQ(syntax.message().rfind("JSON header is malformed at byte offset ", 0), 0u)
      << syntax.message();

  const std::string v2 = R"({"format":"lodeline.block_model","version":2})";
  EXPECT_EQ(error_reading(with_header(v2)).headline(),
            file_ + ": error[input.bad_binary]: JSON header (bytes 16.." +
                std::to_string(16 + v2.size()) +
                ") has format \"lodeline.block_model\" version 2, expected format "
                "\"lodeline.block_model\" version 1");

  const std::string bad_type =
      R"({"format":"lodeline.block_model","version":1,"grid":{"origin":[0,0,0],)"
      R"("block_size":[1,1,1],"counts":[1,1,1]},"crs":"","columns":[{"name":"AU","type":"f32"}]})";
  EXPECT_EQ(error_reading(with_header(bad_type)).headline(),
            file_ + ": error[input.bad_binary]: JSON header (bytes 16.." +
                std::to_string(16 + bad_type.size()) +
                R"() has column {"name":"AU","type":"f32"}, expected {"name": non-empty string, )"
                R"("type": "float64" or "int64"})");

  const std::string twice =
      R"({"format":"lodeline.block_model","version":1,"grid":{"origin":[0,0,0],)"
      R"("block_size":[1,1,1],"counts":[1,1,1]},"crs":"","columns":[{"name":"AU",)"
      R"("type":"int64"},{"name":"AU","type":"float64"}]})";
  EXPECT_EQ(error_reading(with_header(twice) + std::string(16, '\0')).headline(),
            file_ + ": error[input.bad_binary]: JSON header (bytes 16.." +
                std::to_string(16 + twice.size()) +
                ") names column 'AU' twice, expected unique names");

  const std::string bad_grid =
      R"({"format":"lodeline.block_model","version":1,"grid":{"origin":[0,0,0],)"
      R"("block_size":[1,0,1],"counts":[1,1,1]},"crs":"","columns":[]})";
  EXPECT_EQ(error_reading(with_header(bad_grid)).code(), "input.bad_grid");

  // A number beyond the largest double (nlohmann-json's out_of_range): at its byte offset.
  const std::string overflow =
      R"({"format":"lodeline.block_model","version":1,"grid":{"origin":[0,0,1e309]}})";
  EXPECT_EQ(error_reading(with_header(overflow)).headline(),
            file_ + ": error[input.bad_binary]: JSON header has number '1e309' at byte offset " +
                std::to_string(16 + overflow.find("1e309")) +
                ", beyond the largest double (about 1.8e308), expected a finite number");
}

TEST_F(BlockModelBinary, FailedWritesLeaveNoFile) {
  BlockModel m(small_grid());
  m.add_column("\xff", ColumnType::float64);  // not UTF-8: cannot go into the JSON header
  try {
    write_block_model_binary(path("bad.lbm"), m);
    FAIL() << "expected input.bad_text";
  } catch (const Error& e) {
    EXPECT_EQ(e.headline(),
              "error[input.bad_text]: a column name or the CRS is not valid UTF-8, "
              "expected UTF-8 text for the .lbm header");
  }
  EXPECT_TRUE(entries().empty());

  BlockModel changed = small_model();
  changed.grid.counts[2] = 1;  // columns still hold 24 values, the grid now has 12 blocks
  EXPECT_THROW(write_block_model_binary(path("changed.lbm"), changed), Error);
  EXPECT_TRUE(entries().empty());

  const std::string occupied = path("target.lbm");
  std::filesystem::create_directories(std::filesystem::path(occupied) / "inside");
  EXPECT_THROW(write_block_model_binary(occupied, small_model()), Error);
  EXPECT_EQ(entries(), (std::vector<std::string>{"target.lbm"}));
}

}  // namespace
}  // namespace lodeline::blockmodel
