// SPDX-License-Identifier: Apache-2.0
// A line drawn from GPS fixes inside a project: [scenario.survey] -> survey::run_survey -> the
// scenario's line, and the pillars' covariances for the Monte Carlo run.
#pragma once

#include <toml++/toml.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "lodeline/border/monte_carlo.hpp"
#include "lodeline/config/toml_reader.hpp"
#include "lodeline/survey/survey.hpp"

namespace lodeline::config {

/// [scenario.survey]: fixes = [...], order = "...", sessions = "..." (optional), and every key
/// of the survey's option table (survey/option_table.hpp).
struct SurveySource {
  bool given = false;
  survey::SurveyInputs inputs;
  survey::SurveyOptions options;  ///< crs and allow_datum_shift are set when the project runs
  InputLocation where;            ///< the [scenario.survey] table
};

/// Reads the "survey" table of a [[scenario]] entry (given = false when absent). Paths are
/// resolved relative to the project file.
SurveySource read_survey_source(
    const TomlReader& reader, const toml::table& scenario,
    const std::function<std::filesystem::path(const std::string&)>& resolve);

}  // namespace lodeline::config
