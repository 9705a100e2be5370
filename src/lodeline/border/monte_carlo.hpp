// SPDX-License-Identifier: Apache-2.0
// Uncertainty of every share: Monte Carlo over the positions of a line's vertices (pillars).
//
// Each draw moves every vertex by a correlated normal error (the lower Cholesky factor of its
// 2x2 E/N covariance times two standard normals), rebuilds the line and recomputes every
// measure on side A. Only columns near the line change between draws: the exact fractions are
// recomputed (window_fractions) only in tiles of columns that the sweep from the given line to
// the drawn line can reach, and the side sums are updated from the unperturbed split by
// (fraction change x column total). Percentiles: linear interpolation between order
// statistics, definition 7 of R. J. Hyndman and Y. Fan, "Sample quantiles in statistical
// packages", The American Statistician 50(4), 1996. Random numbers: core/random.hpp.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "lodeline/border/measures.hpp"
#include "lodeline/border/split.hpp"
#include "lodeline/core/error.hpp"
#include "lodeline/core/geometry.hpp"

namespace lodeline::border {

/// Largest standard deviation of a vertex position (1000 km): larger errors make no sense for
/// a surveyed line and only make every draw slow.
inline constexpr double kMaxPositionSdM = 1e6;

/// Position error of one vertex in the project CRS (E = easting, N = northing), m².
struct VertexCovariance {
  double var_e_m2 = 0;
  double cov_en_m2 = 0;
  double var_n_m2 = 0;
  static VertexCovariance isotropic(double sd_m) { return {sd_m * sd_m, 0, sd_m * sd_m}; }
};

struct MonteCarloOptions {
  std::int64_t draws = 1000;
  std::uint64_t seed = 1;
  /// Tiles of tile_columns x tile_columns columns are the unit of recomputation.
  std::int64_t tile_columns = 16;
  /// Central-difference step of the per-metre figures (m); 0 = 1e-3 x the smaller block side.
  double shift_step_m = 0;
  /// Keep every draw's side-A amounts in the result (tests, exports).
  bool keep_draws = false;
  /// Throws input.bad_option naming the field.
  void validate() const;
};

/// mean, sample standard deviation (n - 1) and percentiles (Hyndman-Fan definition 7).
struct Summary {
  double mean = 0, sd = 0, p2_5 = 0, p50 = 0, p97_5 = 0;
};
/// Values are summed in the given order (deterministic). Throws internal.empty_sample.
Summary summarise(const std::vector<double>& values);

struct MonteCarloMeasure {
  std::string measure, unit;
  double cutoff_gpt = NAN;
  double total = 0;                  ///< side A + side B (does not change between draws)
  double baseline_a = 0;             ///< side A of the line as given
  std::array<Summary, 2> amount;     ///< side A, side B, in `unit`
  std::array<Summary, 2> share_pct;  ///< side A, side B
  /// d(side A amount) / d(offset) at the line as given, per metre of parallel offset towards
  /// side B (offset_direction); NaN when the line cannot be offset (an end on the extent).
  double per_metre_shift = NAN;
};

struct MonteCarloResult {
  std::int64_t draws = 0;
  std::uint64_t seed = 0;
  std::int64_t vertices = 0;
  std::int64_t vertices_perturbed = 0;  ///< vertices with a non-zero covariance
  double shift_step_m = 0;
  std::vector<MonteCarloMeasure> measures;  ///< in MeasureSet order
  double max_displacement_m = 0;            ///< largest vertex move over all draws
  double mean_columns_recomputed = 0;       ///< per draw
  /// side_a_draws[m][d]: side-A amount of measure m in draw d (only with keep_draws).
  std::vector<std::vector<double>> side_a_draws;
};

/// The Monte Carlo run over one line's vertex positions.
struct LineMonteCarlo {
  std::string scenario;
  std::string position_error;  ///< how the errors were given, e.g. "sd_m = 0.05 for every vertex"
  MonteCarloResult result;
};

/// The points that carry the error (pillars, or the line's own vertices) and how the line
/// follows them.
struct UncertainLine {
  std::vector<Point2> points;                ///< world coordinates (project CRS)
  std::vector<VertexCovariance> covariance;  ///< one per point
  /// Draws the line through moved points (e.g. survey::line_from_pillars for a densified
  /// surveyed line); it must return the same vertex count for any positions. Empty: the
  /// points are the line's vertices.
  std::function<Polyline(const std::vector<Point2>&)> build;
  /// Where the covariances were given (project key, pillar file), for messages.
  InputLocation where;

  /// The line through `pts` (build, or the points themselves).
  [[nodiscard]] Polyline line_through(const std::vector<Point2>& pts) const {
    return build ? build(pts) : Polyline(pts);
  }
};

/// The points of draw `draw`: the per-draw generator is SplitMix64(s_d) with
/// s_d = h(h(seed) + draw), h(x) = SplitMix64(x).next(); it gives, for point 0, 1, ... in
/// order, two standard normals z1, z2 (Box-Muller, two uniforms each), and the point moves by
/// (dE, dN) = L (z1, z2), L the lower Cholesky factor of its covariance. Every point takes its
/// two normals, with or without error, so a draw is a pure function of (seed, draw) and does
/// not depend on the order or thread in which draws run.
std::vector<Point2> perturbed_points(const std::vector<Point2>& points,
                                     const std::vector<VertexCovariance>& covariance,
                                     std::uint64_t seed, std::int64_t draw);

/// Checks one covariance per point, finite, positive semi-definite, variances at most
/// kMaxPositionSdM² (input.bad_covariance at `where`, the point's index in the message).
void validate_covariance(const std::vector<VertexCovariance>& covariance, std::size_t points,
                         const InputLocation& where = {});

/// Runs options.draws draws of `line` for every measure of `measures`, in parallel over draws
/// (TBB); statistics are taken in draw order, so results are identical for any thread count.
/// A draw that makes the line cross itself (geometry.self_intersecting) or end inside the
/// extent (geometry.line_ends_inside) stops the run with the draw named: the errors are too
/// large for the line's shape.
MonteCarloResult run_monte_carlo(const MeasureSet& measures, const UncertainLine& line,
                                 const MonteCarloOptions& options);

}  // namespace lodeline::border
