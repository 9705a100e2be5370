// SPDX-License-Identifier: Apache-2.0
// CLI contracts for `lodeline pit`: hand-computed happy paths (PIT.txt content, text and --json
// summary lines) and bad inputs (the exact stderr line, the exact exit status, nothing on
// stdout, and no output file nor "*.tmp-*" leftover).
//
// Every test writes its inputs into a fresh folder under the system temp directory, so the
// expected messages are built from that folder's path.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "cli_harness.hpp"

namespace fs = std::filesystem;

namespace {

using Result = lodeline::test::CliResult;
Result run(const std::vector<std::string>& args) { return lodeline::test::run_lodeline(args); }

using lodeline::test::slurp;

// Explicit instance, by hand. Block 0 (value -3) is overburden of ore block 1 (+5): {0, 1} is
// worth 2. Block 3 (+1) requires block 2 (-1): {2, 3} is worth 0, a tie with leaving them, so
// the minimal optimal closure leaves them. Answer: blocks 0 and 1, value 2.
constexpr const char* kValues = "# id value\n0 -3\n1 5\n2 -1\n3 1\n";
constexpr const char* kPrecedence = "1 1 0\n3 1 2\n";

// Regular 5 x 1 x 3 model (x fastest, then z; z = 0 lowest), 45 degrees over 1 bench: block
// (i, k) requires (i - 1, k + 1), (i, k + 1), (i + 1, k + 1) where they exist.
//   k = 2 (top):    -1 -1 -1 -1 -1      ids 10..14
//   k = 1:          -1 -1 -1 -1 -1      ids  5..9
//   k = 0 (bottom):  0  0 10  0  0      ids  0..4
// Ore block (2, 0) needs (1..3, 1) and (0..4, 2): 8 blocks of -1, so the pit is worth 10 - 8 =
// 2 with 9 blocks: 2, 6, 7, 8, 10, 11, 12, 13, 14. The zero blocks of k = 0 would add nothing
// (or cost more), so the minimal closure leaves them.
constexpr const char* kRegular =
    "0\n0\n10\n0\n0\n"
    "-1\n-1\n-1\n-1\n-1\n"
    "-1\n-1\n-1\n-1\n-1\n";

class CliPit : public lodeline::test::TempFolderTest {
 protected:
  void SetUp() override {
    TempFolderTest::SetUp();
    out_ = path("PIT.txt");
  }

  [[nodiscard]] Result pit(const std::vector<std::string>& extra) const {
    std::vector<std::string> args = {"pit"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.insert(args.end(), {"--out", out_});
    return run(args);
  }

  Result explicit_pit(const std::string& values, const std::string& precedence) const {
    return pit(
        {"--values", put("values.txt", values), "--precedence", put("prec.txt", precedence)});
  }

  Result regular_pit(const std::string& values, const std::vector<std::string>& extra) const {
    std::vector<std::string> args = {"--values", put("model.txt", values), "--regular", "5", "1",
                                     "3"};
    args.insert(args.end(), extra.begin(), extra.end());
    return pit(args);
  }

  // A failed `pit`: exit status, exact stderr, nothing on stdout, no output nor temp file.
  void expect_failure(const Result& r, int rc, const std::string& err) const {
    EXPECT_EQ(r.rc, rc);
    EXPECT_EQ(r.err, err);
    EXPECT_EQ(r.out, "");
    EXPECT_FALSE(fs::exists(out_)) << out_ << " was left behind";
    for (const auto& e : fs::directory_iterator(dir_))
      EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos)
          << e.path() << " was left behind";
  }

  std::string out_;
};

// ------------------------------------------------------------------------------------------
// Happy paths

TEST_F(CliPit, ExplicitByHand) {
  const Result r = explicit_pit(kValues, kPrecedence);
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(slurp(out_), "0\n1\n");
  EXPECT_TRUE(std::regex_match(
      r.out,
      std::regex(R"(pit value 2, 2 blocks mined, [0-9]+\.[0-9]{3} s -> )" +
                 std::regex_replace(out_, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)") + "\n")))
      << r.out;
}

TEST_F(CliPit, ExplicitJson) {
  const Result r = pit({"--values", put("values.txt", kValues), "--precedence",
                        put("prec.txt", kPrecedence), "--json"});
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(slurp(out_), "0\n1\n");
  EXPECT_TRUE(std::regex_match(
      r.out, std::regex(R"(\{"value": 2, "blocks_mined": 2, "seconds": [0-9.eE+-]+\}\n)")))
      << r.out;
}

TEST_F(CliPit, ExplicitNothingWorthMining) {
  // Only ties and losses: the minimal optimal closure is empty, value 0.
  const Result r = pit({"--values", put("values.txt", "0 -1\n1 1\n2 -5\n"), "--precedence",
                        put("prec.txt", "1 1 0\n"), "--json"});
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_EQ(slurp(out_), "");
  EXPECT_TRUE(std::regex_match(
      r.out, std::regex(R"(\{"value": 0, "blocks_mined": 0, "seconds": [0-9.eE+-]+\}\n)")))
      << r.out;
}

TEST_F(CliPit, Regular2dSlope45OneBench) {
  const Result r = regular_pit(kRegular, {"--slope", "45", "--benches", "1", "--json"});
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(slurp(out_), "2\n6\n7\n8\n10\n11\n12\n13\n14\n");
  EXPECT_TRUE(std::regex_match(
      r.out, std::regex(R"(\{"value": 2, "blocks_mined": 9, "seconds": [0-9.eE+-]+\}\n)")))
      << r.out;
}

TEST_F(CliPit, Regular2dPatternFile) {
  // The same slope as an explicit offsets file gives the same pit.
  const Result r =
      regular_pit(kRegular, {"--pattern", put("pattern.txt", "-1 0 1\n0 0 1\n1 0 1\n"), "--json"});
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_EQ(slurp(out_), "2\n6\n7\n8\n10\n11\n12\n13\n14\n");
  EXPECT_TRUE(std::regex_match(
      r.out, std::regex(R"(\{"value": 2, "blocks_mined": 9, "seconds": [0-9.eE+-]+\}\n)")))
      << r.out;
}

// ------------------------------------------------------------------------------------------
// Bad values files (explicit)

TEST_F(CliPit, ValuesWrongFieldCount) {
  const Result r = explicit_pit("0 -3\n1 5 7\n", "1 1 0\n");
  expect_failure(
      r, 3,
      path("values.txt") + ":2:5: error[input.bad_count]: 3 fields, expected 2 ('id value')\n");
}

TEST_F(CliPit, ValuesNonInteger) {
  const Result r = explicit_pit("0 -3\n1 5.5\n", "1 1 0\n");
  expect_failure(
      r, 3,
      path("values.txt") + ":2:3: error[input.bad_integer]: value is '5.5', expected an integer\n");
}

TEST_F(CliPit, ValuesIdOutOfRange) {
  const Result r = explicit_pit("0 -3\n2 5\n", "1 1 0\n");
  expect_failure(
      r, 3,
      path("values.txt") + ":2:1: error[input.bad_id]: block id is 2, expected an id in [0, 2)\n");
}

TEST_F(CliPit, ValuesDuplicateId) {
  const Result r = explicit_pit("0 -3\n1 5\n0 4\n", "1 1 0\n");
  expect_failure(r, 3,
                 path("values.txt") +
                     ":3:1: error[input.duplicate_id]: block 0 appears again (first on line 1), "
                     "expected each id once\n");
}

TEST_F(CliPit, ValuesEmptyFile) {
  const Result r = explicit_pit("# nothing\n\n", "1 1 0\n");
  expect_failure(r, 3,
                 path("values.txt") +
                     ": error[input.empty_file]: no values, expected one 'id value' line per "
                     "block\n");
}

// ------------------------------------------------------------------------------------------
// Bad precedence files

TEST_F(CliPit, PrecedenceCountMismatch) {
  const Result r = explicit_pit(kValues, "1 2 0\n");
  expect_failure(r, 3,
                 path("prec.txt") +
                     ":1:3: error[input.bad_count]: block 1 declares 2 predecessors but lists 1, "
                     "expected the count to match the ids that follow\n");
}

TEST_F(CliPit, PrecedenceIdOutOfRange) {
  const Result r = explicit_pit(kValues, "1 1 0\n3 1 4\n");
  expect_failure(r, 3,
                 path("prec.txt") +
                     ":2:5: error[input.bad_id]: predecessor id is 4, expected an id in [0, 4)\n");
}

TEST_F(CliPit, PrecedenceCycle) {
  const Result r = explicit_pit(kValues, "0 1 1\n1 1 2\n2 1 0\n");
  expect_failure(r, 3,
                 path("prec.txt") +
                     ":1:1: error[input.precedence_cycle]: block 0 is on a precedence cycle "
                     "(0 -> 1 -> 2 -> 0), expected precedence without cycles\n");
}

// ------------------------------------------------------------------------------------------
// Bad regular models, patterns and slopes

TEST_F(CliPit, PatternDzNotPositive) {
  const Result r = regular_pit(kRegular, {"--pattern", put("pattern.txt", "0 0 1\n1 0 0\n")});
  expect_failure(r, 3,
                 path("pattern.txt") +
                     ":2:5: error[input.bad_pattern]: dz is 0, expected dz > 0 (a block requires "
                     "blocks above it)\n");
}

// --slope-deg and --benches are slope_deg and benches of a project's [pit], read through its
// one declaration; --slope stays as the older spelling. Same pit as Regular2dSlope45OneBench.
TEST_F(CliPit, SlopeDegIsThePitKeyAndSlopeItsAlias) {
  const Result r = regular_pit(kRegular, {"--slope-deg", "45", "--benches", "1"});
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_EQ(slurp(out_), "2\n6\n7\n8\n10\n11\n12\n13\n14\n");
}

TEST_F(CliPit, SlopeWithPatternIsUsage) {
  const Result r =
      regular_pit(kRegular, {"--slope-deg", "45", "--pattern", put("pattern.txt", "0 0 1\n")});
  expect_failure(r, 2,
                 "error[usage.bad_option]: --slope-deg is given with --pattern or --precedence, "
                 "expected one way to give the precedence\n");
}

TEST_F(CliPit, SlopeZero) {
  const Result r = regular_pit(kRegular, {"--slope", "0"});
  expect_failure(r, 2,
                 "error[usage.bad_option]: '--slope-deg' is 0, expected a number in (0, 90) deg\n");
}

TEST_F(CliPit, SlopeNinety) {
  const Result r = regular_pit(kRegular, {"--slope-deg", "90"});
  expect_failure(
      r, 2, "error[usage.bad_option]: '--slope-deg' is 90, expected a number in (0, 90) deg\n");
}

TEST_F(CliPit, BenchesZero) {
  const Result r = regular_pit(kRegular, {"--slope", "45", "--benches", "0"});
  expect_failure(r, 2,
                 "error[usage.bad_option]: '--benches' is 0, expected a whole number from 1 to "
                 "100\n");
}

TEST_F(CliPit, RegularWithoutSlopeOrPattern) {
  const Result r = regular_pit(kRegular, {});
  expect_failure(r, 2,
                 "error[usage.missing_option]: --regular without --slope-deg or --pattern, "
                 "expected one of them\n");
}

TEST_F(CliPit, RegularTooFewValues) {
  const Result r =
      regular_pit("0\n0\n10\n0\n0\n-1\n-1\n-1\n-1\n-1\n-1\n-1\n-1\n-1\n", {"--slope", "45"});
  expect_failure(
      r, 3,
      path("model.txt") +
          ":15: error[input.bad_count]: 14 values, expected NX*NY*NZ = 15 (5 x 1 x 3)\n");
}

TEST_F(CliPit, RegularTooManyValues) {
  const Result r = regular_pit(std::string(kRegular) + "7\n", {"--slope", "45"});
  expect_failure(r, 3,
                 path("model.txt") +
                     ":16:1: error[input.bad_count]: more than 15 values, expected NX*NY*NZ = 15 "
                     "(5 x 1 x 3)\n");
}

}  // namespace
