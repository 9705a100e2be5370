// SPDX-License-Identifier: Apache-2.0
// The resource split report: a run's result (pipeline/run.hpp) written as JSON, Markdown, CSV and
// GeoJSON. This module only formats; nothing below it includes it.
#pragma once

#include <array>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lodeline/pipeline/run.hpp"

namespace lodeline::report {

using pipeline::RunResult;

/// `path` relative to the report's base folder (the project file's), so the same project gives
/// the same bytes wherever it lies.
std::string shown_path(const RunResult& report, const std::string& path);
/// scenarios[].survey in report.json, and the survey table of report.md.
nlohmann::ordered_json survey_json(const survey::LineSurvey& survey, const RunResult& report);
std::string survey_markdown(const survey::LineSurvey& survey, const RunResult& report);
/// A diagnostic formatted with its file shown relative to the base folder.
std::string shown_diagnostic(const RunResult& report, const Diagnostic& d);
/// Writes report.json, report.md, blocks.csv and territories.geojson into `dir`, each atomically
/// (the report is complete in memory before the first byte is written).
/// blocks.csv holds every block with grade >= the lowest cut-off.
void write_reports(const std::filesystem::path& dir, const RunResult& result);

/// The JSON document alone (schema: docs/report.md).
std::string report_json(const RunResult& report);
std::string report_markdown(const RunResult& report);
/// One line's Monte Carlo result as JSON (the report's scenarios[].monte_carlo object).
std::string monte_carlo_json(const border::LineMonteCarlo& mc, const std::string& side_a,
                             const std::string& side_b);

/// The estimation part: report.json's "estimation" object (schema: docs/report.md) and
/// report.md's section "Estimate from drillholes"; scenario and side names come from `result`.
nlohmann::ordered_json estimation_json(const estimation::EstimationResult& e,
                                       const RunResult& result);
std::string estimation_markdown(const estimation::EstimationResult& e, const RunResult& result);

}  // namespace lodeline::report
