// SPDX-License-Identifier: Apache-2.0
// The one explicit list of stages: model -> lines -> exact split -> tallies -> claims -> report.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "lodeline/pipeline/project.hpp"
#include "lodeline/report/resource_report.hpp"

namespace lodeline::pipeline {

struct RunOutput {
  report::ResourceReport report;
  std::vector<double> grade_gpt;  ///< per block, NaN = no block
  std::vector<double> tonnes;     ///< per block
};

/// Loads every input and checks it (model, licence, lines, CRS); with check_only the split
/// and tallies are skipped. Throws the first input error with its location.
RunOutput run_project(const Project& project, bool check_only = false);

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
