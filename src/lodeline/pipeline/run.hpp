// SPDX-License-Identifier: Apache-2.0
// The one explicit list of stages: model -> lines -> exact split -> tallies -> claims -> report.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lodeline/blockmodel/block_model.hpp"
#include "lodeline/border/claim_check.hpp"
#include "lodeline/border/disputed.hpp"
#include "lodeline/border/monte_carlo.hpp"
#include "lodeline/border/shares.hpp"
#include "lodeline/border/split.hpp"
#include "lodeline/borderpit/border_pits.hpp"
#include "lodeline/config/project.hpp"
#include "lodeline/core/diagnostics.hpp"
#include "lodeline/drillhole/database.hpp"
#include "lodeline/estimation/estimation.hpp"
#include "lodeline/survey/survey.hpp"

namespace lodeline::pipeline {

/// One line of the project, loaded (from its file, or surveyed from GPS fixes) in the project
/// CRS, with its exact split of the model grid (which checks that it crosses the model).
struct PlannedLine {
  border::Scenario scenario;
  std::shared_ptr<const survey::SurveyedLine> surveyed;  ///< when drawn from GPS fixes
  std::optional<survey::SurveyResult> survey;            ///< idem, for the report
  border::SplitResult split;
  /// From side B's area to side A's in the model (border/side_direction.hpp).
  std::optional<double> side_a_bearing_deg;
  /// The points that carry the line's position errors (Monte Carlo), when it gives them.
  std::optional<border::UncertainLine> uncertain;
};

/// The plan extent of a grid (its four corners, rotation included) in the project CRS.
MultiPolygon model_extent(const BlockGrid& grid);

/// The memory a run of `project` over `grid` is estimated to need (bytes), checked against the
/// budget (resource.memory) before the model is read or estimated.
double run_memory_bytes(const config::Project& project, const BlockGrid& grid);

/// Every input of a project loaded and checked, nothing estimated or tallied: this is
/// `lodeline check`. run_plan() takes it from there.
struct Plan {
  const config::Project* project = nullptr;
  std::string crs;  ///< canonical project CRS
  BlockGrid grid;
  std::optional<blockmodel::BlockModel> model;  ///< the model file; absent when estimated
  std::vector<double> tonnes;                   ///< per block of the model file (checked)
  std::optional<drillhole::DrillholeDatabase> drillholes;  ///< when estimated
  MultiPolygon licence;
  std::vector<PlannedLine> lines;                           ///< one per scenario, in file order
  std::vector<std::pair<std::string, std::string>> inputs;  ///< role, path
  Diagnostics drillhole_findings;  ///< reported first (with the estimation's)
  Diagnostics input_findings;      ///< model, licence, lines
  /// Every finding so far, in report order.
  [[nodiscard]] std::vector<Diagnostic> findings() const;
};

/// What a run computed: a plain aggregate of the stages' results, in the order the stages ran.
/// report/ formats it; nothing here depends on how it is shown.
struct RunResult {
  std::string project_name;
  bool synthetic = false;
  std::string crs, crs_name;
  BlockGrid grid;
  std::vector<double> cutoffs_gpt;
  std::vector<double> grade_gpt;  ///< per block, NaN = no block
  std::vector<double> tonnes;     ///< per block
  border::SideTally total;
  double licence_area_m2 = 0;  ///< licence area inside the model extent (0 = no licence)
  double licence_area_outside_m2 = 0;
  MultiPolygon licence;  ///< the licence polygon (project CRS), empty when none
  std::vector<border::LineResult> scenarios;  ///< one per scenario, in file order
  std::vector<border::ClaimCheck> claims;
  double claim_offset_max_m = 0;                    ///< the ±range searched for claim offsets (m)
  std::vector<survey::LineSurvey> surveys;          ///< lines drawn from GPS fixes
  std::vector<border::LineMonteCarlo> monte_carlo;  ///< lines with position errors
  std::vector<border::DisputedResult> disputed;     ///< groups of two or more lines
  std::optional<estimation::EstimationResult> estimation;  ///< when estimated from drillholes
  std::optional<borderpit::BorderPits> pits;               ///< when the project has [pit]
  std::vector<Diagnostic> diagnostics;
  std::vector<std::pair<std::string, std::string>> inputs;  ///< role, path
  /// The project file's folder: paths are shown relative to it.
  std::filesystem::path base_dir;
  std::string version;

  /// Whether the licence measure exists (a licence with area inside the model extent).
  [[nodiscard]] bool has_licence() const { return licence_area_m2 > 0; }
};

/// Loads every input and checks it (drillholes, model, CRS, licence, lines and their position
/// errors). Throws the first input error with its location.
Plan plan_project(const config::Project& project);
/// Estimates (with drillholes), tallies, checks claims, solves pits, runs the Monte Carlo and
/// the disputed ground: the stage list, one named call each.
RunResult run_plan(Plan plan);
/// plan_project then run_plan.
RunResult run_project(const config::Project& project);

/// Sets the worker count for the whole process (0 = all cores); outputs do not depend on it.
class ThreadScope {
 public:
  explicit ThreadScope(int threads);
  ~ThreadScope();
  ThreadScope(const ThreadScope&) = delete;
  ThreadScope& operator=(const ThreadScope&) = delete;

 private:
  void* control_ = nullptr;
};

}  // namespace lodeline::pipeline
