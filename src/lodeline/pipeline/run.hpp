// SPDX-License-Identifier: Apache-2.0
// The one explicit list of stages: model -> lines -> exact split -> tallies -> claims -> report.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lodeline/blockmodel/block_model.hpp"
#include "lodeline/border/split.hpp"
#include "lodeline/core/diagnostics.hpp"
#include "lodeline/drillhole/database.hpp"
#include "lodeline/pipeline/project.hpp"
#include "lodeline/report/resource_report.hpp"
#include "lodeline/survey/survey.hpp"

namespace lodeline::pipeline {

/// One line of the project, loaded (from its file, or surveyed from GPS fixes) in the project
/// CRS, with its exact split of the model grid (which checks that it crosses the model).
struct PlannedLine {
  border::Scenario scenario;
  std::shared_ptr<const survey::SurveyedLine> surveyed;  ///< when drawn from GPS fixes
  std::optional<survey::SurveyResult> survey;            ///< idem, for the report
  border::SplitResult split;
};

/// Every input of a project loaded and checked, nothing estimated or tallied: this is
/// `lodeline check`. run_plan() takes it from there.
struct Plan {
  const Project* project = nullptr;
  std::string crs;  ///< canonical project CRS
  BlockGrid grid;
  std::optional<blockmodel::BlockModel> model;  ///< the model file; absent when estimated
  std::optional<drillhole::DrillholeDatabase> drillholes;  ///< when estimated
  MultiPolygon licence;
  std::vector<PlannedLine> lines;                           ///< one per scenario, in file order
  std::vector<std::pair<std::string, std::string>> inputs;  ///< role, path
  Diagnostics drillhole_findings;  ///< reported first (with the estimation's)
  Diagnostics input_findings;      ///< model, licence, lines
  /// Every finding so far, in report order.
  [[nodiscard]] std::vector<Diagnostic> findings() const;
};

struct RunOutput {
  report::ResourceReport report;
  std::vector<double> grade_gpt;  ///< per block, NaN = no block
  std::vector<double> tonnes;     ///< per block
};

/// Loads every input and checks it (drillholes, model, CRS, licence, lines and their position
/// errors). Throws the first input error with its location.
Plan plan_project(const Project& project);
/// Estimates (with drillholes), tallies, checks claims, solves pits, runs the Monte Carlo and
/// the disputed ground: the stage list, one named call each.
RunOutput run_plan(Plan plan);
/// plan_project then run_plan.
RunOutput run_project(const Project& project);

/// Writes the report files into project.out_dir (atomically, after everything is computed).
void write_outputs(const Project& project, const RunOutput& output);

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
