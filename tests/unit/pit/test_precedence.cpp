// SPDX-License-Identifier: Apache-2.0
// Pit input readers: accepted forms, every bad-input error with its message, slope patterns.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "lodeline/core/error.hpp"
#include "lodeline/pit/precedence.hpp"
#include "support/error_of.hpp"

using namespace lodeline;
using pit::Offset;

namespace {

using lodeline::test::error_of;

std::string data(const std::string& name) {
  return std::string(LODELINE_TEST_DATA) + "/pit/" + name;
}

}  // namespace

TEST(Values, AnyOrderCommentsAndBlankLines) {
  const auto v = pit::parse_values("# id value\n2 -7\n\n0 5\r\n 1\t+3 \n", "v.txt");
  EXPECT_EQ(v, (std::vector<std::int64_t>{5, 3, -7}));
}

TEST(Values, Errors) {
  const auto values = [](const char* text) {
    return error_of([&] { (void)pit::parse_values(text, "v.txt"); });
  };
  EXPECT_EQ(values("0 5\n1 x7\n"),
            "v.txt:2:3: error[input.bad_integer]: value is 'x7', expected an integer");
  EXPECT_EQ(values("0 5\n1.5 7\n"),
            "v.txt:2:1: error[input.bad_integer]: block id is '1.5', expected an integer");
  EXPECT_EQ(values("0 5\n2 1\n"),
            "v.txt:2:1: error[input.bad_id]: block id is 2, expected an id in [0, 2)");
  EXPECT_EQ(values("0 5\n-1 1\n"),
            "v.txt:2:1: error[input.bad_id]: block id is -1, expected an id in [0, 2)");
  EXPECT_EQ(values("0 5\n0 1\n"),
            "v.txt:2:1: error[input.duplicate_id]: block 0 appears again (first on line 1), "
            "expected each id once");
  EXPECT_EQ(values("0 5 6\n"),
            "v.txt:1:5: error[input.bad_count]: 3 fields, expected 2 ('id value')");
  EXPECT_EQ(values("0\n"), "v.txt:1:2: error[input.bad_count]: 1 field, expected 2 ('id value')");
  EXPECT_EQ(values("# nothing\n\n"),
            "v.txt: error[input.empty_file]: no values, expected one 'id value' line per block");
}

TEST(Precedence, CsrWithMissingLines) {
  const auto p = pit::parse_precedence("2 2 0 1\n0 0\n", "p.txt", 4);
  EXPECT_EQ(p.offsets, (std::vector<std::int64_t>{0, 0, 0, 2, 2}));
  EXPECT_EQ(p.targets, (std::vector<std::int64_t>{0, 1}));
}

TEST(Precedence, Errors) {
  const auto prec = [](const char* text) {
    return error_of([&] { (void)pit::parse_precedence(text, "p.txt", 3); });
  };
  EXPECT_EQ(prec("0 2 1\n"),
            "p.txt:1:3: error[input.bad_count]: block 0 declares 2 predecessors but lists 1, "
            "expected the count to match the ids that follow");
  EXPECT_EQ(prec("1 1 0 2\n"),
            "p.txt:1:3: error[input.bad_count]: block 1 declares 1 predecessors but lists 2, "
            "expected the count to match the ids that follow");
  EXPECT_EQ(prec("1 -1\n"),
            "p.txt:1:3: error[input.bad_count]: block 1 declares -1 predecessors but lists 0, "
            "expected the count to match the ids that follow");
  EXPECT_EQ(prec("1\n"),
            "p.txt:1:2: error[input.bad_count]: no predecessor count, expected 'id n p1 ... pn'");
  EXPECT_EQ(prec("0 1 5\n"),
            "p.txt:1:5: error[input.bad_id]: predecessor id is 5, expected an id in [0, 3)");
  EXPECT_EQ(prec("3 0\n"),
            "p.txt:1:1: error[input.bad_id]: block id is 3, expected an id in [0, 3)");
  EXPECT_EQ(prec("0 1 1\n0 1 2\n"),
            "p.txt:2:1: error[input.duplicate_id]: block 0 has a second precedence line (first "
            "on line 1), expected one line per block");
  EXPECT_EQ(prec("0 a 1\n"),
            "p.txt:1:3: error[input.bad_integer]: predecessor count is 'a', expected an integer");
  EXPECT_EQ(prec("0 1 1e0\n"),
            "p.txt:1:5: error[input.bad_integer]: predecessor id is '1e0', expected an integer");
  EXPECT_EQ(prec("2 1 1\n0 1 1\n1 1 0\n"),
            "p.txt:2:1: error[input.precedence_cycle]: block 0 is on a precedence cycle "
            "(0 -> 1 -> 0), expected precedence without cycles");
  EXPECT_EQ(prec("0 0\n\n1 2 0 1\n"),
            "p.txt:3:1: error[input.precedence_cycle]: block 1 is on a precedence cycle "
            "(1 -> 1), expected precedence without cycles");
}

TEST(RegularValues, OrderAndErrors) {
  EXPECT_EQ(pit::parse_regular_values("1\n-2\n\n3\n4\n", "m.dat", 2, 2, 1),
            (std::vector<std::int64_t>{1, -2, 3, 4}));
  const auto model = [](const char* text, std::int64_t nx, std::int64_t ny, std::int64_t nz) {
    return error_of([&] { (void)pit::parse_regular_values(text, "m.dat", nx, ny, nz); });
  };
  EXPECT_EQ(model("1\n2\n3\n", 2, 2, 1),
            "m.dat:4: error[input.bad_count]: 3 values, expected NX*NY*NZ = 4 (2 x 2 x 1)");
  EXPECT_EQ(model("1\n2\n3\n4\n5\n", 2, 2, 1),
            "m.dat:5:1: error[input.bad_count]: more than 4 values, expected NX*NY*NZ = 4 "
            "(2 x 2 x 1)");
  EXPECT_EQ(model("1\n2.5\n", 2, 1, 1),
            "m.dat:2:1: error[input.bad_integer]: value is '2.5', expected an integer");
  EXPECT_EQ(model("1\n2 3\n", 2, 1, 1),
            "m.dat:2:3: error[input.bad_count]: 2 fields, expected one integer value per line");
  EXPECT_EQ(model("1\n", 0, 1, 1),
            "error[input.bad_grid]: model size 0 x 1 x 1, expected positive counts whose "
            "product fits in 64 bits");
}

TEST(Offsets, ParseAndErrors) {
  EXPECT_EQ(pit::parse_offsets("-1 0 1\n0 0 2\n", "o.txt"),
            (std::vector<Offset>{{-1, 0, 1}, {0, 0, 2}}));
  const auto offsets = [](const char* text) {
    return error_of([&] { (void)pit::parse_offsets(text, "o.txt"); });
  };
  EXPECT_EQ(offsets("0 0 1\n1 0 0\n"),
            "o.txt:2:5: error[input.bad_pattern]: dz is 0, expected dz > 0 (a block requires "
            "blocks above it)");
  EXPECT_EQ(offsets("0 0 -2\n"),
            "o.txt:1:5: error[input.bad_pattern]: dz is -2, expected dz > 0 (a block requires "
            "blocks above it)");
  EXPECT_EQ(offsets("0 0\n"),
            "o.txt:1:4: error[input.bad_count]: 2 fields, expected 3 ('dx dy dz')");
  EXPECT_EQ(offsets("0 x 1\n"),
            "o.txt:1:3: error[input.bad_integer]: dy is 'x', expected an integer");
}

TEST(SlopePattern, MinimumSearch45Over8BenchesMatchesReference) {
  const auto expected = pit::read_offsets(data("pattern_minsearch45_b8.txt"));
  const auto got = pit::minimum_search_pattern(45, 8);
  EXPECT_EQ(pit::format_offsets(got), pit::format_offsets(expected));
}

TEST(SlopePattern, OneBenchAndSteepSlopes) {
  EXPECT_EQ(pit::minimum_search_pattern(45, 1),
            (std::vector<Offset>{{-1, 0, 1}, {0, -1, 1}, {0, 0, 1}, {0, 1, 1}, {1, 0, 1}}));
  EXPECT_EQ(pit::minimum_search_pattern(80, 5), (std::vector<Offset>{{0, 0, 1}}));
  // Tall blocks: 45 degrees on 1 x 1 x 2 m blocks reaches two blocks per bench.
  const auto tall = pit::minimum_search_pattern(45, 1, {1, 1, 2});
  EXPECT_EQ(tall.size(), 13u);
}

TEST(SlopePattern, ClosureReproducesTheCone) {
  // Every cone offset up to 8 benches is a sum of pattern offsets, and no sum leaves the cone.
  const auto p = pit::minimum_search_pattern(40, 8);
  const double reach = 1 / std::tan(40 * 3.14159265358979323846 / 180);
  const int r = 8 * 2;
  std::vector<char> reach_set(static_cast<std::size_t>((2 * r + 1) * (2 * r + 1) * 9), 0);
  const auto idx = [&](std::int64_t x, std::int64_t y, std::int64_t z) {
    return static_cast<std::size_t>(((z * (2 * r + 1)) + (y + r)) * (2 * r + 1) + (x + r));
  };
  reach_set[idx(0, 0, 0)] = 1;
  for (std::int64_t z = 1; z <= 8; ++z)
    for (std::int64_t y = -r; y <= r; ++y)
      for (std::int64_t x = -r; x <= r; ++x)
        for (const Offset& o : p)
          if (o.dz <= z && std::abs(x - o.dx) <= r && std::abs(y - o.dy) <= r &&
              reach_set[idx(x - o.dx, y - o.dy, z - o.dz)] != 0)
            reach_set[idx(x, y, z)] = 1;
  for (std::int64_t z = 1; z <= 8; ++z)
    for (std::int64_t y = -r; y <= r; ++y)
      for (std::int64_t x = -r; x <= r; ++x) {
        const double d2 = static_cast<double>(x * x + y * y), rz = static_cast<double>(z) * reach;
        EXPECT_EQ(reach_set[idx(x, y, z)] != 0, d2 <= rz * rz * (1 + 1e-9))
            << x << " " << y << " " << z;
      }
}

TEST(SlopePattern, Errors) {
  const auto slope = [](double deg) {
    return error_of([&] { (void)pit::minimum_search_pattern(deg, 8); });
  };
  EXPECT_EQ(slope(90),
            "error[input.bad_slope]: slope angle 90 degrees, expected an angle in (0, 90)");
  EXPECT_EQ(slope(0),
            "error[input.bad_slope]: slope angle 0 degrees, expected an angle in (0, 90)");
  EXPECT_EQ(slope(-5),
            "error[input.bad_slope]: slope angle -5 degrees, expected an angle in (0, 90)");
  EXPECT_EQ(slope(std::nan("")),
            "error[input.bad_slope]: slope angle nan degrees, expected an angle in (0, 90)");
  EXPECT_EQ(error_of([] { (void)pit::minimum_search_pattern(45, 0); }),
            "error[input.bad_option]: 0 benches, expected at least 1");
}
