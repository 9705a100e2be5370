// SPDX-License-Identifier: Apache-2.0
// The estimation part of the report: drillholes, composites, variogram, kriging, cross-validation,
// classification and (for synthetic data) the comparison of the estimate with its truth.
#pragma once

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lodeline/border/tally.hpp"
#include "lodeline/drillhole/composite.hpp"
#include "lodeline/drillhole/database.hpp"
#include "lodeline/kriging/estimate.hpp"
#include "lodeline/variogram/experimental.hpp"
#include "lodeline/variogram/model.hpp"

namespace lodeline::report {

struct EstimationSection {
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

struct ResourceReport;
/// The report.json "estimation" object (schema: docs/report.md); scenario and side names and
/// the estimate's own tallies come from `report`.
nlohmann::ordered_json estimation_json(const EstimationSection& e, const ResourceReport& report);
/// The report.md section "Estimate from drillholes".
std::string estimation_markdown(const EstimationSection& e, const ResourceReport& report);

}  // namespace lodeline::report
