// SPDX-License-Identifier: Apache-2.0
// Experimental variograms against hand calculations, a brute-force pair loop, and bad input.
#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <unistd.h>

#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <random>

#include "lodeline/core/error.hpp"
#include "lodeline/variogram/experimental.hpp"
#include "support/error_of.hpp"

using namespace lodeline;
using namespace lodeline::variogram;
namespace fs = std::filesystem;

namespace {

Sample at(double x, double y, double z, double v) {
  Sample s;
  s.x_m = x;
  s.y_m = y;
  s.z_m = z;
  s.value = v;
  return s;
}

ExperimentalOptions lags(double width, std::int32_t count, double tolerance = 0) {
  ExperimentalOptions o;
  o.lags.width_m = width;
  o.lags.count = count;
  o.lags.tolerance_m = tolerance;
  return o;
}

void expect_lag(const Lag& lag, std::int64_t n, double dist, double gamma) {
  EXPECT_EQ(lag.pairs, n);
  EXPECT_NEAR(lag.mean_distance_m, dist, 1e-12 * std::max(1.0, dist));
  EXPECT_NEAR(lag.gamma, gamma, 1e-12 * std::max(1.0, gamma));
}

// Four samples on the x axis, x = 0, 1, 3, 6, values 1, 2, 4, 8. The six pairs:
//   h = 1 (sq. diff 1), 2 (4), 3 (9), 3 (16), 5 (36), 6 (49).
std::vector<Sample> line4() {
  return {at(0, 0, 0, 1), at(1, 0, 0, 2), at(3, 0, 0, 4), at(6, 0, 0, 8)};
}

}  // namespace

TEST(Experimental, DistanceClassesByHand) {
  // Width 2, 3 classes: (0,2] {1,2}, (2,4] {3,3}, (4,6] {5,6}; h = 2 and h = 6 are upper bounds
  // and stay in their class.
  const auto v = run_experimental(line4(), lags(2, 3));
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].label, "omni");
  ASSERT_EQ(v[0].values.size(), 3u);
  expect_lag(v[0].values[0], 2, 1.5, (1 + 4) / 4.0);
  expect_lag(v[0].values[1], 2, 3.0, (9 + 16) / 4.0);
  expect_lag(v[0].values[2], 2, 5.5, (36 + 49) / 4.0);
  EXPECT_DOUBLE_EQ(v[0].lags.cutoff_m, 6);
  EXPECT_EQ(
      experimental_csv(v),
      "direction,lag,np,dist,gamma\nomni,0,2,1.5,1.25\nomni,1,2,3,6.25\nomni,2,2,5.5,21.25\n");
}

TEST(Experimental, CutoffLeavesFartherPairsOut) {
  const auto v = run_experimental(line4(), lags(2, 2));  // cutoff 4: h = 5, 6 left out
  ASSERT_EQ(v[0].values.size(), 2u);
  expect_lag(v[0].values[0], 2, 1.5, 1.25);
  expect_lag(v[0].values[1], 2, 3.0, 6.25);
}

TEST(Experimental, ZeroDistanceGoesToFirstClass) {
  auto s = line4();
  s.push_back(at(0, 0, 0, 4));  // on top of the first sample: h = 0, sq. diff 9
  // New pairs: (x0,dup) h0 sq9; (1,dup) h1 sq4; (3,dup) h3 sq0; (6,dup) h6 sq16.
  const auto v = run_experimental(s, lags(2, 3));
  expect_lag(v[0].values[0], 4, (1 + 2 + 0 + 1) / 4.0, (1 + 4 + 9 + 4) / 8.0);
  expect_lag(v[0].values[1], 3, 3.0, (9 + 16 + 0) / 6.0);
  expect_lag(v[0].values[2], 3, (5 + 6 + 6) / 3.0, (36 + 49 + 16) / 6.0);
}

TEST(Experimental, LagsWithToleranceOverlap) {
  // Centres 0, 2, 4, 6, +- 1: [0,1] {1}, [1,3] {1,2,3,3}, [3,5] {3,3,5}, [5,7] {5,6}.
  const auto v = run_experimental(line4(), lags(2, 3, 1));
  ASSERT_EQ(v[0].values.size(), 4u);
  expect_lag(v[0].values[0], 1, 1, 0.5);
  expect_lag(v[0].values[1], 4, 9 / 4.0, 30 / 8.0);
  expect_lag(v[0].values[2], 3, 11 / 3.0, 61 / 6.0);
  expect_lag(v[0].values[3], 2, 5.5, 85 / 4.0);
  EXPECT_DOUBLE_EQ(v[0].lags.cutoff_m, 7);
  EXPECT_DOUBLE_EQ(v[0].lags.from_m(1), 1);
  EXPECT_DOUBLE_EQ(v[0].lags.to_m(1), 3);
}

namespace {

// Origin (v 0), north (0,10) v 1, east (10,0) v 2, (7,7) v 4. Pair azimuths (axial):
//   O-N 0, O-E 90, O-NE 45, N-E 135, N-NE 113.2, E-NE 156.8 (= -23.2).
std::vector<Sample> cross4() {
  return {at(0, 0, 0, 0), at(0, 10, 0, 1), at(10, 0, 0, 2), at(7, 7, 0, 4)};
}

Direction dir(double az, double tol) {
  Direction d;
  d.azimuth_deg = az;
  d.azimuth_tolerance_deg = tol;
  return d;
}

}  // namespace

TEST(Experimental, DirectionsByHand) {
  auto o = lags(20, 1);
  o.omnidirectional = false;
  o.directions = {dir(0, 22.5),  dir(0, 25),     dir(90, 22.5),
                  dir(45, 22.5), dir(135, 22.5), dir(180, 25)};
  const auto v = run_experimental(cross4(), o);
  ASSERT_EQ(v.size(), 6u);
  EXPECT_EQ(v[0].label, "0/0");
  EXPECT_EQ(v[2].label, "90/0");
  expect_lag(v[0].values[0], 1, 10, 0.5);                              // O-N
  expect_lag(v[1].values[0], 2, (10 + std::sqrt(58.0)) / 2, 5 / 4.0);  // + E-NE (23.2 deg off)
  expect_lag(v[2].values[0], 1, 10, 2);                                // O-E; N-NE 23.2 off
  expect_lag(v[3].values[0], 1, std::sqrt(98.0), 8);                   // O-NE
  // N-E (135), N-NE (113.2, 21.8 off) and E-NE (156.8, 21.8 off).
  expect_lag(v[4].values[0], 3, (std::sqrt(200.0) + 2 * std::sqrt(58.0)) / 3, (1 + 9 + 4) / 6.0);
  // Azimuth 180 is the same axis as 0.
  EXPECT_EQ(v[5].values[0].pairs, v[1].values[0].pairs);
  EXPECT_EQ(v[5].values[0].gamma, v[1].values[0].gamma);
}

TEST(Experimental, HorizontalBandwidth) {
  // North with no angle limit but a 5 m band: |dx| <= 5 keeps O-N (dx 0) and E-NE (dx 3).
  auto o = lags(20, 1);
  o.omnidirectional = false;
  Direction d = dir(0, 90);
  d.bandwidth_h_m = 5;
  o.directions = {d};
  const auto v = run_experimental(cross4(), o);
  expect_lag(v[0].values[0], 2, (10 + std::sqrt(58.0)) / 2, 5 / 4.0);
}

TEST(Experimental, DipConesIn3D) {
  // p0 (0,0,0) v0, p1 (0,0,-10) v1, p2 (10,0,0) v3, p3 (10,0,-10) v7.
  const std::vector<Sample> s = {at(0, 0, 0, 0), at(0, 0, -10, 1), at(10, 0, 0, 3),
                                 at(10, 0, -10, 7)};
  auto o = lags(20, 1);
  o.omnidirectional = false;
  Direction vertical;  // straight down, 10 degrees
  vertical.dip_deg = -90;
  vertical.dip_tolerance_deg = 10;
  Direction plunge = dir(90, 10);  // east, plunging 45 degrees
  plunge.dip_deg = -45;
  plunge.dip_tolerance_deg = 10;
  Direction up = plunge;  // the same axis seen from the other end
  up.azimuth_deg = 270;
  up.dip_deg = 45;
  Direction vband;  // horizontal with a 5 m vertical band: the two horizontal pairs
  vband.bandwidth_v_m = 5;
  o.directions = {vertical, plunge, up, vband};
  const auto v = run_experimental(s, o);
  expect_lag(v[0].values[0], 2, 10, (1 + 16) / 4.0);          // p0-p1, p2-p3
  expect_lag(v[1].values[0], 1, std::sqrt(200.0), 49 / 2.0);  // p0-p3 only, not p1-p2
  EXPECT_EQ(v[2].values[0].pairs, 1);
  EXPECT_EQ(v[2].values[0].gamma, v[1].values[0].gamma);
  expect_lag(v[3].values[0], 2, 10, (9 + 36) / 4.0);  // p0-p2, p1-p3
}

TEST(Experimental, DownholePairsStayInTheirHole) {
  const fs::path p = fs::temp_directory_path() / ("lodeline_dh_" + std::to_string(::getpid()));
  // Hole A mid depths 1, 3, 5 (values 1, 2, 4); hole B 1, 3 (10, 11), 1 m east of A.
  // Same-hole pairs: A h2 d1, h4 d3, h2 d2; B h2 d1. Cross pairs (h ~ 1) must not count.
  std::ofstream(p) << "hole,from,to,x,y,z,au\n"
                      "A,0,2,0,0,-1,1\nA,2,4,0,0,-3,2\nA,4,6,0,0,-5,4\n"
                      "B,0,2,1,0,-1,10\nB,2,4,1,0,-3,11\n";
  const auto set = read_samples(p.string(), {"au", "hole"});
  fs::remove(p);
  ASSERT_EQ(set.samples.size(), 5u);
  EXPECT_EQ(set.hole_names, (std::vector<std::string>{"A", "B"}));
  EXPECT_DOUBLE_EQ(set.samples[2].along_hole_m, 5);
  auto o = lags(2, 2);
  o.omnidirectional = false;
  o.downhole = true;
  const auto v = run_experimental(set.samples, o);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].label, "downhole");
  expect_lag(v[0].values[0], 3, 2, (1 + 4 + 1) / 6.0);
  expect_lag(v[0].values[1], 1, 4, 9 / 2.0);
  // Without along-hole positions the 3D distance is used: the same here (vertical holes).
  auto plain = set.samples;
  for (auto& s : plain) s.along_hole_m = std::nan("");
  const auto w = run_experimental(plain, o);
  EXPECT_EQ(w[0].values[0].pairs, 3);
  EXPECT_EQ(w[0].values[1].pairs, 1);
  // Default down-hole lags: 0.33333 x the longest span (4 m), 15 classes.
  const auto d = resolve_lags(set.samples, {}, true);
  EXPECT_DOUBLE_EQ(d.cutoff_m, 4 * 0.33333);
  EXPECT_EQ(d.count, 15);
}

TEST(Experimental, DownholeNeedsHoles) {
  auto o = lags(2, 2);
  o.downhole = true;
  try {
    (void)run_experimental(line4(), o);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "input.missing_column");
  }
}

// A separation so small against the lag width that h / width underflows to 0 once gave lag
// index -1 (ceil(0) - 1) and a write before the sums; it belongs to the first lag.
TEST(Experimental, UnderflowingSeparationGoesToFirstLag) {
  std::vector<Sample> s = {at(0, 0, 0, 1), at(0, 0, 0, 3), at(0, 0, 0, 8)};
  const std::array<double, 3> along_m = {0, 1e-320, 1e9};
  for (std::size_t k = 0; k < s.size(); ++k) {
    s[k].hole = 0;
    s[k].along_hole_m = along_m[k];
  }
  ExperimentalOptions o;
  o.omnidirectional = false;
  o.downhole = true;
  const auto v = run_experimental(s, o);
  ASSERT_EQ(v.size(), 1u);
  ASSERT_EQ(v[0].values.size(), 15u);
  EXPECT_EQ(v[0].values[0].pairs, 1);  // (0, 1e-320); the pairs at 1e9 m are beyond the cutoff
  EXPECT_EQ(v[0].values[0].mean_distance_m, 1e-320);
  EXPECT_EQ(v[0].values[0].gamma, 2.0);  // (1 - 3)^2 / 2
  for (std::size_t k = 1; k < 15; ++k) EXPECT_EQ(v[0].values[k].pairs, 0) << k;
}

// Pairs far beyond the last lag are skipped before any index is formed: samples at the
// largest coordinates allowed, with lags of 1 m and with the default lags.
TEST(Experimental, FarPairsAtTheCoordinateLimit) {
  const double far_m = kMaxSampleCoordinateM;
  const std::vector<Sample> s = {at(-far_m, -far_m, -far_m, 1), at(0, 0, 0, 2), at(0.5, 0, 0, 4),
                                 at(far_m, far_m, far_m, 8)};
  const auto v = run_experimental(s, lags(1, 3, 0.5));
  EXPECT_EQ(v[0].values[0].pairs + v[0].values[1].pairs, 2);  // h = 0.5 is in lags 0 and 1
  for (std::size_t k = 2; k < v[0].values.size(); ++k) EXPECT_EQ(v[0].values[k].pairs, 0);
  // Default lags: cutoff 0.33333 x the diagonal (2e9 sqrt 3 m): the pairs to the centre
  // (1.732e9 m) are beyond it, the near pair in lag 0.
  const auto d = run_experimental(s, {});
  EXPECT_EQ(d[0].values[0].pairs, 1);
  std::int64_t total = 0;
  for (const auto& lag : d[0].values) total += lag.pairs;
  EXPECT_EQ(total, 1);
}

// A coordinate of 3.3e187 m (a fuzzed sample file) once overflowed the squared separations
// and wrote outside the lag sums; it is refused before any pair is formed.
TEST(Experimental, AbsurdCoordinateRefused) {
  const std::vector<Sample> s = {at(0, 0, 0, 1), at(0, 333251e182, 0, 2), at(1, 0, 0, 3)};
  EXPECT_EQ(lodeline::test::error_of([&] { (void)run_experimental(s, {}); }),
            "error[input.bad_number]: sample 2 is at (0, 3.33251e+187, 0) m, expected "
            "coordinates within +-1e+09 m");
}

TEST(Experimental, GstatDefaultLags) {
  // Bounding box 30 x 40 x 0: diagonal 50, cutoff 0.33333 * 50, width cutoff / 15.
  const std::vector<Sample> s = {at(0, 0, 5, 1), at(30, 40, 5, 2), at(10, 10, 5, 3)};
  const auto d = resolve_lags(s, {}, false);
  EXPECT_DOUBLE_EQ(d.cutoff_m, 50 * 0.33333);
  EXPECT_DOUBLE_EQ(d.width_m, 50 * 0.33333 / 15);
  EXPECT_EQ(d.count, 15);
  EXPECT_EQ(d.tolerance_m, 0);
}

namespace {

// Independent formulation for the brute-force check: angles with acos, every pair.
std::vector<Lag> brute(const std::vector<Sample>& s, const LagDefinition& l, double az, double tol,
                       double dip, double dtol) {
  const double deg = 180 / std::numbers::pi;
  std::vector<std::int64_t> n(static_cast<std::size_t>(l.lag_count()));
  std::vector<long double> sd(n.size()), sq(n.size());
  for (std::size_t i = 0; i < s.size(); ++i)
    for (std::size_t j = i + 1; j < s.size(); ++j) {
      const double dx = s[j].x_m - s[i].x_m, dy = s[j].y_m - s[i].y_m, dz = s[j].z_m - s[i].z_m;
      const double h = std::sqrt(dx * dx + dy * dy + dz * dz);
      if (tol < 90) {
        const double pair_az = std::atan2(dx, dy) * deg;  // clockwise from north
        double off = std::fmod(std::fabs(pair_az - az), 180.0);
        off = std::min(off, 180 - off);
        if (off > tol) continue;
        // Dip measured along the direction's azimuth sense.
        const double along = dx * std::sin(az / deg) + dy * std::cos(az / deg);
        const double hxy = std::copysign(std::sqrt(dx * dx + dy * dy), along);
        const double pair_dip = std::atan2(dz, hxy) * deg;
        double doff = std::fmod(std::fabs(pair_dip - dip), 180.0);
        doff = std::min(doff, 180 - doff);
        if (dtol < 90 && doff > dtol) continue;
      }
      for (std::int32_t k = 0; k < l.lag_count(); ++k) {
        bool in = false;
        if (l.tolerance_m > 0)
          in = std::fabs(h - k * l.width_m) <= l.tolerance_m;
        else
          in = (k == 0 ? h >= 0 : h > k * l.width_m) && h <= (k + 1) * l.width_m;
        if (!in) continue;
        ++n[k];
        sd[k] += h;
        sq[k] += (s[i].value - s[j].value) * (s[i].value - s[j].value);
      }
    }
  std::vector<Lag> out(n.size());
  for (std::size_t k = 0; k < n.size(); ++k) {
    out[k].pairs = n[k];
    if (n[k]) {
      out[k].mean_distance_m = static_cast<double>(sd[k] / n[k]);
      out[k].gamma = static_cast<double>(sq[k] / (2 * n[k]));
    }
  }
  return out;
}

std::vector<Sample> random_cloud(std::size_t n, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<Sample> s;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = 500 * u(rng), y = 300 * u(rng), z = 100 * u(rng);
    s.push_back(at(x, y, z, std::sin(x / 50) + std::cos(y / 70) + 0.3 * u(rng)));
  }
  return s;
}

}  // namespace

TEST(Experimental, GridSearchMatchesBruteForce) {
  // Large cutoffs (few cells) and small ones (thousands of cells, every neighbour offset used).
  const auto s = random_cloud(1500, 7);
  struct Case {
    double width;
    std::int32_t count;
    double tolerance;
  };
  for (const Case c : {Case{10, 20, 0}, Case{10, 20, 12}, Case{2, 5, 0}, Case{1.5, 4, 1}}) {
    auto o = lags(c.width, c.count, c.tolerance);
    Direction d = dir(30, 20);
    d.dip_deg = -10;
    d.dip_tolerance_deg = 15;
    o.directions = {d};
    const auto v = run_experimental(s, o);
    ASSERT_EQ(v.size(), 2u);
    const auto omni = brute(s, v[0].lags, 0, 90, 0, 90);
    const auto cone = brute(s, v[1].lags, 30, 20, -10, 15);
    for (std::size_t k = 0; k < omni.size(); ++k) {
      SCOPED_TRACE(testing::Message()
                   << "width " << c.width << " tolerance " << c.tolerance << " lag " << k);
      if (c.width == 10) {
        ASSERT_GT(omni[k].pairs, 0);
      }
      expect_lag(v[0].values[k], omni[k].pairs, omni[k].mean_distance_m, omni[k].gamma);
      expect_lag(v[1].values[k], cone[k].pairs, cone[k].mean_distance_m, cone[k].gamma);
    }
  }
}

TEST(Experimental, SameBitsForAnyThreadCount) {
  const auto s = random_cloud(3000, 11);
  auto o = lags(8, 25);
  o.directions = {dir(0, 22.5), dir(90, 22.5)};
  std::vector<std::vector<ExperimentalVariogram>> runs;
  for (const int threads : {1, 2, 4}) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                              static_cast<std::size_t>(threads));
    runs.push_back(run_experimental(s, o));
  }
  for (std::size_t r = 1; r < runs.size(); ++r)
    EXPECT_EQ(experimental_csv(runs[r]), experimental_csv(runs[0]));
  for (std::size_t v = 0; v < runs[0].size(); ++v)
    for (std::size_t k = 0; k < runs[0][v].values.size(); ++k)
      for (std::size_t r = 1; r < runs.size(); ++r) {
        EXPECT_EQ(runs[r][v].values[k].gamma, runs[0][v].values[k].gamma);
        EXPECT_EQ(runs[r][v].values[k].mean_distance_m, runs[0][v].values[k].mean_distance_m);
      }
}

// ------------------------------------------------------------------------------------------
// Options and input errors

namespace {

using lodeline::test::error_of;

class SampleFile : public ::testing::Test {
 protected:
  std::string put(const std::string& text) {
    path_ = (fs::temp_directory_path() /
             ("lodeline_samples_" + std::to_string(::getpid()) + "_" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".csv"))
                .string();
    std::ofstream(path_) << text;
    return path_;
  }
  void TearDown() override { fs::remove(path_); }
  std::string path_;
};

}  // namespace

TEST(ExperimentalOptions, Rejected) {
  const auto s = line4();
  auto run_with = [&](ExperimentalOptions o) {
    return error_of([&] { (void)run_experimental(s, o); });
  };
  EXPECT_EQ(run_with(lags(2, 0)),
            "error[input.bad_option]: lag width 2 m with 0 lags, expected both (width > 0 and at "
            "least 1 lag) or neither (the default lags)");
  EXPECT_EQ(run_with(lags(-1, 3)),
            "error[input.bad_option]: lag width is -1 m, expected a finite number > 0");
  auto o = lags(2, 3);
  o.directions = {dir(0, 200)};
  EXPECT_EQ(run_with(o),
            "error[input.bad_option]: direction 1: azimuth tolerance is 200 degrees, expected a "
            "value in [0, 180]");
  o = lags(2, 3);
  o.omnidirectional = false;
  EXPECT_EQ(run_with(o),
            "error[input.bad_option]: no variogram asked for, expected the omnidirectional, a "
            "direction or down-hole");
  EXPECT_EQ(error_of([] { (void)run_experimental({at(0, 0, 0, 1)}, {}); }),
            "error[input.too_few_samples]: 1 sample, expected at least 2 for a variogram");
}

TEST_F(SampleFile, MissingValueColumn) {
  const auto p = put("x,y,au\n1,2,3\n4,5,6\n");
  EXPECT_EQ(error_of([&] {
              (void)read_samples(p, {"cu", ""});
            }),
            p + ":1:1: error[input.missing_column]: no value column in header [x,y,au], "
                "expected one of: cu");
}

TEST_F(SampleFile, EveryBadNumberReported) {
  const auto p = put("x,y,au\n1,2,abc\n4,,6\n7,8,9\n");
  EXPECT_EQ(error_of([&] {
              (void)read_samples(p, {"au", ""});
            }),
            p + ":2:5: error[input.bad_number]: field 'au' is 'abc', expected a number\n" + p +
                ":3:3: error[input.bad_number]: field 'y' is '', expected a number");
}

TEST_F(SampleFile, AbsurdCoordinateLocated) {
  const auto p = put("x,y,au\n585000,4450000,1\n585010,333251e182,2\n-1e10,4450000,3\n");
  EXPECT_EQ(error_of([&] {
              (void)read_samples(p, {"au", ""});
            }),
            p +
                ":3:8: error[input.bad_number]: field 'y' is 333251e182 m, expected a "
                "coordinate within +-1e+09 m\n" +
                p +
                ":4:1: error[input.bad_number]: field 'x' is -1e10 m, expected a coordinate "
                "within +-1e+09 m");
}

TEST_F(SampleFile, TooFewSamples) {
  const auto p = put("# one sample\nx,y,au\n1,2,3\n");
  EXPECT_EQ(error_of([&] {
              (void)read_samples(p, {"au", ""});
            }),
            p + ":2:1: error[input.too_few_samples]: 1 sample row, expected at least 2 for a "
                "variogram");
}

TEST_F(SampleFile, MissingHoleColumnAndEmptyHoleId) {
  const auto p = put("x,y,z,au,bhid\n1,2,3,4,A\n1,2,1,5,\n");
  EXPECT_EQ(error_of([&] {
              (void)read_samples(p, {"au", "hole"});
            }),
            p + ":1:1: error[input.missing_column]: no hole id column in header [x,y,z,au,bhid], "
                "expected one of: hole");
  EXPECT_EQ(error_of([&] {
              (void)read_samples(p, {"au", "bhid"});
            }),
            p + ":3:9: error[input.bad_id]: field 'bhid' is empty, expected a hole id");
}

// Five samples at three positions, two of which are shared: (0,0,0) x2 and (1,0,0) x2.
TEST(SharedPositions, CountsTheSamplesOfRepeatedPositions) {
  std::vector<lodeline::variogram::Sample> s(5);
  s[1].x_m = 1;
  s[2].x_m = 1;
  s[3].y_m = 2;
  const auto shared = lodeline::variogram::shared_positions(s);
  EXPECT_EQ(shared.samples, 4U);
  EXPECT_EQ(shared.distinct_positions, 3U);
  EXPECT_EQ(lodeline::variogram::shared_positions({s[0], s[1], s[3]}).samples, 0U);
}
