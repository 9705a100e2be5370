// SPDX-License-Identifier: Apache-2.0
// Point and block estimation: ordinary and simple kriging, inverse distance, nearest
// neighbour; cross-validation. Parallel over targets, identical output for any thread count.
//
// Kriging: Journel & Huijbregts (1978) Mining Geostatistics, ch. V; Deutsch & Journel (1998)
// GSLIB, kt3d; slope of regression and kriging efficiency: Krige (1996), "A practical analysis
// of the effects of spatial structure and of data available and accessed, on conditional
// biases in ordinary kriging", Geostatistics Wollongong '96; gstat conventions: Pebesma (2004)
// Computers & Geosciences 30:683-691. Conventions and options: docs/kriging.md.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "lodeline/core/block_grid.hpp"
#include "lodeline/core/diagnostics.hpp"
#include "lodeline/variogram/model.hpp"

namespace lodeline::kriging {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Sample data, one entry per sample (x east, y north, z up, metres).
struct Samples {
  std::vector<double> x_m, y_m;
  std::vector<double> z_m;  ///< empty = 2D data (targets' z is then ignored)
  std::vector<double> value;
  /// Hole (drillhole) code per sample; empty = no hole ids (n_holes is then reported as 0,
  /// leave-one-hole-out and max_per_hole are unavailable).
  std::vector<std::int64_t> hole;
  /// Optional, for messages: the file and 1-based line of each sample.
  std::string file;
  std::vector<std::int64_t> line;

  [[nodiscard]] std::size_t size() const { return value.size(); }
  [[nodiscard]] bool is_3d() const { return !z_m.empty(); }
};

/// Estimation points (point support) or block centres (block support).
struct Targets {
  std::vector<double> x_m, y_m;
  std::vector<double> z_m;  ///< empty = all 0 (2D)
  [[nodiscard]] std::size_t size() const { return x_m.size(); }
};

/// Block centroids of every block of a grid, in its linear index order (i fastest).
[[nodiscard]] Targets targets_from_grid(const BlockGrid& grid);

enum class Method { ordinary, simple, idw, nearest };
enum class SearchMetric {
  /// Plain Euclidean distance (as gstat): nearest by metres, max_distance a sphere radius.
  euclidean,
  /// Distances in the space of the variogram's FIRST structure (its rotation and range
  /// ratios), measured in metres along the major axis: the search is an ellipsoid with radii
  /// max_distance * (1, semi/major, minor/major) aligned with that structure. Without a
  /// variogram structure (inverse distance, nearest neighbour) the ellipsoid is a sphere.
  anisotropic
};
enum class BlockScheme { regular, gauss };

struct SearchOptions {
  std::size_t max_samples = 24;  ///< nearest samples used; 0 = all (global neighbourhood)
  std::size_t min_samples = 1;   ///< fewer found -> target not estimated
  double max_distance_m = std::numeric_limits<double>::infinity();  ///< inclusive radius
  SearchMetric metric = SearchMetric::anisotropic;
  std::size_t max_per_hole = 0;    ///< 0 = no limit (needs Samples::hole otherwise)
  std::size_t max_per_octant = 0;  ///< 0 = no octant search
  std::size_t min_holes = 0;       ///< fewer distinct holes -> not estimated; 0 = no test
};

/// Block support: centres are the targets, offsets are taken along the block axes.
struct BlockOptions {
  std::array<double, 3> size_m{0, 0, 0};  ///< z ignored for 2D data
  std::array<int, 3> discretization{4, 4, 4};
  /// gauss: Gauss-Legendre points per axis (1..5; gstat's default is 4); regular: n per axis
  /// (1..100) at -0.5 + (k + 0.5)/n. Point weights are rounded to float32 as in gstat.
  BlockScheme scheme = BlockScheme::regular;
  double rotation_deg = 0;  ///< block axes counter-clockwise from east (as BlockGrid)
};

enum class DuplicatePolicy {
  merge,  ///< samples at identical coordinates become one sample with their mean value
  error   ///< input.duplicate_sample at the second sample's line
};

struct EstimateOptions {
  Method method = Method::ordinary;
  variogram::VariogramModel variogram;  ///< required for ordinary/simple and anisotropic search
  double sk_mean = kNaN;                ///< the known mean, required for simple kriging
  double idw_power = 2;
  SearchOptions search;
  std::optional<BlockOptions> block;  ///< absent = point estimation
  DuplicatePolicy duplicates = DuplicatePolicy::merge;
};

/// Throws input.bad_option (or input.bad_variogram) naming the offending option.
void validate(const EstimateOptions& options, bool samples_have_holes);

enum class TargetStatus : std::uint8_t {
  estimated,
  too_few_samples,  ///< fewer than min_samples within the search
  singular          ///< the kriging system could not be solved (reported, never NaN-filled)
};

struct TargetResult {
  double estimate = kNaN;
  double variance = kNaN;    ///< kriging variance (OK, SK); NaN for IDW/NN
  double slope = kNaN;       ///< slope of regression of true on estimated value (OK, SK)
  double efficiency = kNaN;  ///< kriging efficiency (BV - KV) / BV (OK, SK)
  double nearest_m = kNaN;   ///< Euclidean distance to the nearest sample used
  std::int32_t n_samples = 0;
  std::int32_t n_holes = 0;  ///< distinct holes among the samples used (0 without hole ids)
  std::int32_t n_negative_weights = 0;
  TargetStatus status = TargetStatus::too_few_samples;
  [[nodiscard]] bool estimated() const { return status == TargetStatus::estimated; }
};

struct EstimateResult {
  std::vector<TargetResult> targets;  ///< one per target, in target order
  std::size_t duplicates_merged = 0;  ///< samples folded into an earlier one at its location
  std::size_t too_few = 0;            ///< targets with status too_few_samples
  std::size_t singular = 0;           ///< targets with status singular
  double block_variance = kNaN;       ///< Cbar(V,V) (block) or C(0) (point); NaN for IDW/NN
};

/// Estimates every target. Validates options first. Duplicates and singular systems are
/// counted and, with `diag`, reported as warnings (kriging.duplicates_merged,
/// numeric.singular_kriging_system).
[[nodiscard]] EstimateResult run_estimate(const Samples& samples, const Targets& targets,
                                          const EstimateOptions& options, Diagnostics& diag);
[[nodiscard]] EstimateResult run_estimate(const Samples& samples, const Targets& targets,
                                          const EstimateOptions& options);
/// Estimates every block centroid of `grid` (linear index order). When options.block is set
/// its size and rotation are replaced by the grid's block size and rotation.
[[nodiscard]] EstimateResult run_estimate(const Samples& samples, const BlockGrid& grid,
                                          const EstimateOptions& options, Diagnostics& diag);

enum class CrossValidationMode { leave_one_out, leave_one_hole_out };

struct CrossValidationStats {
  std::size_t n = 0;  ///< samples estimated
  std::size_t not_estimated = 0;
  double mean_error = kNaN;  ///< mean of (estimate - true)
  double mean_squared_error = kNaN;
  double mean_standardised_error = kNaN;          ///< mean of error / sqrt(variance) (kriging)
  double mean_squared_standardised_error = kNaN;  ///< ~1 when the variance is right (kriging)
  double correlation = kNaN;  ///< Pearson correlation of estimate and true value
};

struct CrossValidation {
  /// One per (merged) sample: its own value and the estimate without it (or its hole).
  std::vector<double> true_value;
  std::vector<TargetResult> results;
  std::vector<std::size_t> sample_index;  ///< index in the input Samples (first of merged)
  CrossValidationStats stats;
};

/// Re-estimates every sample from the others (point support; options.block is ignored).
[[nodiscard]] CrossValidation cross_validate(const Samples& samples, const EstimateOptions& options,
                                             CrossValidationMode mode, Diagnostics& diag);

}  // namespace lodeline::kriging
