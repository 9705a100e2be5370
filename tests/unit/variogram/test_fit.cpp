// SPDX-License-Identifier: Apache-2.0
// Variogram fitting against gstat's fit.variogram on meuse, exact synthetic variograms from
// known models (isotropic, 2D and 3D anisotropic), hand-computed objectives and bad options.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <numbers>
#include <random>

#include "lodeline/core/error.hpp"
#include "lodeline/io/csv.hpp"
#include "lodeline/variogram/fit.hpp"
#include "support/error_of.hpp"

using namespace lodeline;
using namespace lodeline::variogram;

namespace {

constexpr double kDeg = 180.0 / std::numbers::pi;

/// gstat's omnidirectional meuse variogram (tests/data/variogram/meuse2d/expvar.csv).
ExperimentalVariogram meuse_omni() {
  const auto t =
      io::CsvTable::read(std::string(LODELINE_TEST_DATA) + "/variogram/meuse2d/expvar.csv");
  ExperimentalVariogram v;
  v.label = "omni";
  for (const auto& row : t.rows()) {
    if (t.number(row, 0) != -1) continue;
    v.values.push_back({t.integer(row, 1), t.number(row, 2), t.number(row, 3)});
  }
  return v;
}

/// An "experimental" variogram holding the model's exact gamma along `d` at h = step, 2 step...
ExperimentalVariogram exact(const VariogramModel& m, const Direction& d, double step, int n) {
  ExperimentalVariogram v;
  v.direction = d;
  v.label = d.label();
  const auto u = direction_vector(d);
  for (int k = 1; k <= n; ++k) {
    const double h = step * k;
    v.values.push_back({30 + 7 * k, h, m.gamma({h * u[0], h * u[1], h * u[2]})});
  }
  return v;
}

Structure structure(StructureType t, double sill, std::array<double, 3> ranges,
                    std::array<double, 3> angles = {0, 0, 0}) {
  Structure s;
  s.type = t;
  s.sill = sill;
  s.ranges_m = ranges;
  s.angles_deg = angles;
  return s;
}

Direction towards(double azimuth, double dip = 0) {
  Direction d;
  d.azimuth_deg = azimuth;
  d.dip_deg = dip;
  d.azimuth_tolerance_deg = 22.5;
  d.dip_tolerance_deg = 22.5;
  return d;
}

void expect_rel(double got, double want, double rel) {
  EXPECT_NEAR(got, want, rel * std::fabs(want)) << "want " << want;
}

using lodeline::test::error_of;

}  // namespace

TEST(Fit, MeuseAsGstatFitVariogram) {
  // gstat: fit.variogram(variogram(log(zinc)~1, meuse), vgm(1, "Sph", 900, 1)) gives
  // nugget 0.05066, psill 0.59061, range 897.02 (params.json "fitted_info", rounded).
  const auto ev = meuse_omni();
  ASSERT_EQ(ev.values.size(), 15u);
  VariogramModel initial;
  initial.nugget = 1;
  initial.structures = {structure(StructureType::spherical, 1, {900, 900, 900})};
  const auto r = fit_variogram(ev, initial);
  EXPECT_TRUE(r.converged);
  EXPECT_TRUE(r.zeroed.empty());
  expect_rel(r.model.nugget, 0.05066, 1e-3);
  ASSERT_EQ(r.model.structures.size(), 1u);
  expect_rel(r.model.structures[0].sill, 0.59061, 1e-3);
  expect_rel(r.model.structures[0].ranges_m[0], 897.02, 1e-3);
  EXPECT_EQ(r.model.structures[0].ranges_m[1], r.model.structures[0].ranges_m[0]);
  // From the fixed starting points (no initial model) the same minimum.
  const auto s = fit_variogram(ev, std::vector<StructureType>{StructureType::spherical});
  EXPECT_NEAR(s.model.nugget, r.model.nugget, 1e-7);
  EXPECT_NEAR(s.model.structures[0].sill, r.model.structures[0].sill, 1e-7);
  EXPECT_NEAR(s.model.structures[0].ranges_m[0], r.model.structures[0].ranges_m[0], 1e-4);
  EXPECT_LE(s.weighted_sse, r.weighted_sse * (1 + 1e-12));
}

TEST(Fit, RecoversNestedModelFromExactValues) {
  VariogramModel truth;
  truth.nugget = 0.2;
  truth.structures = {structure(StructureType::exponential, 0.3, {60, 60, 60}),
                      structure(StructureType::spherical, 0.5, {300, 300, 300})};
  const auto ev = exact(truth, towards(0), 15, 40);
  for (const auto w : {FitWeighting::npairs_over_h2, FitWeighting::npairs, FitWeighting::cressie,
                       FitWeighting::ols}) {
    SCOPED_TRACE(to_string(w));
    FitOptions o;
    o.weighting = w;
    const auto r = fit_variogram(
        ev, std::vector<StructureType>{StructureType::exponential, StructureType::spherical}, o);
    expect_rel(r.model.nugget, 0.2, 1e-6);
    expect_rel(r.model.structures[0].sill, 0.3, 1e-6);
    expect_rel(r.model.structures[0].ranges_m[0], 60, 1e-6);
    expect_rel(r.model.structures[1].sill, 0.5, 1e-6);
    expect_rel(r.model.structures[1].ranges_m[0], 300, 1e-6);
    EXPECT_LT(r.weighted_sse, 1e-16);
  }
}

TEST(Fit, GaussianFromPerturbedStart) {
  VariogramModel truth;
  truth.nugget = 0.05;
  truth.structures = {structure(StructureType::gaussian, 2.5, {80, 80, 80})};
  const auto ev = exact(truth, towards(0), 10, 30);
  VariogramModel start;
  start.nugget = 0.5;
  start.structures = {structure(StructureType::gaussian, 1, {150, 150, 150})};
  const auto r = fit_variogram(ev, start);
  expect_rel(r.model.nugget, 0.05, 1e-6);
  expect_rel(r.model.structures[0].sill, 2.5, 1e-6);
  expect_rel(r.model.structures[0].ranges_m[0], 80, 1e-6);
}

TEST(Fit, NegativeNuggetIsFixedAtZero) {
  // Spherical values lowered by 0.1: unconstrained, the nugget would be -0.1.
  VariogramModel truth;
  truth.structures = {structure(StructureType::spherical, 1, {200, 200, 200})};
  auto ev = exact(truth, towards(0), 10, 30);
  for (auto& lag : ev.values) lag.gamma -= 0.1;
  const auto r = fit_variogram(ev, std::vector<StructureType>{StructureType::spherical});
  EXPECT_EQ(r.model.nugget, 0.0);
  EXPECT_EQ(r.zeroed, std::vector<std::size_t>{0});
  FitOptions no_nugget;
  no_nugget.fit_nugget = false;
  const auto z = fit_variogram(ev, std::vector<StructureType>{StructureType::spherical}, no_nugget);
  EXPECT_EQ(z.model.nugget, 0.0);
  EXPECT_TRUE(z.zeroed.empty());
  EXPECT_NEAR(r.weighted_sse, z.weighted_sse, 1e-12 * z.weighted_sse);
  expect_rel(r.model.structures[0].sill, z.model.structures[0].sill, 1e-7);
}

TEST(Fit, WeightedObjectiveByHand) {
  // Nothing free: S is the objective at the initial model. Model: nugget 0.1 + sph(1, 100).
  // Lags (N, h, g): (10, 25, 0.5), (20, 50, 0.8), (5, 100, 1.0).
  // gamma: h 25: 0.1 + 1.5*.25 - .5*.25^3 = 0.4671875; h 50: 0.1 + .6875 = 0.7875; h 100: 1.1.
  ExperimentalVariogram ev;
  ev.values = {{10, 25, 0.5}, {20, 50, 0.8}, {5, 100, 1.0}};
  ev.values.push_back({0, 0, 0});  // lags without pairs are ignored
  VariogramModel m;
  m.nugget = 0.1;
  m.structures = {structure(StructureType::spherical, 1, {100, 100, 100})};
  FitOptions o;
  o.fit_nugget = o.fit_sills = o.fit_ranges = false;
  const double r1 = 0.5 - 0.4671875, r2 = 0.8 - 0.7875, r3 = 1.0 - 1.1;
  const std::pair<FitWeighting, double> cases[] = {
      {FitWeighting::npairs_over_h2,
       10 / 625.0 * r1 * r1 + 20 / 2500.0 * r2 * r2 + 5 / 10000.0 * r3 * r3},
      {FitWeighting::npairs, 10 * r1 * r1 + 20 * r2 * r2 + 5 * r3 * r3},
      {FitWeighting::ols, r1 * r1 + r2 * r2 + r3 * r3},
      {FitWeighting::cressie, 10 * std::pow(0.5 / 0.4671875 - 1, 2) +
                                  20 * std::pow(0.8 / 0.7875 - 1, 2) +
                                  5 * std::pow(1.0 / 1.1 - 1, 2)}};
  for (const auto& [w, want] : cases) {
    o.weighting = w;
    const auto r = fit_variogram(ev, m, o);
    EXPECT_NEAR(r.weighted_sse, want, 1e-15 * want) << to_string(w);
    EXPECT_EQ(r.model.nugget, 0.1);
  }
}

TEST(Fit, FixedRangesFitSillsOnly) {
  VariogramModel truth;
  truth.nugget = 0.3;
  truth.structures = {structure(StructureType::spherical, 0.7, {250, 250, 250})};
  const auto ev = exact(truth, towards(0), 10, 40);
  VariogramModel start = truth;
  start.nugget = 1;
  start.structures[0].sill = 2;
  FitOptions o;
  o.fit_ranges = false;
  const auto r = fit_variogram(ev, start, o);
  EXPECT_EQ(r.model.structures[0].ranges_m[0], 250);
  expect_rel(r.model.nugget, 0.3, 1e-9);
  expect_rel(r.model.structures[0].sill, 0.7, 1e-9);
}

TEST(Fit, GslibAnglesReproduceTheModelFrame) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> az(0, 360), dip(-89, 89), rake(-89, 89);
  for (int trial = 0; trial < 200; ++trial) {
    const auto s =
        structure(StructureType::spherical, 1, {3, 2, 1}, {az(rng), dip(rng), rake(rng)});
    const Matrix3 a = reduced_distance_matrix(s);  // rows: axes / ranges
    std::array<double, 3> major, semi;
    for (int c = 0; c < 3; ++c) {
      major[c] = a[0][c] * 3;
      semi[c] = a[1][c] * 2;
    }
    const auto angles = gslib_angles(major, semi);
    EXPECT_GE(angles[0], 0);
    EXPECT_LT(angles[0], 360);
    EXPECT_LE(std::fabs(angles[1]), 90);
    EXPECT_LE(std::fabs(angles[2]), 90);
    const Matrix3 b =
        reduced_distance_matrix(structure(StructureType::spherical, 1, {3, 2, 1}, angles));
    for (int r = 0; r < 3; ++r) {  // the same axes up to sign
      double d = 0;
      for (int c = 0; c < 3; ++c) d += a[r][c] * b[r][c];
      const double n = 1.0 / ((r == 0 ? 3 : r == 1 ? 2 : 1) * (r == 0 ? 3 : r == 1 ? 2 : 1));
      EXPECT_NEAR(std::fabs(d), n, 1e-12) << "trial " << trial << " axis " << r;
    }
  }
}

TEST(Fit, Anisotropic2dRecoversGstatAnis) {
  // gstat vgm(0.59, "Sph", 1200, 0.05, anis = c(40, 0.5)): ranges 1200 / 600, major at 40.
  VariogramModel truth;
  truth.nugget = 0.05;
  truth.structures = {structure(StructureType::spherical, 0.59, {1200, 600, 1200}, {40, 0, 0})};
  for (const bool swap : {false, true}) {
    std::vector<ExperimentalVariogram> vs = {exact(truth, towards(40), 50, 30),
                                             exact(truth, towards(130), 50, 30)};
    if (swap) std::swap(vs[0], vs[1]);
    const auto r = fit_anisotropic(vs, std::vector<StructureType>{StructureType::spherical});
    expect_rel(r.model.nugget, 0.05, 1e-6);
    const auto& s = r.model.structures.at(0);
    expect_rel(s.sill, 0.59, 1e-6);
    expect_rel(s.ranges_m[0], 1200, 1e-6);
    expect_rel(s.ranges_m[1], 600, 1e-6);
    expect_rel(s.ranges_m[2], 1200, 1e-6);
    EXPECT_NEAR(s.angles_deg[0], 40, 1e-9);
    EXPECT_NEAR(s.angles_deg[1], 0, 1e-9);
    EXPECT_NEAR(s.angles_deg[2], 0, 1e-9);
    EXPECT_NO_THROW(validate(r.model));
  }
}

TEST(Fit, Anisotropic3dAlongTheModelAxes) {
  VariogramModel truth;
  truth.nugget = 0.1;
  truth.structures = {structure(StructureType::spherical, 1.0, {200, 100, 40}, {30, -20, 15})};
  const Matrix3 a = reduced_distance_matrix(truth.structures[0]);
  std::vector<ExperimentalVariogram> vs;
  const double ranges[] = {200, 100, 40};
  for (int r = 2; r >= 0; --r) {  // minor first: the fit orders the axes itself
    const double x = a[r][0] * ranges[r], y = a[r][1] * ranges[r], z = a[r][2] * ranges[r];
    vs.push_back(
        exact(truth, towards(std::atan2(x, y) * kDeg, std::asin(z) * kDeg), ranges[r] / 20, 30));
  }
  const auto r = fit_anisotropic(vs, std::vector<StructureType>{StructureType::spherical});
  const auto& s = r.model.structures.at(0);
  expect_rel(s.ranges_m[0], 200, 1e-6);
  expect_rel(s.ranges_m[1], 100, 1e-6);
  expect_rel(s.ranges_m[2], 40, 1e-6);
  expect_rel(r.model.nugget, 0.1, 1e-6);
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> u(-150, 150);
  for (int k = 0; k < 100; ++k) {
    const std::array<double, 3> h = {u(rng), u(rng), u(rng) / 3};
    EXPECT_NEAR(r.model.gamma(h), truth.gamma(h), 1e-6);
  }
}

TEST(Fit, Errors) {
  const auto ev = meuse_omni();
  EXPECT_EQ(error_of([&] {
              (void)fit_anisotropic(
                  {exact(VariogramModel{0, {structure(StructureType::spherical, 1, {9, 9, 9})}},
                         towards(0), 1, 5),
                   exact(VariogramModel{0, {structure(StructureType::spherical, 1, {9, 9, 9})}},
                         towards(60), 1, 5)},
                  {StructureType::spherical});
            }),
            "error[input.bad_option]: directions '0/0' and '60/0' are 60.000 degrees apart, "
            "expected perpendicular directions for an anisotropic fit");
  ExperimentalVariogram few;
  few.label = "omni";
  few.values = {{10, 5, 1}, {10, 10, 2}};
  EXPECT_EQ(error_of([&] { (void)fit_variogram(few, {StructureType::spherical}); }),
            "error[input.too_few_lags]: 2 lags with pairs, expected at least 3 (one per free "
            "parameter) to fit");
  ExperimentalVariogram zero = few;
  zero.values.insert(zero.values.begin(), {{4, 0, 0.3}, {1, 2, 0.5}});
  EXPECT_EQ(error_of([&] { (void)fit_variogram(zero, {StructureType::spherical}); }),
            "error[numeric.zero_lag_distance]: variogram 'omni' has a lag at mean distance 0 m, "
            "expected distances > 0 for npairs-h2 weights (use npairs or ols)");
  FitOptions npairs;
  npairs.weighting = FitWeighting::npairs;
  EXPECT_NO_THROW((void)fit_variogram(zero, {StructureType::spherical}, npairs));
  EXPECT_EQ(error_of([&] { (void)fit_variogram(ev, std::vector<StructureType>{}); }),
            "error[input.bad_option]: 0 structures, expected 1 to 6 structure types to fit");
}
