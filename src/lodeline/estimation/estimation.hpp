// SPDX-License-Identifier: Apache-2.0
// The estimation stage: drillholes -> desurvey -> composites -> variogram (given or fitted) ->
// kriging of every block -> classification, with what each step did (EstimationResult).
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "lodeline/blockmodel/block_model.hpp"
#include "lodeline/border/shares.hpp"
#include "lodeline/border/tally.hpp"
#include "lodeline/core/diagnostics.hpp"
#include "lodeline/drillhole/composite.hpp"
#include "lodeline/drillhole/database.hpp"
#include "lodeline/drillhole/desurvey.hpp"
#include "lodeline/kriging/estimate.hpp"
#include "lodeline/variogram/experimental.hpp"
#include "lodeline/variogram/model.hpp"

namespace lodeline::estimation {

/// One class of a user classification rule: a block takes the first class whose every given
/// condition holds (absent conditions do not test). Blocks matching none are "unclassified".
struct ClassRule {
  std::string name;
  std::optional<double> min_slope, min_efficiency, max_nearest_m, max_variance;
  std::optional<std::int64_t> min_samples, min_holes;
  [[nodiscard]] bool matches(const kriging::TargetResult& t) const;
  [[nodiscard]] std::string text() const;  ///< "slope >= 0.8, holes >= 3"
};

struct EstimationConfig {
  bool enabled = false;             ///< the project has a [drillholes] table
  drillhole::DrillholeFiles files;  ///< relative to the working folder (resolved)
  std::string value = "au";         ///< assay column to estimate (g/t)
  drillhole::DrillholeOptions drillholes;
  drillhole::DesurveyOptions desurvey;
  drillhole::CompositeOptions composite;
  std::filesystem::path variogram_file;  ///< the model (JSON), or the fit's starting point
  bool fit_variogram = false;            ///< fit sills and ranges along the model's three axes
  double fit_lag_m = 0;  ///< lag width of the experimental variograms (0 = composite length x 5)
  std::int32_t fit_lags = 0;  ///< number of lags (0 = 12)
  double fit_tolerance_deg = 22.5;
  double fit_bandwidth_m = 0;  ///< 0 = unlimited
  /// Keep a fitted model that fails the sanity checks (a range beyond 3 x the data's extent,
  /// a total sill outside 1/3 to 3 x the composites' variance), as a warning.
  bool accept_fit = false;
  kriging::EstimateOptions estimate;
  std::string cross_validation = "leave_one_hole_out";  ///< or "leave_one_out", "none"
  std::vector<ClassRule> classes;
  /// Blocks the search leaves without an estimate: "waste" (rock at 0 g/t with the model's
  /// density, so a pit pays to move it; the default) or "absent" (not part of the model).
  std::string unestimated = "waste";
  std::filesystem::path truth_file;  ///< synthetic data: the model the holes were drilled from
  std::string truth_grade = "au_gpt";
};

/// What the estimation did, for the report: inputs, counts, variogram, kriging, cross-validation,
/// classes and (for synthetic data) the comparison with the truth.
struct EstimationResult {
  // Drillhole database.
  std::string collars_file, surveys_file, assays_file;
  std::string value_name;  ///< the assay column estimated (g/t)
  drillhole::ValidationCounts counts;
  std::string dip_convention_declared, dip_convention_used;
  std::string below_detection_rule;
  std::vector<drillhole::Finding> findings;  ///< every finding (forced errors, warnings, notes)
  // Desurvey.
  std::string desurvey_method;
  double max_balanced_vs_mincurv_m = 0, max_tangent_vs_mincurv_m = 0;
  // Composites.
  double composite_length_m = 0, composite_min_length_m = 0;
  std::string residual_rule;
  std::vector<drillhole::TopCut> topcuts;
  std::size_t composites = 0;  ///< composites with a value of the estimated column
  /// Of those, the ones whose centre lies outside the block model (they inform blocks near
  /// its edge only; warned about: input.composites_outside_model).
  std::size_t composites_outside_model = 0;
  std::size_t capped = 0;      ///< intervals capped in the estimated column
  std::size_t residuals_dropped = 0, residuals_merged = 0;
  double composite_mean_gpt = 0;  ///< unweighted mean of the composites used
  /// Sums of grade x length (g/t·m) of the estimated column: raw intervals, after the top-cut,
  /// composites, residuals dropped.
  double metal_raw = 0, metal_after_topcut = 0, metal_composites = 0, metal_dropped = 0;
  // Variogram.
  variogram::VariogramModel model;
  std::string model_file;    ///< the model (or the fit's starting point) as a path
  std::string model_source;  ///< "as given" or how it was fitted
  std::vector<variogram::ExperimentalVariogram> experimental;  ///< those used for the fit
  // Estimation.
  std::string method;  ///< "ordinary kriging", ...
  kriging::SearchOptions search;
  std::string support;  ///< "point at block centroids" or "block, regular 2x2x2", ...
  std::int64_t blocks = 0, estimated = 0, too_few = 0, singular = 0;
  std::size_t duplicates_merged = 0;
  std::int64_t blocks_with_negative_weights = 0;
  std::string unestimated;  ///< what blocks without an estimate are: "waste" or "absent"
  double mean_slope = 0, mean_efficiency = 0, mean_variance = 0;  ///< over estimated blocks
  // Cross-validation.
  std::string cross_validation;  ///< "none", "leave_one_out", "leave_one_hole_out"
  kriging::CrossValidationStats cv;
  // Classification (first cut-off).
  struct ClassRow {
    std::string name;
    std::string rule;  ///< the rule as text
    std::int64_t blocks = 0;
    border::SideTally total;
    /// Per scenario: side A and side B tallies of this class.
    std::vector<std::array<border::SideTally, 2>> sides;
  };
  std::vector<ClassRow> classes;
  // Truth (synthetic data only).
  bool has_truth = false;
  std::string truth_file;
  std::int64_t compared_blocks = 0;  ///< blocks with an estimate and a true grade
  double truth_mean_gpt = 0, estimate_mean_gpt = 0, bias_pct = 0, correlation = 0;
  border::SideTally truth_total;
  std::vector<std::array<border::SideTally, 2>> truth_sides;  ///< per scenario
};

struct EstimationRun {
  blockmodel::BlockModel
      model;  ///< grade column (NaN where not estimated), density, kriging outputs
  EstimationResult result;
  std::vector<kriging::TargetResult> targets;  ///< per block
  std::vector<std::int32_t> class_index;       ///< per block: rule index, -1 = none/not estimated
  std::vector<double> truth_gpt;               ///< per block (empty without truth)
  double density_t_m3 = 0;                     ///< of every estimated block
};

/// The estimation's part of the plan: reads and validates the drillholes, the composite
/// options, the variogram file and the truth model, without estimating.
[[nodiscard]] drillhole::DrillholeDatabase plan_estimation(const EstimationConfig& config,
                                                           Diagnostics& diag);

/// Desurveys and composites the drillholes `db` (read by plan_estimation), takes or fits the
/// variogram, estimates every block of `grid` and classifies it. The model holds
/// `grade_column` (g/t), "density_t_m3" and the per-block kriging outputs.
EstimationRun run_estimation(const EstimationConfig& config, const drillhole::DrillholeDatabase& db,
                             const BlockGrid& grid, const std::string& crs,
                             const std::string& grade_column, double density_t_m3,
                             Diagnostics& diag);

/// After the split: each class's tallies, and the truth's, in total and per side of every line
/// (the lines' own fractions), at `cutoffs_gpt`.
void tally_by_side(EstimationRun& run, const BlockGrid& grid,
                   const std::vector<border::LineResult>& lines,
                   const std::vector<double>& cutoffs_gpt, const std::vector<double>& tonnes,
                   const std::vector<double>& grade_gpt);

/// What makes a fitted model implausible, or "": its longest range beyond 3 x the diagonal of
/// the samples' bounding box, or its total sill outside 1/3 to 3 x their variance.
[[nodiscard]] std::string implausible_fit(const std::vector<variogram::Sample>& samples,
                                          const variogram::VariogramModel& fitted);

}  // namespace lodeline::estimation
