// SPDX-License-Identifier: Apache-2.0
// Monte Carlo over vertex positions: an analytic standard deviation, incremental = full
// recomputation, thread-count independence, the draw generator and the summary statistics.
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cmath>
#include <numbers>

#include "lodeline/border/monte_carlo.hpp"
#include "lodeline/border/split.hpp"
#include "lodeline/border/tally.hpp"
#include "lodeline/core/random.hpp"
#include "lodeline/geo/geos_ops.hpp"

using lodeline::BlockGrid;
using lodeline::Error;
using lodeline::MultiPolygon;
using lodeline::Point2;
using lodeline::Polyline;
namespace border = lodeline::border;

namespace {

BlockGrid grid3d(double x0, double y0, double dx, double dy, std::int64_t nx, std::int64_t ny,
                 std::int64_t nz, double rotation_deg = 0) {
  BlockGrid g;
  g.origin_m = {x0, y0, 0};
  g.block_size_m = {dx, dy, 5};
  g.counts = {nx, ny, nz};
  g.rotation_deg = rotation_deg;
  return g;
}

struct Model {
  BlockGrid grid;
  std::vector<double> grade, tonnes;
  border::TallyInput input() const {
    border::TallyInput in;
    in.grid = &grid;
    in.grade_gpt = &grade;
    in.tonnes = &tonnes;
    in.cutoffs_gpt = {0.5, 1.0};
    return in;
  }
};

Model uniform_model(const BlockGrid& g, double grade_gpt, double tonnes) {
  Model m{g, std::vector<double>(static_cast<std::size_t>(g.block_count()), grade_gpt),
          std::vector<double>(static_cast<std::size_t>(g.block_count()), tonnes)};
  return m;
}

border::UncertainLine uncertain(const Polyline& line, std::vector<border::VertexCovariance> cov) {
  border::UncertainLine u;
  u.points = line;
  u.covariance = std::move(cov);
  return u;
}

std::size_t find(const border::MonteCarloResult& r, const std::string& measure, double cutoff) {
  for (std::size_t m = 0; m < r.measures.size(); ++m)
    if (r.measures[m].measure == measure &&
        (std::isnan(cutoff) || r.measures[m].cutoff_gpt == cutoff))
      return m;
  throw std::runtime_error("no measure " + measure);
}

}  // namespace

// A straight line between two pillars P1 = (x0, -m) and P2 = (x0, H + m), walked south ->
// north across a W x H rectangle, with independent east errors e1, e2 ~ N(0, σ²). The line is
// x(y) = x0 + e1 + (e2 - e1)(y + m)/(H + 2m), so the side-A (west) area changes by
//   ΔA = ∫_0^H (x(y) - x0) dy = H e1 + (e2 - e1) H (H/2 + m)/(H + 2m) = H (e1 + e2)/2,
// whose standard deviation is H σ / √2; the area share's is H σ / √2 / (W H). With uniform
// grade and tonnes, metal follows area at (t g nz) / (dx dy) per m². The sample sd of N
// draws has a standard error of about sd / √(2 (N - 1)); the test allows three of those.
// A parallel offset moves side A's area by exactly H per metre.
TEST(MonteCarlo, StraightLineAreaSdMatchesAnalytic) {
  const double w = 100, h = 50, sigma = 0.5, x0 = 40.3, margin = 10;
  const BlockGrid g = grid3d(0, 0, 1, 1, 100, 50, 2);
  const double t = 13.5, grade = 2.0;
  const Model model = uniform_model(g, grade, t);
  const auto ms = border::make_measures(g, border::block_measures(model.input()), {});
  border::VertexCovariance east_only{sigma * sigma, 0, 0};
  border::MonteCarloOptions o;
  o.draws = 4000;
  o.seed = 20240601;
  const auto r = border::run_monte_carlo(
      ms, uncertain({{x0, -margin}, {x0, h + margin}}, {east_only, east_only}), o);
  const double n = static_cast<double>(o.draws);
  const double sd_area = h * sigma / std::sqrt(2.0);
  const auto& area = r.measures[find(r, "area", NAN)];
  EXPECT_NEAR(area.total, w * h, 1e-9);
  EXPECT_NEAR(area.baseline_a, x0 * h, 1e-9);
  EXPECT_NEAR(area.amount[0].sd, sd_area, 3 * sd_area / std::sqrt(2 * (n - 1)));
  EXPECT_NEAR(area.amount[0].mean, x0 * h, 3 * sd_area / std::sqrt(n));
  const double sd_share = 100 * sd_area / (w * h);
  EXPECT_NEAR(area.share_pct[0].sd, sd_share, 3 * sd_share / std::sqrt(2 * (n - 1)));
  // Side B mirrors side A exactly.
  EXPECT_NEAR(area.amount[1].sd, area.amount[0].sd, 1e-9);
  EXPECT_NEAR(area.amount[1].mean, w * h - area.amount[0].mean, 1e-6);
  EXPECT_NEAR(area.amount[0].p2_5 + area.amount[1].p97_5, w * h, 1e-6);
  // Percentiles of a normal: mean ∓ 1.96 sd (within sampling error, generous 0.15 sd).
  EXPECT_NEAR(area.amount[0].p97_5 - area.amount[0].p2_5, 2 * 1.959964 * sd_area, 0.3 * sd_area);
  // Metal above 0.5 g/t: every block, 2 benches.
  const auto& metal = r.measures[find(r, "metal", 0.5)];
  const double metal_per_m2 = t * grade * 2;
  EXPECT_NEAR(metal.amount[0].sd, area.amount[0].sd * metal_per_m2, 1e-6 * metal.total);
  // Per metre of offset towards side B (east): side A gains H m² and H * metal_per_m2 grams.
  EXPECT_NEAR(area.per_metre_shift, h, 1e-6);
  EXPECT_NEAR(metal.per_metre_shift, h * metal_per_m2, 1e-6 * h * metal_per_m2);
  // Above 1.0 g/t: grade 2 qualifies too.
  EXPECT_NEAR(r.measures[find(r, "ore", 1.0)].baseline_a, x0 * h * t * 2, 1e-6);
  EXPECT_EQ(r.vertices_perturbed, 2);
  EXPECT_GT(r.mean_columns_recomputed, 0);
  EXPECT_LT(r.mean_columns_recomputed, 0.5 * 100 * 50);  // only a band is recomputed
}

// Each draw's incremental amounts equal a full split + tally of the same drawn line, on a
// rotated grid with grades, a licence, correlated anisotropic errors large against the
// blocks, tiles of 1, 3 and 16 columns and a line entering the model three times.
TEST(MonteCarlo, IncrementalEqualsFullSplit) {
  const BlockGrid g = grid3d(500000, 4000000, 2, 3, 60, 45, 3, 17);
  Model model{g, {}, {}};
  lodeline::SplitMix64 rng(7);
  for (std::int64_t b = 0; b < g.block_count(); ++b) {
    model.grade.push_back(rng.uniform() < 0.1 ? NAN : 2 * rng.uniform());
    model.tonnes.push_back(10 + 5 * rng.uniform());
  }
  auto world = [&](double x, double y) { return g.to_world({x, y}); };
  // Local extent 120 x 135 m. The line comes in from the south, leaves through the west
  // edge, re-enters and leaves through the north edge; one end lies near a corner.
  const Polyline line{world(60, -20), world(50, 40),  world(10, 60),  world(-8, 75),
                      world(-6, 95),  world(30, 100), world(55, 128), world(118, 140)};
  const MultiPolygon licence{{{world(5, 5), world(110, 10), world(100, 120), world(15, 130)}}};
  const auto ms = border::make_measures(g, border::block_measures(model.input()), licence);
  std::vector<border::VertexCovariance> cov(line.size(), {2.25, 0.9, 1.0});
  cov[3] = {0, 0, 0};  // a vertex without error
  for (const std::int64_t tile : {1, 3, 16}) {
    border::MonteCarloOptions o;
    o.draws = 40;
    o.seed = 99;
    o.tile_columns = tile;
    o.keep_draws = true;
    const auto u = uncertain(line, cov);
    const auto r = border::run_monte_carlo(ms, u, o);
    ASSERT_EQ(r.side_a_draws.size(), ms.size());
    for (std::int64_t d = 0; d < o.draws; ++d) {
      const auto pts = border::perturbed_points(line, cov, o.seed, d);
      const auto full = border::split_columns(g, pts);
      const auto sides = border::tally_sides(model.input(), full.fraction_left);
      const auto du = static_cast<std::size_t>(d);
      EXPECT_NEAR(r.side_a_draws[find(r, "area", NAN)][du], full.area_left_m2, 1e-9 * 120 * 135);
      for (std::size_t c = 0; c < 2; ++c) {
        const double cut = model.input().cutoffs_gpt[c];
        const auto& gt = sides[0].by_cutoff[c];
        EXPECT_NEAR(r.side_a_draws[find(r, "ore", cut)][du], gt.ore_t, 1e-9 * gt.ore_t) << d;
        EXPECT_NEAR(r.side_a_draws[find(r, "metal", cut)][du], gt.metal_g, 1e-9 * gt.metal_g) << d;
      }
      EXPECT_NEAR(r.side_a_draws[find(r, "licence_area", NAN)][du],
                  lodeline::geo::intersection_area_m2(licence, full.territory_left), 1e-6);
    }
  }
}

// Same seed -> identical results on 1 and 2 threads; another seed -> other results.
TEST(MonteCarlo, ThreadCountDoesNotChangeResults) {
  const BlockGrid g = grid3d(0, 0, 1, 1, 80, 60, 1);
  const Model model = uniform_model(g, 1.5, 2.7);
  const auto ms = border::make_measures(g, border::block_measures(model.input()), {});
  const Polyline line{{30, -5}, {35, 20}, {28, 40}, {40, 65}};
  const auto u = uncertain(
      line, std::vector<border::VertexCovariance>(4, border::VertexCovariance::isotropic(0.8)));
  border::MonteCarloOptions o;
  o.draws = 300;
  o.keep_draws = true;
  auto run_with = [&](int threads, std::uint64_t seed) {
    tbb::global_control c(tbb::global_control::max_allowed_parallelism,
                          static_cast<std::size_t>(threads));
    o.seed = seed;
    return border::run_monte_carlo(ms, u, o);
  };
  const auto a = run_with(1, 5), b = run_with(2, 5), c = run_with(2, 6);
  for (std::size_t m = 0; m < a.measures.size(); ++m) {
    EXPECT_EQ(a.side_a_draws[m], b.side_a_draws[m]);
    EXPECT_EQ(a.measures[m].amount[0].sd, b.measures[m].amount[0].sd);
    EXPECT_EQ(a.measures[m].share_pct[1].p97_5, b.measures[m].share_pct[1].p97_5);
  }
  EXPECT_NE(a.side_a_draws[0], c.side_a_draws[0]);
}

// Draws are a pure function of (seed, draw); a vertex's moves have its covariance.
TEST(MonteCarlo, DrawsHaveTheGivenCovariance) {
  const std::vector<Point2> pts{{0, 0}, {10, 0}};
  const std::vector<border::VertexCovariance> cov{{0, 0, 0}, {4.0, -1.2, 1.0}};
  EXPECT_EQ(border::perturbed_points(pts, cov, 3, 17), border::perturbed_points(pts, cov, 3, 17));
  const int n = 20000;
  double se = 0, sn = 0, see = 0, snn = 0, sen = 0;
  for (int d = 0; d < n; ++d) {
    const auto p = border::perturbed_points(pts, cov, 3, d);
    EXPECT_EQ(p[0], pts[0]);
    const double e = p[1].x - 10, no = p[1].y;
    se += e;
    sn += no;
    see += e * e;
    snn += no * no;
    sen += e * no;
  }
  // Standard errors of the sample moments of a normal: var sd ~ var √(2/n), cov sd ~
  // √((var_e var_n + cov²)/n); four of them allowed.
  const double nn = n;
  EXPECT_NEAR(se / nn, 0, 4 * 2 / std::sqrt(nn));
  EXPECT_NEAR(sn / nn, 0, 4 * 1 / std::sqrt(nn));
  EXPECT_NEAR(see / nn, 4.0, 4 * 4.0 * std::sqrt(2 / nn));
  EXPECT_NEAR(snn / nn, 1.0, 4 * 1.0 * std::sqrt(2 / nn));
  EXPECT_NEAR(sen / nn, -1.2, 4 * std::sqrt((4.0 + 1.44) / nn));
}

// Hyndman-Fan definition 7 by hand: for 1, 2, 3, 4 the p-quantile is x[h] with h = 3p
// interpolated: p = 0.025 -> 1.075, p = 0.5 -> 2.5, p = 0.975 -> 3.925; sd = √(5/3).
TEST(MonteCarlo, SummaryStatistics) {
  const auto s = border::summarise({4, 1, 3, 2});
  EXPECT_DOUBLE_EQ(s.mean, 2.5);
  EXPECT_DOUBLE_EQ(s.sd, std::sqrt(5.0 / 3.0));
  EXPECT_DOUBLE_EQ(s.p2_5, 1.075);
  EXPECT_DOUBLE_EQ(s.p50, 2.5);
  EXPECT_DOUBLE_EQ(s.p97_5, 3.925);
  EXPECT_THROW(border::summarise({}), Error);
}

TEST(MonteCarlo, BadInputsAreRefused) {
  const BlockGrid g = grid3d(0, 0, 1, 1, 20, 20, 1);
  const Model model = uniform_model(g, 1, 1);
  const auto ms = border::make_measures(g, border::block_measures(model.input()), {});
  const Polyline line{{5, -1}, {6, 21}};
  border::MonteCarloOptions o;
  auto code_of = [&](const border::UncertainLine& u, const border::MonteCarloOptions& opt) {
    try {
      border::run_monte_carlo(ms, u, opt);
    } catch (const Error& e) {
      return e.code() + ": " + e.message();
    }
    return std::string("no error");
  };
  EXPECT_EQ(code_of(uncertain(line, {border::VertexCovariance::isotropic(0.1)}), o)
                .rfind("input.bad_covariance: 1 position errors given for a line of 2 vertices", 0),
            0u);
  EXPECT_EQ(code_of(uncertain(line, {{-1, 0, 1}, {1, 0, 1}}), o).rfind("input.bad_covariance", 0),
            0u);
  EXPECT_EQ(code_of(uncertain(line, {{1, 2, 1}, {1, 0, 1}}), o).rfind("input.bad_covariance", 0),
            0u);
  // A variance above (1e6 m)^2 (a pillar sd of -1e18 m squared once made every draw slow).
  EXPECT_EQ(code_of(uncertain(line, {{1, 0, 1}, {1, 0, 1e36}}), o),
            "input.bad_covariance: vertex 1 has covariance var_e 1 m², cov_en 0 m², var_n 1e+36 "
            "m², expected variances from 0 to 1e+12 m² and cov_en² <= var_e var_n");
  border::MonteCarloOptions one = o;
  one.draws = 1;
  EXPECT_EQ(code_of(uncertain(line, {{1, 0, 1}, {1, 0, 1}}), one).rfind("input.bad_option", 0), 0u);
  // A zigzag with errors far larger than its teeth crosses itself in some draw.
  const Polyline zigzag{{2, -1}, {3, 5}, {2.5, 5.2}, {3.5, 5.4}, {3, 21}};
  const std::string msg = code_of(uncertain(zigzag, std::vector<border::VertexCovariance>(
                                                        5, border::VertexCovariance::isotropic(2))),
                                  o);
  EXPECT_EQ(msg.rfind("geometry.", 0), 0u) << msg;
  EXPECT_NE(msg.find("Monte Carlo draw"), std::string::npos) << msg;
}
