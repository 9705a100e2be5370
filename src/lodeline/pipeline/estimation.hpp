// SPDX-License-Identifier: Apache-2.0
// Drillholes to block grades inside a project: [drillholes], [composite], [variogram], [estimate]
// and [[classification]] -> an estimated block model plus the report's estimation section.
#pragma once

#include <toml++/toml.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lodeline/blockmodel/block_model.hpp"
#include "lodeline/core/diagnostics.hpp"
#include "lodeline/drillhole/composite.hpp"
#include "lodeline/drillhole/database.hpp"
#include "lodeline/drillhole/desurvey.hpp"
#include "lodeline/kriging/estimate.hpp"
#include "lodeline/options/table.hpp"
#include "lodeline/pipeline/toml_reader.hpp"
#include "lodeline/report/estimation_section.hpp"
#include "lodeline/report/resource_report.hpp"

namespace lodeline::pipeline {

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
  bool enabled = false;  ///< the project has a [drillholes] table
  std::filesystem::path collars, surveys, assays;
  std::string value = "au";  ///< assay column to estimate (g/t)
  drillhole::DrillholeOptions drillholes;
  drillhole::DesurveyOptions desurvey;
  drillhole::CompositeOptions composite;
  std::filesystem::path variogram_file;  ///< the model (JSON), or the fit's starting point
  bool fit_variogram = false;            ///< fit sills and ranges along the model's three axes
  double fit_lag_m = 0;  ///< lag width of the experimental variograms (0 = composite length x 5)
  std::int32_t fit_lags = 0;  ///< number of lags (0 = 12)
  double fit_tolerance_deg = 22.5;
  double fit_bandwidth_m = 0;  ///< 0 = unlimited
  kriging::EstimateOptions estimate;
  std::string cross_validation = "leave_one_hole_out";  ///< or "leave_one_out", "none"
  std::vector<ClassRule> classes;
  /// Blocks the search leaves without an estimate: "waste" (rock at 0 g/t with the model's
  /// density, so a pit pays to move it; the default) or "absent" (not part of the model).
  std::string unestimated = "waste";
  std::filesystem::path truth_file;  ///< synthetic data: the model the holes were drilled from
  std::string truth_grade = "au_gpt";
};

/// The pipeline's own keys of [estimate] (cross-validation, unestimated blocks, truth).
[[nodiscard]] const options::Table<EstimationConfig>& estimate_run_table();

/// Parses the estimation tables of `root` into `config` (enabled when [drillholes] exists);
/// `resolve` makes a path relative to the project file. Errors at the offending value.
void parse_estimation(const toml::table& root, const TomlReader& reader,
                      const std::function<std::filesystem::path(const std::string&)>& resolve,
                      EstimationConfig& config);

struct EstimationRun {
  blockmodel::BlockModel
      model;  ///< grade column (NaN where not estimated), density, kriging outputs
  std::shared_ptr<report::EstimationSection> section;
  std::vector<kriging::TargetResult> results;  ///< per block
  std::vector<std::int32_t> class_index;       ///< per block: rule index, -1 = none/not estimated
  std::vector<double> truth_gpt;               ///< per block (empty without truth)
  double density_t_m3 = 0;                     ///< of every estimated block
};

/// Desurveys and composites the drillholes `db` (read by plan_estimation), takes or fits the
/// variogram, estimates every block of `grid` and classifies it. The model holds
/// `grade_column` (g/t), "density_t_m3" and the per-block kriging outputs.
EstimationRun run_estimation(const EstimationConfig& config, const drillhole::DrillholeDatabase& db,
                             const BlockGrid& grid, const std::string& crs,
                             const std::string& grade_column, double density_t_m3,
                             Diagnostics& diag);

/// The estimation's part of the plan: reads and validates the drillholes, the composite
/// options, the variogram file and the truth model, without estimating.
[[nodiscard]] drillhole::DrillholeDatabase plan_estimation(const EstimationConfig& config,
                                                           Diagnostics& diag);

/// After the split: classification and truth tallies per scenario side (same fractions).
void finish_estimation_report(EstimationRun& run, const report::ResourceReport& report,
                              const std::vector<double>& tonnes,
                              const std::vector<double>& grade_gpt);

}  // namespace lodeline::pipeline
