// SPDX-License-Identifier: Apache-2.0
// Experimental semivariograms: omnidirectional, directional (GSLIB gamv cones) and down-hole.
//
// References:
//   G. Matheron (1963), "Principles of geostatistics", Economic Geology 58:1246-1266
//   (the semivariogram and its method-of-moments estimator).
//   C. V. Deutsch, A. G. Journel (1998), "GSLIB: Geostatistical Software Library and User's
//   Guide", 2nd ed., Oxford University Press, program gamv (azimuth/dip tolerance cones,
//   horizontal and vertical bandwidths, lags with a tolerance).
//   E. J. Pebesma (2004), "Multivariable geostatistics in S: the gstat package", Computers &
//   Geosciences 30:683-691 (default cutoff and width, right-closed distance classes).
//
// Estimator. For a lag class L holding the N(L) pairs (i, j), i < j, that pass the direction
// tests,
//     gamma(L) = 1 / (2 N(L)) * sum (z_i - z_j)^2,     dist(L) = 1 / N(L) * sum |x_i - x_j|.
//
// Lag classes. Two kinds:
//   * Distance classes (tolerance_m == 0, as gstat): class k = 0 .. count-1 holds the pairs with
//     k w < h <= (k + 1) w (w = width_m); a pair at exactly h = 0 goes to class 0; pairs with
//     h > cutoff = count w are left out. The class of h is floor(h / w), minus one when h / w
//     is a positive whole number (gstat's rule, so the upper bound is inside), clamped to
//     count - 1 for pairs within the cutoff.
//   * Lags with a tolerance (tolerance_m > 0, as gamv): lag k = 0 .. count is centred at k w
//     and holds the pairs with |h - k w| <= tolerance_m; a pair is counted in every lag whose
//     window holds it (tolerance_m > w / 2 overlaps lags); cutoff = count w + tolerance_m.
//   Defaults (width_m == 0 and count == 0, as gstat's variogram()): cutoff = 0.33333 times the
//   diagonal of the samples' bounding box (gstat's constant, not exactly 1/3), width = cutoff
//   / 15, 15 distance classes. For the down-hole variogram the "diagonal" is the longest
//   along-hole span of any hole.
//
// Direction tests (GSLIB gamv, symmetric in the pair's order). A direction has an azimuth a
// (degrees clockwise from north, +y), a dip b (degrees up from horizontal; a direction
// plunging 30 degrees down is b = -30), an azimuth tolerance ta and a dip tolerance tb, a
// horizontal bandwidth and a vertical bandwidth. With (dx, dy, dz) the pair separation and
// dxy = sqrt(dx^2 + dy^2):
//   1. azimuth: when dxy > 0 and ta < 90, c = (dx sin a + dy cos a) / dxy and the pair is left
//      out when |c| < cos ta (a horizontal separation at exactly the tolerance is kept);
//   2. horizontal bandwidth: left out when |dy sin a - dx cos a| > bandwidth_h_m;
//   3. dip: with dxy signed like c, when h > 0 and tb < 90, left out when
//      |(dxy cos b + dz sin b) / h| < cos tb;
//   4. vertical bandwidth: left out when |dz cos b - dxy sin b| > bandwidth_v_m.
//   A tolerance >= 90 degrees turns its test off; the default Direction is omnidirectional.
//   For 2D data (z = 0) with b = 0 this is gstat's variogram(alpha = a, tol.hor = ta).
//
// Down-hole: only pairs of samples of the same hole, separated by the distance along the hole,
// |along_i - along_j| (mid-interval depths), or the 3D distance where no along-hole position is
// known.
//
// Search and determinism. Samples are bucketed in cubic cells of side (just over) the cutoff;
// each pair is met once, within a cell or from a cell to the 13 neighbour cells after it, and
// refined with the exact distance test above (h > cutoff is left out). The work is cut into
// fixed units (a cell and a run of up to 256 of its samples); each sample's pairs are summed in
// double, added to its unit's long double sums, and the units are added in cell order, so the
// result does not depend on the number of threads.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace lodeline::variogram {

/// One sample: position (project CRS, metres), value, and optionally its hole.
struct Sample {
  double x_m = 0;
  double y_m = 0;
  double z_m = 0;
  double value = 0;
  std::int32_t hole = -1;  ///< index into SampleSet::hole_names; -1 = not on a hole
  /// Position along the hole (mid-interval depth, m); NaN when not known.
  double along_hole_m = std::numeric_limits<double>::quiet_NaN();
};

struct SampleSet {
  std::vector<Sample> samples;
  std::vector<std::string> hole_names;  ///< in order of first appearance
  std::string value_name;               ///< the variable's column name
};

/// Which CSV columns hold what. x/y (and z, optional) are found by their usual names
/// (x|easting|east, y|northing|north, z|elevation|elev|rl; case-insensitive); from/to
/// (optional, with a hole column) give the along-hole position (from + to) / 2.
struct SampleColumns {
  std::string value;  ///< required: the variable's column name
  std::string hole;   ///< optional: the hole id column name ("" = none)
};

/// Largest coordinate magnitude a sample may have (1,000,000 km): far beyond any projected
/// CRS, small enough that squared separations stay finite.
inline constexpr double kMaxSampleCoordinateM = 1e9;

/// Reads samples from a CSV file. Whole-file check: every missing or non-numeric field
/// (input.bad_number) and every coordinate beyond +-kMaxSampleCoordinateM
/// (input.bad_number) is reported with its file:line:col; missing columns are
/// input.missing_column at the header; fewer than 2 samples is input.too_few_samples.
SampleSet read_samples(const std::string& path, const SampleColumns& columns);

/// Samples whose position (x, y, z, exactly) another sample also has, and the distinct
/// positions: duplicated rows multiply the pairs (the time grows with their square) and weigh
/// on the first lag.
struct SharedPositions {
  std::size_t samples = 0, distinct_positions = 0;
};
SharedPositions shared_positions(const std::vector<Sample>& samples);

/// A direction of pairs (see the file comment). The default accepts every pair.
struct Direction {
  double azimuth_deg = 0;             ///< clockwise from north (+y)
  double dip_deg = 0;                 ///< up from horizontal (negative = plunging down)
  double azimuth_tolerance_deg = 90;  ///< half-angle; >= 90 = no azimuth test
  double dip_tolerance_deg = 90;      ///< half-angle; >= 90 = no dip test
  double bandwidth_h_m = std::numeric_limits<double>::infinity();
  double bandwidth_v_m = std::numeric_limits<double>::infinity();

  [[nodiscard]] bool omnidirectional() const;
  /// "omni", or "<azimuth>/<dip>" (e.g. "45/0", "90/-60").
  [[nodiscard]] std::string label() const;
};

/// How lags are defined (see the file comment). All zero = gstat's default.
struct LagOptions {
  double width_m = 0;      ///< lag width / spacing; 0 = default
  std::int32_t count = 0;  ///< number of distance classes or lags; 0 = default
  double tolerance_m = 0;  ///< 0 = distance classes; > 0 = lags centred at k w, +- tolerance
  /// Only with width_m == 0 and count == 0: the default cutoff is this fraction of the bbox
  /// diagonal (gstat: 0.33333).
  double cutoff_fraction = 0.33333;
};

struct ExperimentalOptions {
  LagOptions lags;
  bool omnidirectional = true;        ///< compute the omnidirectional variogram
  std::vector<Direction> directions;  ///< directional variograms, in this order
  bool downhole = false;              ///< the down-hole variogram (samples need holes)
};

/// The lags actually used, after defaults.
struct LagDefinition {
  double width_m = 0;
  std::int32_t count = 0;
  double tolerance_m = 0;  ///< 0 = distance classes
  double cutoff_m = 0;     ///< pairs farther apart are left out
  /// Number of lags: count (distance classes) or count + 1 (lags with a tolerance).
  [[nodiscard]] std::int32_t lag_count() const;
  /// Lag k's interval [from, to] of separations it accepts.
  [[nodiscard]] double from_m(std::int32_t k) const;
  [[nodiscard]] double to_m(std::int32_t k) const;
};

struct Lag {
  std::int64_t pairs = 0;
  double mean_distance_m = 0;  ///< 0 when pairs == 0
  double gamma = 0;            ///< 0 when pairs == 0
};

struct ExperimentalVariogram {
  std::string label;  ///< "omni", "<azimuth>/<dip>" or "downhole"
  bool downhole = false;
  Direction direction;  ///< omnidirectional for "omni" and "downhole"
  LagDefinition lags;
  std::vector<Lag> values;  ///< one per lag, empty ones included
};

/// Validates options: finite widths and tolerances >= 0, count >= 0, width and count both
/// given or both defaulted, tolerances in [0, 180], bandwidths > 0, at least one variogram
/// requested (input.bad_option).
void validate(const ExperimentalOptions& options);

/// Resolves the lag definition for these samples (defaults from the bounding box, or from
/// the longest along-hole span when `downhole`).
LagDefinition resolve_lags(const std::vector<Sample>& samples, const LagOptions& lags,
                           bool downhole);

/// The experimental variograms: omnidirectional first (when asked), then the directions in
/// order, then down-hole (when asked). input.too_few_samples with fewer than 2 samples;
/// input.missing_column when down-hole is asked and a sample has no hole; input.bad_number
/// when a coordinate is not finite or beyond +-kMaxSampleCoordinateM. The omni and
/// directional variograms share one lag definition (from resolve_lags(..., false)).
std::vector<ExperimentalVariogram> run_experimental(const std::vector<Sample>& samples,
                                                    const ExperimentalOptions& options);

/// CSV table "direction,lag,np,dist,gamma", lags with pairs only, numbers in shortest
/// round-trip form; lag is the 0-based lag index.
std::string experimental_csv(const std::vector<ExperimentalVariogram>& variograms);

}  // namespace lodeline::variogram
