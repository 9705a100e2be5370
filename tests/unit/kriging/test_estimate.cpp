// SPDX-License-Identifier: Apache-2.0
// Kriging, IDW and NN on configurations with hand-derived answers; determinism; errors.
//
// Hand formulas (Journel & Huijbregts 1978, ch. V): OK with one sample at lag h gives
// lambda = 1, mu = C(h) - C(0), variance 2 gamma(h), slope C(h)/C(0); SK with one sample gives
// lambda = C(h)/C(0), variance C(0) - C(h)^2/C(0); four samples on a square around the target
// get weights 1/4 each and variance C0 - 2 C(r) + (C0 + 2 C(a) + C(a sqrt 2)) / 4.
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cmath>
#include <cstring>

#include "lodeline/kriging/discretisation.hpp"
#include "lodeline/kriging/estimate.hpp"

using namespace lodeline;
using namespace lodeline::kriging;
using variogram::StructureType;

namespace {

// Spherical, nugget 0.1 + 0.9, isotropic range 100 m.
variogram::VariogramModel sph100() {
  variogram::VariogramModel m;
  m.nugget = 0.1;
  m.structures.push_back({StructureType::spherical, 0.9, {100, 100, 100}, {0, 0, 0}});
  return m;
}

double cov_sph100(double h) {
  if (h == 0) return 1.0;
  const double u = std::min(h / 100.0, 1.0);
  return 0.9 * (1 - (1.5 * u - 0.5 * u * u * u));
}

Samples samples_2d(std::vector<std::array<double, 3>> xyv) {
  Samples s;
  for (const auto& p : xyv) {
    s.x_m.push_back(p[0]);
    s.y_m.push_back(p[1]);
    s.value.push_back(p[2]);
  }
  return s;
}

Targets one_target(double x, double y) {
  Targets t;
  t.x_m = {x};
  t.y_m = {y};
  return t;
}

EstimateOptions ok_options() {
  EstimateOptions o;
  o.method = Method::ordinary;
  o.variogram = sph100();
  o.search.max_samples = 0;
  return o;
}

}  // namespace

TEST(OrdinaryKriging, OneSample) {
  const auto s = samples_2d({{0, 0, 5.0}});
  const auto r = run_estimate(s, one_target(30, 40), ok_options()).targets[0];  // h = 50
  ASSERT_TRUE(r.estimated());
  EXPECT_DOUBLE_EQ(r.estimate, 5.0);
  const double c = cov_sph100(50);
  EXPECT_NEAR(r.variance, 2 * (1.0 - c), 1e-14);
  EXPECT_NEAR(r.slope, c / 1.0, 1e-14);
  EXPECT_NEAR(r.efficiency, (1.0 - 2 * (1.0 - c)) / 1.0, 1e-14);
  EXPECT_EQ(r.n_samples, 1);
  EXPECT_EQ(r.n_holes, 0);
  EXPECT_DOUBLE_EQ(r.nearest_m, 50.0);
  EXPECT_EQ(r.n_negative_weights, 0);
}

TEST(OrdinaryKriging, SquareAroundTheTarget) {
  const double a = 40;  // side
  const auto s = samples_2d({{0, 0, 1.0}, {a, 0, 2.0}, {0, a, 3.0}, {a, a, 6.0}});
  const auto r = run_estimate(s, one_target(a / 2, a / 2), ok_options()).targets[0];
  EXPECT_NEAR(r.estimate, (1.0 + 2.0 + 3.0 + 6.0) / 4, 1e-13);
  const double cr = cov_sph100(a / std::sqrt(2.0));
  const double var = 1.0 - 2 * cr + (1.0 + 2 * cov_sph100(a) + cov_sph100(a * std::sqrt(2.0))) / 4;
  EXPECT_NEAR(r.variance, var, 1e-13);
  EXPECT_EQ(r.n_samples, 4);
}

TEST(OrdinaryKriging, ExactAtADataPoint) {
  const auto s = samples_2d({{0, 0, 1.0}, {25, 0, 2.0}, {0, 30, 4.0}, {50, 60, 3.0}});
  const auto r = run_estimate(s, one_target(25, 0), ok_options()).targets[0];
  EXPECT_NEAR(r.estimate, 2.0, 1e-14);
  EXPECT_NEAR(r.variance, 0.0, 1e-14);
  EXPECT_DOUBLE_EQ(r.nearest_m, 0.0);
}

TEST(SimpleKriging, OneSampleAndBeyondTheRange) {
  auto o = ok_options();
  o.method = Method::simple;
  o.sk_mean = 2.0;
  const auto s = samples_2d({{0, 0, 5.0}});
  const auto near = run_estimate(s, one_target(30, 40), o).targets[0];
  const double c = cov_sph100(50);
  EXPECT_NEAR(near.estimate, 2.0 + c * (5.0 - 2.0), 1e-14);
  EXPECT_NEAR(near.variance, 1.0 - c * c, 1e-14);
  EXPECT_NEAR(near.slope, 1.0, 1e-14);
  const auto far = run_estimate(s, one_target(300, 0), o).targets[0];
  EXPECT_DOUBLE_EQ(far.estimate, 2.0);
  EXPECT_DOUBLE_EQ(far.variance, 1.0);
}

TEST(BlockKriging, OnePointDiscretisationIsPointKrigingWithoutTheNugget) {
  const auto s = samples_2d({{0, 0, 1.0}, {60, 10, 2.0}, {10, 70, 4.0}, {80, 90, 3.0}});
  auto o = ok_options();
  const auto p = run_estimate(s, one_target(35, 40), o).targets[0];
  o.block = BlockOptions{{10, 10, 0}, {1, 1, 1}, BlockScheme::regular, 0};
  const auto b = run_estimate(s, one_target(35, 40), o);
  EXPECT_NEAR(b.block_variance, 0.9, 1e-15);  // Cbar(V,V) = C(0) without the nugget
  EXPECT_NEAR(b.targets[0].estimate, p.estimate, 1e-14);
  EXPECT_NEAR(b.targets[0].variance, p.variance - 0.1, 1e-14);
}

TEST(BlockKriging, GaussPointsAreGstats) {
  // gstat's 4-point Gauss-Legendre offsets and weights (params.json "block").
  const auto d = discretise({{40, 40, 0}, {4, 4, 1}, BlockScheme::gauss, 0}, false);
  ASSERT_EQ(d.offsets_m.size(), 16u);
  const double off[4] = {-0.4305681558, -0.1699905218, 0.1699905218, 0.4305681558};
  const double wt[4] = {0.1739274226, 0.3260725774, 0.3260725774, 0.1739274226};
  double sum = 0;
  for (std::size_t j = 0; j < 4; ++j)
    for (std::size_t i = 0; i < 4; ++i) {
      const std::size_t k = i + 4 * j;
      EXPECT_NEAR(d.offsets_m[k][0], off[i] * 40, 1e-8);
      EXPECT_NEAR(d.offsets_m[k][1], off[j] * 40, 1e-8);
      EXPECT_EQ(d.weights[k], static_cast<double>(static_cast<float>(wt[i] * wt[j])));
      sum += d.weights[k];
    }
  EXPECT_NEAR(sum, 1.0, 1e-7);
  const auto r = discretise({{10, 10, 5}, {2, 3, 4}, BlockScheme::regular, 90}, true);
  ASSERT_EQ(r.offsets_m.size(), 24u);
  // First point: (-2.5, -10/3, -1.875) along the block axes, turned 90 degrees: (10/3, -2.5).
  EXPECT_NEAR(r.offsets_m[0][0], 10.0 / 3, 1e-12);
  EXPECT_NEAR(r.offsets_m[0][1], -2.5, 1e-12);
  EXPECT_NEAR(r.offsets_m[0][2], -1.875, 1e-12);
  EXPECT_THROW((void)discretise({{10, 10, 5}, {6, 4, 4}, BlockScheme::gauss, 0}, true), Error);
}

TEST(InverseDistance, WeightsAndCoincidence) {
  const auto s = samples_2d({{0, 0, 1.0}, {3, 4, 6.0}, {0, -2, 3.0}});
  EstimateOptions o;
  o.method = Method::idw;
  o.idw_power = 2;
  o.search.max_samples = 0;
  // From (0, 2): distances 2, 3.6056 (13), 4 -> weights 1/4, 1/13, 1/16.
  const auto r = run_estimate(s, one_target(0, 2), o).targets[0];
  const double w1 = 0.25, w2 = 1.0 / 13, w3 = 1.0 / 16;
  EXPECT_NEAR(r.estimate, (w1 * 1 + w2 * 6 + w3 * 3) / (w1 + w2 + w3), 1e-14);
  EXPECT_TRUE(std::isnan(r.variance));
  EXPECT_DOUBLE_EQ(run_estimate(s, one_target(3, 4), o).targets[0].estimate, 6.0);
  o.method = Method::nearest;
  EXPECT_DOUBLE_EQ(run_estimate(s, one_target(0, -1.5), o).targets[0].estimate, 3.0);
}

TEST(Duplicates, MergedToTheirMeanOrRefused) {
  auto s = samples_2d({{10, 10, 1.0}, {50, 50, 7.0}, {10, 10, 3.0}});
  s.file = "S.csv";
  s.line = {2, 3, 4};
  Diagnostics diag;
  const auto r = run_estimate(s, one_target(10, 10), ok_options(), diag);
  EXPECT_EQ(r.duplicates_merged, 1u);
  EXPECT_NEAR(r.targets[0].estimate, 2.0, 1e-14);  // exact at the merged sample (mean 2)
  EXPECT_EQ(r.targets[0].n_samples, 2);
  ASSERT_EQ(diag.items().size(), 1u);
  EXPECT_EQ(diag.items()[0].code, "kriging.duplicates_merged");
  auto o = ok_options();
  o.duplicates = DuplicatePolicy::error;
  try {
    (void)run_estimate(s, one_target(0, 0), o);
    FAIL() << "expected input.duplicate_sample";
  } catch (const Error& e) {
    EXPECT_EQ(e.headline(),
              "S.csv:4: error[input.duplicate_sample]: sample at (10, 10, 0) has the same "
              "coordinates as the sample of line 2, expected distinct locations (or merge "
              "duplicates)");
  }
}

TEST(Singular, NearlyCoincidentSamplesWithoutNuggetAreReported) {
  variogram::VariogramModel g;
  g.structures.push_back({StructureType::gaussian, 1.0, {100, 100, 100}, {0, 0, 0}});
  auto o = ok_options();
  o.variogram = g;
  const auto s = samples_2d({{0, 0, 1.0}, {1e-7, 0, 2.0}, {50, 0, 3.0}});
  Diagnostics diag;
  const auto r = run_estimate(s, one_target(20, 5), o, diag);
  EXPECT_EQ(r.targets[0].status, TargetStatus::singular);
  EXPECT_TRUE(std::isnan(r.targets[0].estimate));
  EXPECT_EQ(r.singular, 1u);
  ASSERT_EQ(diag.items().size(), 1u);
  EXPECT_EQ(diag.items()[0].code, "numeric.singular_kriging_system");
}

TEST(Search, MaxDistanceMinSamplesAndCounts) {
  const auto s = samples_2d({{0, 0, 1.0}, {10, 0, 2.0}, {20, 0, 3.0}, {100, 0, 4.0}});
  auto o = ok_options();
  o.search.max_distance_m = 20;  // inclusive
  o.search.max_samples = 8;
  const auto r = run_estimate(s, one_target(0, 0), o).targets[0];
  EXPECT_EQ(r.n_samples, 3);
  o.search.min_samples = 4;
  const auto few = run_estimate(s, one_target(0, 0), o);
  EXPECT_EQ(few.targets[0].status, TargetStatus::too_few_samples);
  EXPECT_EQ(few.targets[0].n_samples, 3);
  EXPECT_EQ(few.too_few, 1u);
  o.search.min_samples = 1;
  o.search.max_samples = 2;
  EXPECT_EQ(run_estimate(s, one_target(0, 0), o).targets[0].n_samples, 2);
}

TEST(Search, HolesAndOctants) {
  // Hole 0 straight below the target, hole 1 to the east.
  Samples s;
  for (int k = 0; k < 6; ++k) {
    s.x_m.push_back(0);
    s.y_m.push_back(0);
    s.z_m.push_back(-2.0 * k);
    s.value.push_back(1.0);
    s.hole.push_back(0);
  }
  for (int k = 0; k < 3; ++k) {
    s.x_m.push_back(30);
    s.y_m.push_back(0);
    s.z_m.push_back(-2.0 * k);
    s.value.push_back(3.0);
    s.hole.push_back(1);
  }
  Targets t;  // above every sample: each hole lies in one octant
  t.x_m = {1};
  t.y_m = {0};
  t.z_m = {1};
  auto o = ok_options();
  o.search.max_samples = 4;
  auto r = run_estimate(s, t, o).targets[0];
  EXPECT_EQ(r.n_holes, 1);  // the four nearest are all in hole 0
  o.search.max_per_hole = 2;
  r = run_estimate(s, t, o).targets[0];
  EXPECT_EQ(r.n_samples, 4);
  EXPECT_EQ(r.n_holes, 2);
  o.search.max_per_hole = 0;
  o.search.max_per_octant = 1;  // hole 0 lies in one octant (x < 1), hole 1 in another (x > 1)
  r = run_estimate(s, t, o).targets[0];
  EXPECT_EQ(r.n_samples, 2);
  EXPECT_EQ(r.n_holes, 2);
  // min_holes: the four nearest lie in one hole, so two holes are not found...
  o.search.max_per_octant = 0;
  o.search.min_holes = 2;
  r = run_estimate(s, t, o).targets[0];
  EXPECT_EQ(r.status, TargetStatus::too_few_samples);
  EXPECT_EQ(r.n_holes, 1);
  // ...unless the per-hole cap brings the second hole in.
  o.search.max_per_hole = 2;
  r = run_estimate(s, t, o).targets[0];
  EXPECT_EQ(r.status, TargetStatus::estimated);
  EXPECT_EQ(r.n_holes, 2);
}

TEST(Search, AnisotropicPrefersTheMajorAxis) {
  // Major axis north (azimuth 0), minor ratio 1/4: a sample 60 m north is "nearer" than one
  // 20 m east (60 < 20 * 4 = 80 in major-axis metres).
  auto o = ok_options();
  o.variogram.structures[0].ranges_m = {100, 25, 25};
  o.search.max_samples = 1;
  const auto s = samples_2d({{0, 60, 1.0}, {20, 0, 2.0}});
  o.search.metric = SearchMetric::euclidean;
  EXPECT_DOUBLE_EQ(run_estimate(s, one_target(0, 0), o).targets[0].estimate, 2.0);
  o.search.metric = SearchMetric::anisotropic;
  EXPECT_DOUBLE_EQ(run_estimate(s, one_target(0, 0), o).targets[0].estimate, 1.0);
  o.search.max_distance_m = 70;  // ellipse radii 70 north, 17.5 east: only the north sample
  o.search.max_samples = 8;
  EXPECT_EQ(run_estimate(s, one_target(0, 0), o).targets[0].n_samples, 1);
}

namespace {

// A deterministic scatter (no random library: a fixed linear congruential sequence).
Samples scatter(std::size_t n) {
  Samples s;
  std::uint64_t state = 12345;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) / 9007199254740992.0;
  };
  for (std::size_t i = 0; i < n; ++i) {
    s.x_m.push_back(1000 * next());
    s.y_m.push_back(1000 * next());
    s.z_m.push_back(100 * next());
    s.value.push_back(std::exp(next()));
    s.hole.push_back(static_cast<std::int64_t>(i / 10));
  }
  return s;
}

Targets lattice() {
  Targets t;
  for (int k = 0; k < 5; ++k)
    for (int j = 0; j < 40; ++j)
      for (int i = 0; i < 40; ++i) {
        t.x_m.push_back(12.5 + 25 * i);
        t.y_m.push_back(12.5 + 25 * j);
        t.z_m.push_back(10 + 20 * k);
      }
  return t;
}

bool same_bits(const std::vector<TargetResult>& a, const std::vector<TargetResult>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const double x[] = {a[i].estimate, a[i].variance, a[i].slope, a[i].efficiency, a[i].nearest_m};
    const double y[] = {b[i].estimate, b[i].variance, b[i].slope, b[i].efficiency, b[i].nearest_m};
    if (std::memcmp(x, y, sizeof x) != 0 || a[i].n_samples != b[i].n_samples ||
        a[i].n_negative_weights != b[i].n_negative_weights || a[i].status != b[i].status)
      return false;
  }
  return true;
}

}  // namespace

TEST(Determinism, SameBitsForAnyThreadCountAndAlone) {
  const auto s = scatter(2000);
  const auto t = lattice();  // 8,000 targets: several fixed chunks
  auto o = ok_options();
  o.variogram.structures[0].ranges_m = {200, 120, 40};
  o.variogram.structures[0].angles_deg = {30, -10, 5};
  o.search.max_samples = 16;
  for (const bool block : {false, true}) {
    if (block) o.block = BlockOptions{{25, 25, 20}, {3, 3, 2}, BlockScheme::regular, 0};
    std::vector<TargetResult> one, two;
    {
      tbb::global_control c(tbb::global_control::max_allowed_parallelism, 1);
      one = run_estimate(s, t, o).targets;
    }
    {
      tbb::global_control c(tbb::global_control::max_allowed_parallelism, 2);
      two = run_estimate(s, t, o).targets;
    }
    EXPECT_TRUE(same_bits(one, two)) << "block " << block;
    // A target estimated on its own (no reused systems) gives the same bits as in the batch.
    for (const std::size_t i : {std::size_t{0}, std::size_t{777}, std::size_t{5432}}) {
      Targets single;
      single.x_m = {t.x_m[i]};
      single.y_m = {t.y_m[i]};
      single.z_m = {t.z_m[i]};
      EXPECT_TRUE(same_bits(run_estimate(s, single, o).targets, {one[i]})) << i;
    }
  }
}

TEST(Determinism, GroupSearchGivesTheKdTreePathsBits) {
  // An octant limit equal to max_samples never binds, but it sends every target through the
  // per-target kd-tree search instead of the group search: both must give the same bits, with
  // and without a per-hole limit that binds (10 samples per hole in the scatter).
  const auto s = scatter(2000);
  const auto t = lattice();
  for (const auto metric : {SearchMetric::euclidean, SearchMetric::anisotropic})
    for (const std::size_t per_hole : {std::size_t{0}, std::size_t{2}})
      for (const bool block : {false, true}) {
        auto o = ok_options();
        o.variogram.structures[0].ranges_m = {200, 120, 40};
        o.variogram.structures[0].angles_deg = {30, -10, 5};
        o.search.max_samples = 16;
        o.search.max_distance_m = 60;  // binds for some targets (Euclidean: ~18 samples expected)
        o.search.metric = metric;
        if (block) o.block = BlockOptions{{25, 25, 20}, {2, 2, 2}, BlockScheme::gauss, 0};
        o.search.max_per_hole = per_hole;
        const auto grouped = run_estimate(s, t, o).targets;
        o.search.max_per_octant = 16;
        const auto tree = run_estimate(s, t, o).targets;
        EXPECT_TRUE(same_bits(grouped, tree))
            << "metric " << int(metric) << " per hole " << per_hole << " block " << block;
        std::size_t estimated = 0, partial = 0, full = 0;
        for (const auto& r : grouped) {
          estimated += r.estimated() ? 1 : 0;
          partial += r.n_samples > 0 && r.n_samples < 16 ? 1 : 0;
          full += r.n_samples == 16 ? 1 : 0;
        }
        EXPECT_GT(estimated, t.size() / 2);
        EXPECT_GT(partial, 100u);  // the radius limits some neighbourhoods
        if (metric == SearchMetric::euclidean) {
          EXPECT_GT(full, 100u);  // and max_samples others
        }
      }
}

TEST(CrossValidation, LeaveOneOutAndLeaveOneHoleOut) {
  // Three samples on a line: leaving out the middle one, OK of the two ends (equidistant)
  // gives their mean.
  Samples s = samples_2d({{0, 0, 1.0}, {20, 0, 4.0}, {40, 0, 3.0}});
  s.hole = {7, 7, 8};
  Diagnostics diag;
  const auto cv = cross_validate(s, ok_options(), CrossValidationMode::leave_one_out, diag);
  ASSERT_EQ(cv.results.size(), 3u);
  EXPECT_NEAR(cv.results[1].estimate, 2.0, 1e-14);
  EXPECT_EQ(cv.results[1].n_samples, 2);
  // Statistics from the per-sample results.
  double me = 0, mse = 0, mz = 0;
  for (std::size_t i = 0; i < 3; ++i) {
    const double e = cv.results[i].estimate - cv.true_value[i];
    me += e / 3;
    mse += e * e / 3;
    mz += e / std::sqrt(cv.results[i].variance) / 3;
  }
  EXPECT_EQ(cv.stats.n, 3u);
  EXPECT_NEAR(cv.stats.mean_error, me, 1e-14);
  EXPECT_NEAR(cv.stats.mean_squared_error, mse, 1e-14);
  EXPECT_NEAR(cv.stats.mean_standardised_error, mz, 1e-14);
  // Leave one hole out: samples 0 and 1 share hole 7, so each sees only sample 2.
  const auto h = cross_validate(s, ok_options(), CrossValidationMode::leave_one_hole_out, diag);
  EXPECT_EQ(h.results[0].n_samples, 1);
  EXPECT_DOUBLE_EQ(h.results[0].estimate, 3.0);
  EXPECT_EQ(h.results[2].n_samples, 2);
  const auto noholes = samples_2d({{0, 0, 1.0}, {20, 0, 4.0}});
  EXPECT_THROW(
      (void)cross_validate(noholes, ok_options(), CrossValidationMode::leave_one_hole_out, diag),
      Error);
}

TEST(CrossValidation, CorrelationIsPearsonsOfEstimateAndTruth) {
  const auto s = scatter(300);
  Diagnostics diag;
  auto o = ok_options();
  o.search.max_samples = 20;
  const auto cv = cross_validate(s, o, CrossValidationMode::leave_one_out, diag);
  EXPECT_EQ(cv.stats.n, 300u);
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < cv.results.size(); ++i) {
    mx += cv.results[i].estimate;
    my += cv.true_value[i];
  }
  mx /= static_cast<double>(cv.results.size());
  my /= static_cast<double>(cv.results.size());
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < cv.results.size(); ++i) {
    const double a = cv.results[i].estimate - mx, b = cv.true_value[i] - my;
    sxy += a * b;
    sxx += a * a;
    syy += b * b;
  }
  EXPECT_NEAR(cv.stats.correlation, sxy / std::sqrt(sxx * syy), 1e-12);
  EXPECT_GT(cv.stats.mean_squared_standardised_error, 0);
}

TEST(Options, ValidationMessages) {
  auto expect_message = [](EstimateOptions o, const std::string& message) {
    try {
      validate(o, false);
      FAIL() << "expected: " << message;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), "input.bad_option");
      EXPECT_EQ(e.message(), message);
    }
  };
  auto o = ok_options();
  o.method = Method::simple;
  expect_message(o,
                 "simple kriging (method \"sk\") needs 'mean', expected the known mean of the "
                 "value");
  o = ok_options();
  o.search.max_samples = 4;
  o.search.min_samples = 5;
  expect_message(o, "'min_samples' is 5, expected at most max_samples = 4");
  o = ok_options();
  o.search.max_per_hole = 2;
  expect_message(o, "search max_per_hole needs hole ids on the samples");
  o.search.max_per_hole = 0;
  o.search.min_holes = 2;
  expect_message(o, "search min_holes needs hole ids on the samples");
  o = ok_options();
  o.method = Method::idw;
  o.block = BlockOptions{};
  o.block->size_m = {10, 10, 10};
  expect_message(o, "block support needs ordinary or simple kriging (method \"ok\" or \"sk\")");
}

// With no variogram structure the anisotropic search ellipsoid is a sphere: the same
// neighbours, hence the same inverse-distance estimates, as the Euclidean search.
TEST(Options, AnisotropicSearchWithoutVariogramIsEuclidean) {
  const auto s = samples_2d({{0, 0, 1}, {10, 0, 2}, {0, 10, 4}, {30, 30, 8}, {-20, 5, 3}});
  Targets t;
  t.x_m = {1, 12, -5};
  t.y_m = {2, 3, 20};
  EstimateOptions o;
  o.method = Method::idw;
  o.search.max_samples = 2;
  o.search.metric = SearchMetric::anisotropic;
  const auto a = run_estimate(s, t, o);
  o.search.metric = SearchMetric::euclidean;
  const auto e = run_estimate(s, t, o);
  for (std::size_t i = 0; i < t.size(); ++i) {
    EXPECT_EQ(a.targets[i].estimate, e.targets[i].estimate);
    EXPECT_EQ(a.targets[i].n_samples, 2);
  }
  // Hand check of target 0 at (1, 2): nearest (0,0)=1 at d2=5 and (10,0)=2 at d2=85 ... or
  // (0,10)=4 at d2=65: weights 1/5 and 1/65 (power 2 on distance = 1/d2).
  EXPECT_NEAR(a.targets[0].estimate, (1.0 / 5 + 4.0 / 65) / (1.0 / 5 + 1.0 / 65), 1e-12);
}

TEST(Options, TargetsWithoutFiniteCoordinatesAreRefused) {
  const auto s = samples_2d({{0, 0, 1}, {10, 0, 2}});
  auto o = ok_options();
  o.search.max_samples = 2;
  Targets t = one_target(5, 0);
  t.x_m.push_back(std::nan(""));
  t.y_m.push_back(1);
  try {
    (void)run_estimate(s, t, o);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "input.bad_number");
    EXPECT_NE(std::string(e.what()).find("target 2 has a coordinate that is not a finite number"),
              std::string::npos)
        << e.what();
  }
}

TEST(Grid, CentroidsInIndexOrder) {
  BlockGrid g;
  g.origin_m = {100, 200, 0};
  g.block_size_m = {10, 20, 5};
  g.counts = {3, 2, 2};
  const auto t = targets_from_grid(g);
  ASSERT_EQ(t.size(), 12u);
  EXPECT_DOUBLE_EQ(t.x_m[1], 115);
  EXPECT_DOUBLE_EQ(t.y_m[3], 230);
  EXPECT_DOUBLE_EQ(t.z_m[6], 7.5);
}

// A library caller's options are checked with the table's ranges and messages (the same
// words a project file or `lodeline estimate` gets), defaults (an unset SK mean, no radius)
// passing as declared.
TEST(Validate, ScalarRangesComeFromTheTable) {
  auto message_of = [](const EstimateOptions& o) {
    try {
      validate(o, false);
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EstimateOptions o;
  o.method = Method::idw;
  EXPECT_EQ(message_of(o), "accepted");
  o.idw_power = -1;
  EXPECT_NE(message_of(o).find("'idw_power' is -1, expected a number > 0"), std::string::npos)
      << message_of(o);
  o.idw_power = 2;
  o.search.min_samples = 0;
  EXPECT_NE(message_of(o).find("'min_samples' is 0, expected a whole number >= 1"),
            std::string::npos)
      << message_of(o);
}
