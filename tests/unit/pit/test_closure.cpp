// SPDX-License-Identifier: Apache-2.0
// Pseudoflow maximum closure against brute force, reference instances and implicit patterns.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <random>

#include "lodeline/core/error.hpp"
#include "lodeline/pit/closure.hpp"
#include "lodeline/pit/precedence.hpp"

using namespace lodeline;
using pit::ExplicitPrecedence;
using pit::Offset;
using pit::RegularPattern;

#ifndef LODELINE_PIT_TRIALS
#define LODELINE_PIT_TRIALS 200
#endif

namespace {

ExplicitPrecedence csr(const std::vector<std::vector<std::int64_t>>& requires_) {
  ExplicitPrecedence p;
  for (const auto& row : requires_) {
    p.targets.insert(p.targets.end(), row.begin(), row.end());
    p.offsets.push_back(static_cast<std::int64_t>(p.targets.size()));
  }
  return p;
}

/// The explicit precedence a regular pattern stands for.
ExplicitPrecedence expand(const RegularPattern& m) {
  std::vector<std::vector<std::int64_t>> rows(static_cast<std::size_t>(m.block_count()));
  for (std::int64_t k = 0; k < m.nz; ++k)
    for (std::int64_t j = 0; j < m.ny; ++j)
      for (std::int64_t i = 0; i < m.nx; ++i)
        for (const Offset& o : m.offsets) {
          const std::int64_t a = i + o.dx, b = j + o.dy, c = k + o.dz;
          if (a < 0 || a >= m.nx || b < 0 || b >= m.ny || c < 0 || c >= m.nz) continue;
          rows[static_cast<std::size_t>(i + m.nx * (j + m.ny * k))].push_back(a + m.nx * (b + m.ny * c));
        }
  return csr(rows);
}

std::string data(const std::string& name) { return std::string(LODELINE_TEST_DATA) + "/pit/" + name; }

}  // namespace

TEST(Closure, TwoBlocksTieIsNotMined) {
  // Block 0 (+5) requires block 1 (-5): value 0 either way; the minimal closure is empty.
  const auto r = pit::max_closure({5, -5}, csr({{1}, {}}));
  EXPECT_EQ(r.value, 0);
  EXPECT_TRUE(r.mined.empty());
  const auto r2 = pit::max_closure({6, -5}, csr({{1}, {}}));
  EXPECT_EQ(r2.value, 1);
  EXPECT_EQ(r2.mined, (std::vector<std::int64_t>{0, 1}));
}

TEST(Closure, EmptyAndAllZero) {
  EXPECT_TRUE(pit::max_closure({}, ExplicitPrecedence{}).mined.empty());
  const auto r = pit::max_closure({0, 0, 0}, csr({{1}, {2}, {}}));
  EXPECT_EQ(r.value, 0);
  EXPECT_TRUE(r.mined.empty());
}

TEST(Closure, CyclesAndSelfLoopsAreHandled) {
  // The solver accepts any graph: a cycle is mined whole or not at all.
  const auto r = pit::max_closure({4, -1, -2, 3}, csr({{1}, {2}, {0}, {3}}));
  EXPECT_EQ(r.value, 4);
  EXPECT_EQ(r.mined, (std::vector<std::int64_t>{0, 1, 2, 3}));
}

TEST(Closure, OverflowIsReported) {
  const std::int64_t big = INT64_MAX / 2 + 1;
  try {
    (void)pit::max_closure({big, big}, csr({{}, {}}));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "numeric.overflow");
    EXPECT_EQ(e.message(),
              "the sum of the positive block values exceeds 9223372036854775807, expected it to "
              "fit in a signed 64-bit integer");
  }
  // Just fitting: fine, and large negative values do not count.
  const auto r = pit::max_closure({INT64_MAX, INT64_MIN, -1}, csr({{2}, {}, {}}));
  EXPECT_EQ(r.value, INT64_MAX - 1);
}

TEST(Closure, MatchesBruteForceOnRandomDags) {
  std::mt19937_64 rng(20240611);
  int nonempty = 0, ties = 0;
  for (int trial = 0; trial < LODELINE_PIT_TRIALS; ++trial) {
    const int n = 1 + static_cast<int>(rng() % 14);
    const double density = 0.05 + 0.35 * static_cast<double>(rng() % 100) / 100.0;
    std::vector<int> order(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) order[static_cast<std::size_t>(i)] = i;
    std::shuffle(order.begin(), order.end(), rng);  // a random topological order
    std::vector<std::vector<std::int64_t>> rows(static_cast<std::size_t>(n));
    std::vector<std::uint32_t> need(static_cast<std::size_t>(n), 0);
    for (int a = 0; a < n; ++a)
      for (int b = a + 1; b < n; ++b)
        if (std::uniform_real_distribution<double>(0, 1)(rng) < density) {
          const int v = order[static_cast<std::size_t>(b)], u = order[static_cast<std::size_t>(a)];
          rows[static_cast<std::size_t>(v)].push_back(u);  // later requires earlier
          need[static_cast<std::size_t>(v)] |= 1u << u;
        }
    const std::int64_t range = trial % 3 == 0 ? 3 : 20;  // small ranges give many ties
    std::vector<std::int64_t> values(static_cast<std::size_t>(n));
    for (auto& v : values)
      v = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(2 * range + 1)) - range;

    std::int64_t best = INT64_MIN;
    std::uint32_t best_mask = 0, intersection = 0;
    int optimal_count = 0;
    for (std::uint32_t mask = 0; mask < (1u << n); ++mask) {
      bool closed = true;
      std::int64_t value = 0;
      for (int v = 0; v < n && closed; ++v)
        if (mask >> v & 1u) {
          closed = (need[static_cast<std::size_t>(v)] & ~mask) == 0;
          value += values[static_cast<std::size_t>(v)];
        }
      if (!closed) continue;
      if (value > best) {
        best = value;
        best_mask = intersection = mask;
        optimal_count = 1;
      } else if (value == best) {
        ++optimal_count;
        intersection &= mask;
        if (std::popcount(mask) < std::popcount(best_mask)) best_mask = mask;
      }
    }
    ASSERT_EQ(intersection, best_mask) << "trial " << trial;  // the minimal one is unique
    ties += optimal_count > 1;

    const auto p = csr(rows);
    const auto r = pit::max_closure(values, p);
    std::vector<std::int64_t> expected;
    for (int v = 0; v < n; ++v)
      if (best_mask >> v & 1u) expected.push_back(v);
    ASSERT_EQ(r.value, best) << "trial " << trial;
    ASSERT_EQ(r.mined, expected) << "trial " << trial;
    ASSERT_EQ(pit::first_closure_violation(r.mined, p), -1);
    nonempty += !expected.empty();
  }
  EXPECT_GT(nonempty, 50);  // the instances are not trivial
  EXPECT_GT(ties, 20);      // and often have several optimal closures
}

TEST(Closure, ReferenceInstances) {
  struct Case {
    const char* name;
    std::int64_t value, blocks;
  };
  for (const Case c : {Case{"sim2d76_p5", 295932, 945}, Case{"syn20_p5", 3741285, 1214}}) {
    const auto values = pit::read_values(data(std::string(c.name) + ".values.txt"));
    const auto prec = pit::read_precedence(data(std::string(c.name) + ".prec.txt"),
                                           static_cast<std::int64_t>(values.size()));
    const auto r = pit::max_closure(values, prec);
    EXPECT_EQ(r.value, c.value) << c.name;
    EXPECT_EQ(static_cast<std::int64_t>(r.mined.size()), c.blocks) << c.name;
    EXPECT_EQ(pit::first_closure_violation(r.mined, prec), -1) << c.name;
    EXPECT_TRUE(std::is_sorted(r.mined.begin(), r.mined.end()));
  }
}

TEST(Closure, ImplicitPatternEqualsExplicit) {
  std::mt19937_64 rng(7);
  const std::vector<RegularPattern> shapes = {
      {9, 1, 5, {{-1, 0, 1}, {0, 0, 1}, {1, 0, 1}}},                       // 2D, 45 degrees
      {7, 1, 6, {{-2, 0, 1}, {0, 0, 1}, {2, 0, 1}, {-1, 0, 2}, {1, 0, 2}}},  // 2D, mixed
      {5, 4, 4, {{-1, 0, 1}, {0, -1, 1}, {0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {2, 2, 3}}}};
  for (const auto& m : shapes)
    for (int trial = 0; trial < 20; ++trial) {
      std::vector<std::int64_t> values(static_cast<std::size_t>(m.block_count()));
      for (auto& v : values) v = static_cast<std::int64_t>(rng() % 21) - 12;
      const auto implicit = pit::max_closure(values, m);
      const auto expl = pit::max_closure(values, expand(m));
      EXPECT_EQ(implicit.value, expl.value);
      EXPECT_EQ(implicit.mined, expl.mined);
      EXPECT_EQ(pit::first_closure_violation(implicit.mined, m), -1);
    }
  // A hand-checked 2D case: a 3-wide, 2-high model, ore block at the bottom middle.
  const RegularPattern tiny{3, 1, 2, {{-1, 0, 1}, {0, 0, 1}, {1, 0, 1}}};
  const auto r = pit::max_closure({-1, 5, -1, -1, -1, -1}, tiny);
  EXPECT_EQ(r.value, 2);
  EXPECT_EQ(r.mined, (std::vector<std::int64_t>{1, 3, 4, 5}));
}

TEST(Closure, PatternErrors) {
  try {
    (void)pit::max_closure({1}, RegularPattern{1, 1, 1, {{0, 0, 0}}});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.formatted(),
              "error[input.bad_pattern]: offset (0, 0, 0) has dz 0, expected dz > 0 (required "
              "blocks lie above)");
  }
}

TEST(Closure, Bauxitemed) {
  const std::string path = std::string(LODELINE_SHARED_DATA) + "/mineflow/bauxitemed.dat";
  const std::string pattern_path = data("pattern_minsearch45_b8.txt");
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " is absent";
  const auto start = std::chrono::steady_clock::now();
  RegularPattern m{120, 120, 26, pit::read_offsets(pattern_path)};
  const auto values = pit::read_regular_values(path, m.nx, m.ny, m.nz);
  const auto r = pit::max_closure(values, m);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  RecordProperty("seconds", std::to_string(s));
  std::cout << "bauxitemed: " << r.mined.size() << " blocks, value " << r.value << ", " << s
            << " s\n";
  EXPECT_EQ(r.mined.size(), 74412u);
  EXPECT_EQ(r.value, 28416592);
  EXPECT_EQ(pit::first_closure_violation(r.mined, m), -1);
}
