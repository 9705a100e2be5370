// SPDX-License-Identifier: Apache-2.0
// Slopes that vary: minimum-search patterns by azimuth sector, and zoned regular patterns.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <functional>
#include <iostream>
#include <numbers>
#include <random>
#include <tuple>

#include "lodeline/core/error.hpp"
#include "lodeline/pit/closure.hpp"
#include "lodeline/pit/precedence.hpp"
#include "support/error_of.hpp"

using namespace lodeline;
using pit::ExplicitPrecedence;
using pit::Offset;
using pit::RegularPattern;
using pit::SlopeSector;
using pit::ZonedPattern;

namespace {

using lodeline::test::error_of;

ExplicitPrecedence csr(const std::vector<std::vector<std::int64_t>>& requires_) {
  ExplicitPrecedence p;
  for (const auto& row : requires_) {
    p.targets.insert(p.targets.end(), row.begin(), row.end());
    p.offsets.push_back(static_cast<std::int64_t>(p.targets.size()));
  }
  return p;
}

/// The explicit precedence a zoned pattern stands for.
std::vector<std::vector<std::int64_t>> expand(const ZonedPattern& m) {
  std::vector<std::vector<std::int64_t>> rows(static_cast<std::size_t>(m.block_count()));
  for (std::int64_t k = 0; k < m.nz; ++k)
    for (std::int64_t j = 0; j < m.ny; ++j)
      for (std::int64_t i = 0; i < m.nx; ++i) {
        const std::int64_t v = i + m.nx * (j + m.ny * k);
        for (const Offset& o :
             m.patterns[static_cast<std::size_t>(m.zone[static_cast<std::size_t>(v)])]) {
          const std::int64_t a = i + o.dx, b = j + o.dy, c = k + o.dz;
          if (a < 0 || a >= m.nx || b < 0 || b >= m.ny || c < 0 || c >= m.nz) continue;
          rows[static_cast<std::size_t>(v)].push_back(a + m.nx * (b + m.ny * c));
        }
      }
  return rows;
}

/// Independent check of a sector pattern: the cone from the definition, the closure of the
/// pattern by dynamic programming, and the counts of cone offsets missed and others added.
struct Counts {
  std::int64_t cone = 0, missed = 0, added = 0;
};

Counts count_against_cone(const std::vector<Offset>& pattern,
                          const std::vector<SlopeSector>& sectors, std::int64_t benches) {
  const auto slope_at = [&](double az) {
    double gentlest = 90;
    for (const SlopeSector& s : sectors) {
      const double a = s.azimuth_from_deg, b = s.azimuth_to_deg;
      const bool in =
          a < b ? (az >= a - 1e-9 && az <= b + 1e-9) : (az >= a - 1e-9 || az <= b + 1e-9);
      const bool at_360 = b == 360 && az < 1e-9;  // azimuth 0 also ends [a, 360)
      if (in || at_360) gentlest = std::min(gentlest, s.slope_deg);
    }
    return gentlest;
  };
  double gentlest = 90;
  for (const SlopeSector& s : sectors) gentlest = std::min(gentlest, s.slope_deg);
  const auto r = static_cast<std::int64_t>(std::floor(
      static_cast<double>(benches) / std::tan(gentlest * std::numbers::pi / 180) + 1e-6));
  const std::int64_t w = 2 * r + 1;
  const auto idx = [&](std::int64_t x, std::int64_t y, std::int64_t z) {
    return static_cast<std::size_t>((z * w + (y + r)) * w + (x + r));
  };
  const auto in_cone = [&](std::int64_t x, std::int64_t y, std::int64_t z) {
    if (x == 0 && y == 0) return true;
    double az = std::atan2(static_cast<double>(x), static_cast<double>(y)) * 180 / std::numbers::pi;
    if (az < 0) az += 360;
    const double reach = static_cast<double>(z) / std::tan(slope_at(az) * std::numbers::pi / 180);
    return static_cast<double>(x * x + y * y) <= reach * reach * (1 + 1e-9);
  };
  std::vector<char> reached(static_cast<std::size_t>(w * w * (benches + 1)), 0);
  reached[idx(0, 0, 0)] = 1;
  Counts c;
  for (std::int64_t z = 1; z <= benches; ++z)
    for (std::int64_t y = -r; y <= r; ++y)
      for (std::int64_t x = -r; x <= r; ++x) {
        for (const Offset& o : pattern)
          if (o.dz <= z && std::abs(x - o.dx) <= r && std::abs(y - o.dy) <= r &&
              reached[idx(x - o.dx, y - o.dy, z - o.dz)] != 0)
            reached[idx(x, y, z)] = 1;
        const bool cone = in_cone(x, y, z), got = reached[idx(x, y, z)] != 0;
        c.cone += cone ? 1 : 0;
        c.missed += cone && !got ? 1 : 0;
        c.added += got && !cone ? 1 : 0;
      }
  return c;
}

}  // namespace

TEST(SectorSlopes, OneSlopeEverywhereEqualsMinimumSearch) {
  const std::vector<std::vector<SlopeSector>> layouts = {
      {{0, 360, 45}},
      {{0, 120, 45}, {120, 240, 45}, {240, 360, 45}},
      {{300, 60, 45}, {60, 300, 45}},                // wraps past 360
      {{90, 180, 45}, {0, 90, 45}, {180, 360, 45}},  // any order
  };
  for (const auto& layout : layouts) {
    const auto got = pit::minimum_search_pattern_sectors(layout, 8);
    EXPECT_EQ(pit::format_offsets(got.offsets),
              pit::format_offsets(pit::minimum_search_pattern(45, 8)));
    EXPECT_EQ(got.offsets.size(), 17u);
    EXPECT_EQ(got.missed, 0);
    EXPECT_EQ(got.added, 0);
  }
  for (const double deg : {40.0, 50.0, 63.0}) {
    const auto got = pit::minimum_search_pattern_sectors({{0, 360, deg}}, 9, {10, 12, 8});
    EXPECT_EQ(got.offsets, pit::minimum_search_pattern(deg, 9, {10, 12, 8})) << deg;
    EXPECT_EQ(got.missed, 0);
    EXPECT_EQ(got.added, 0);
  }
}

TEST(SectorSlopes, TwoSectorsReachFurtherEastThanWest) {
  // East half (azimuths 0-180) at 40 degrees, west half at 50: the east wall is gentler.
  const std::vector<SlopeSector> sectors = {{0, 180, 40}, {180, 360, 50}};
  const auto got = pit::minimum_search_pattern_sectors(sectors, 8);
  double east = 0, west = 0;
  for (const Offset& o : got.offsets) {
    east = std::max(east, static_cast<double>(o.dx) / static_cast<double>(o.dz));
    west = std::max(west, static_cast<double>(-o.dx) / static_cast<double>(o.dz));
  }
  EXPECT_GT(east, west);
  // North and south are boundaries (the gentler 40 degrees): the pattern is symmetric in y.
  std::vector<Offset> mirrored;
  for (const Offset& o : got.offsets) mirrored.push_back({o.dx, -o.dy, o.dz});
  std::sort(mirrored.begin(), mirrored.end(), [](const Offset& a, const Offset& b) {
    return std::tie(a.dz, a.dx, a.dy) < std::tie(b.dz, b.dx, b.dy);
  });
  EXPECT_EQ(mirrored, got.offsets);
  // The pattern is no larger than the 40 degree one and no smaller than the 50 degree one.
  const auto p40 = pit::minimum_search_pattern(40, 8), p50 = pit::minimum_search_pattern(50, 8);
  std::cout << "[ sectors  ] 0-180 @40, 180-360 @50, 8 benches: " << got.offsets.size()
            << " offsets (40: " << p40.size() << ", 50: " << p50.size() << "), cone "
            << got.cone_size << ", missed " << got.missed << ", added " << got.added << "\n";
  EXPECT_EQ(got.missed, 0);
  const Counts c = count_against_cone(got.offsets, sectors, 8);
  EXPECT_EQ(c.cone, got.cone_size);
  EXPECT_EQ(c.missed, got.missed);
  EXPECT_EQ(c.added, got.added);
  EXPECT_EQ(got.offsets.size(), 56u);
  EXPECT_EQ(got.cone_size, 701);
  EXPECT_EQ(got.added, 8);  // the steps at north and south make the cone non-convex
}

TEST(SectorSlopes, NonConvexConeReportsOverMining) {
  // A gentle 90 degree wedge in a steep pit: sums of wedge and wall offsets leave the cone.
  const std::vector<SlopeSector> sectors = {{45, 135, 30}, {135, 45, 70}};
  const auto got = pit::minimum_search_pattern_sectors(sectors, 6);
  std::cout << "[ sectors  ] 45-135 @30, 135-45 @70, 6 benches: " << got.offsets.size()
            << " offsets, cone " << got.cone_size << ", missed " << got.missed << ", added "
            << got.added << "\n";
  EXPECT_EQ(got.missed, 0);
  EXPECT_GT(got.added, 0);
  const Counts c = count_against_cone(got.offsets, sectors, 6);
  EXPECT_EQ(c.cone, got.cone_size);
  EXPECT_EQ(c.missed, got.missed);
  EXPECT_EQ(c.added, got.added);
  // Every pattern offset is needed: none is a sum of the others.
  for (std::size_t q = 0; q < got.offsets.size(); ++q) {
    auto others = got.offsets;
    others.erase(others.begin() + static_cast<std::ptrdiff_t>(q));
    EXPECT_GT(count_against_cone(others, sectors, 6).missed, 0) << q;
  }
}

TEST(SectorSlopes, Errors) {
  const auto sectors = [](std::vector<SlopeSector> s) {
    return error_of([&] { (void)pit::minimum_search_pattern_sectors(s, 8); });
  };
  const std::string rule = "expected sectors covering azimuths [0, 360) without gaps or overlaps";
  EXPECT_EQ(sectors({}), "error[input.bad_slope]: no slope sectors, " + rule);
  EXPECT_EQ(sectors({{0, 180, 45}, {200, 360, 45}}),
            "error[input.bad_slope]: azimuths [180, 200) degrees are in no slope sector, " + rule);
  EXPECT_EQ(sectors({{10, 360, 45}}),
            "error[input.bad_slope]: azimuths [0, 10) degrees are in no slope sector, " + rule);
  EXPECT_EQ(sectors({{300, 10, 45}, {20, 300, 45}}),
            "error[input.bad_slope]: azimuths [10, 20) degrees are in no slope sector, " + rule);
  EXPECT_EQ(sectors({{0, 190, 45}, {180, 360, 45}}),
            "error[input.bad_slope]: slope sectors [0, 190) and [180, 360) overlap, " + rule);
  EXPECT_EQ(sectors({{0, 360, 45}, {90, 180, 45}}),
            "error[input.bad_slope]: slope sectors [0, 360) and [90, 180) overlap, " + rule);
  EXPECT_EQ(sectors({{0, 400, 45}}),
            "error[input.bad_slope]: slope sector from 0 to 400 degrees, expected azimuths in "
            "[0, 360] that differ");
  EXPECT_EQ(sectors({{90, 90, 45}}),
            "error[input.bad_slope]: slope sector from 90 to 90 degrees, expected azimuths in "
            "[0, 360] that differ");
  EXPECT_EQ(sectors({{0, 180, 45}, {180, 360, 90}}),
            "error[input.bad_slope]: slope angle 90 degrees in sector [180, 360), expected an "
            "angle in (0, 90)");
  EXPECT_EQ(error_of([] {
              (void)pit::minimum_search_pattern_sectors({{0, 90, 1}, {90, 360, 45}}, 30);
            }),
            "error[input.bad_slope]: a cone with slopes down to 1 degrees over 30 benches spans "
            "more than 5e7 blocks, expected steeper slopes or fewer benches");
  EXPECT_EQ(error_of([] {
              (void)pit::minimum_search_pattern_sectors({{0, 360, 45}}, 0);
            }),
            "error[input.bad_option]: 0 benches, expected at least 1");
}

TEST(ZonedPattern, OneZoneEqualsRegularPattern) {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<std::int64_t> value(-40, 25);
  const RegularPattern single{12, 10, 7, pit::minimum_search_pattern(45, 4)};
  std::vector<std::int64_t> values(static_cast<std::size_t>(single.block_count()));
  for (auto& v : values) v = value(rng);
  const ZonedPattern zoned{
      12, 10, 7, std::vector<std::int32_t>(values.size(), 0), {single.offsets}};
  const auto a = pit::max_closure(values, single);
  const auto b = pit::max_closure(values, zoned);
  EXPECT_GT(a.mined.size(), 0u);
  EXPECT_EQ(a.value, b.value);
  EXPECT_EQ(a.mined, b.mined);
  EXPECT_EQ(pit::first_closure_violation(b.mined, zoned), -1);
}

TEST(ZonedPattern, TwoZonesEqualHandBuiltPrecedence) {
  // 3 x 1 x 2: bottom blocks 0 1 2, top blocks 3 4 5. Zone 0 (blocks 0, 2) needs the three
  // blocks above within one column; zone 1 (block 1) only the block straight above.
  const ZonedPattern zoned{
      3, 1, 2, {0, 1, 0, 0, 0, 0}, {{{-1, 0, 1}, {0, 0, 1}, {1, 0, 1}}, {{0, 0, 1}}}};
  const ExplicitPrecedence by_hand = csr({{3, 4}, {4}, {4, 5}, {}, {}, {}});
  const std::vector<std::int64_t> values = {3, 3, 1, -2, -2, -2};
  const auto a = pit::max_closure(values, zoned);
  const auto b = pit::max_closure(values, by_hand);
  EXPECT_EQ(a.value, 2);
  EXPECT_EQ(a.mined, (std::vector<std::int64_t>{0, 1, 3, 4}));
  EXPECT_EQ(a.mined, b.mined);
  EXPECT_EQ(a.value, b.value);
  // With zone 0 everywhere, block 1 also needs blocks 3 and 5: a different pit.
  const RegularPattern single{3, 1, 2, zoned.patterns[0]};
  EXPECT_EQ(pit::max_closure(values, single).value, 1);
  EXPECT_EQ(pit::first_closure_violation({1, 4}, zoned), -1);
  EXPECT_EQ(pit::first_closure_violation({0, 4}, zoned), 0);
}

TEST(ZonedPattern, MatchesBruteForceOnRandomModels) {
  std::mt19937_64 rng(2024);
  int trials = 0;
  while (trials < 150) {
    const std::int64_t nx = 1 + static_cast<std::int64_t>(rng() % 4);
    const std::int64_t ny = 1 + static_cast<std::int64_t>(rng() % 3);
    const std::int64_t nz = 2 + static_cast<std::int64_t>(rng() % 3);
    const std::int64_t n = nx * ny * nz;
    if (n > 16) continue;
    ++trials;
    ZonedPattern m{nx, ny, nz, {}, {}};
    const int zones = 1 + static_cast<int>(rng() % 3);
    for (int z = 0; z < zones; ++z) {
      std::vector<Offset> offsets;
      const int count = static_cast<int>(rng() % 5);  // a zone may require nothing
      for (int q = 0; q < count; ++q)
        offsets.push_back({static_cast<std::int64_t>(rng() % 3) - 1,
                           static_cast<std::int64_t>(rng() % 3) - 1,
                           1 + static_cast<std::int64_t>(rng() % 2)});
      m.patterns.push_back(offsets);
    }
    std::vector<std::int64_t> values;
    for (std::int64_t v = 0; v < n; ++v) {
      m.zone.push_back(static_cast<std::int32_t>(rng() % static_cast<std::uint64_t>(zones)));
      values.push_back(static_cast<std::int64_t>(rng() % 19) - 9);
    }
    const auto rows = expand(m);
    std::vector<std::uint32_t> need(static_cast<std::size_t>(n), 0);
    for (std::size_t v = 0; v < rows.size(); ++v)
      for (const std::int64_t t : rows[v]) need[v] |= 1u << t;
    std::int64_t best = 0;
    std::uint32_t best_set = 0;
    for (std::uint32_t s = 1; s < (1u << n); ++s) {
      bool closed = true;
      std::int64_t total = 0;
      for (std::int64_t v = 0; v < n && closed; ++v)
        if ((s >> v) & 1u) {
          closed = (need[static_cast<std::size_t>(v)] & ~s) == 0;
          total += values[static_cast<std::size_t>(v)];
        }
      if (!closed) continue;
      if (total > best || (total == best && std::popcount(s) < std::popcount(best_set))) {
        best = total;
        best_set = s;
      }
    }
    std::vector<std::int64_t> expected;
    for (std::int64_t v = 0; v < n; ++v)
      if ((best_set >> v) & 1u) expected.push_back(v);
    const auto got = pit::max_closure(values, m);
    ASSERT_EQ(got.value, best) << "trial " << trials;
    ASSERT_EQ(got.mined, expected) << "trial " << trials;
    ASSERT_EQ(pit::max_closure(values, csr(rows)).mined, expected) << "trial " << trials;
  }
}

TEST(ZonedPattern, Errors) {
  const auto closure = [](const ZonedPattern& m) {
    return error_of([&] { (void)pit::max_closure(std::vector<std::int64_t>(4, 1), m); });
  };
  const std::vector<std::vector<Offset>> two = {{{0, 0, 1}}, {{1, 0, 1}}};
  EXPECT_EQ(closure({2, 1, 2, {0, 1, 2, 0}, two}),
            "error[input.bad_zone]: block 2 is in zone 2, expected a zone in [0, 2) (one per "
            "pattern)");
  EXPECT_EQ(closure({2, 1, 2, {0, -1, 0, 0}, two}),
            "error[input.bad_zone]: block 1 is in zone -1, expected a zone in [0, 2) (one per "
            "pattern)");
  EXPECT_EQ(closure({2, 1, 2, {0, 1, 0}, two}),
            "error[input.bad_zone]: 3 zone entries for 4 blocks, expected one zone per block");
  EXPECT_EQ(closure({2, 1, 2, {0, 1, 0, 1}, {{{0, 0, 1}}, {{1, 0, 0}}}}),
            "error[input.bad_pattern]: zone 1 offset (1, 0, 0) has dz 0, expected dz > 0 "
            "(required blocks lie above)");
  EXPECT_EQ(error_of([&] {
              (void)pit::first_closure_violation({0}, ZonedPattern{2, 1, 2, {0, 0, 0, 5}, two});
            }),
            "error[input.bad_zone]: block 3 is in zone 5, expected a zone in [0, 2) (one per "
            "pattern)");
}
