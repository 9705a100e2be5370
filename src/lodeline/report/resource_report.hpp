// SPDX-License-Identifier: Apache-2.0
// The resource split report: values computed by the pipeline, written as JSON, Markdown, CSV, GeoJSON.
#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include "lodeline/blockmodel/block_model.hpp"
#include "lodeline/border/scenario.hpp"
#include "lodeline/border/split.hpp"
#include "lodeline/border/tally.hpp"
#include "lodeline/core/diagnostics.hpp"

namespace lodeline::report {

struct ClaimCheck {
  std::string source, date, statement, side, measure, scenario;
  double share_pct = 0, tolerance_pct = 0;
  /// One row per (scenario, measure) the claim applies to.
  struct Row {
    std::string scenario, measure;
    double computed_pct = 0;
    bool consistent = false;
  };
  std::vector<Row> rows;
};

struct ScenarioReport {
  border::Scenario scenario;                 ///< metadata and line (project CRS)
  border::SplitResult split;                 ///< per-column fractions, territory of side A
  std::array<border::SideTally, 2> sides;    ///< [0] side A, [1] side B
  std::array<double, 2> licence_area_m2{0, 0};
  double closure_rel_error = 0;              ///< max |A + B - total| / total over measures
};

struct ResourceReport {
  std::string project_name;
  bool synthetic = false;
  std::string crs, crs_name;
  BlockGrid grid;
  std::vector<double> cutoffs_gpt;
  border::SideTally total;
  double licence_area_m2 = 0;       ///< licence area inside the model extent (0 = no licence)
  double licence_area_outside_m2 = 0;
  std::vector<ScenarioReport> scenarios;
  std::vector<ClaimCheck> claims;
  std::vector<Diagnostic> diagnostics;
  std::vector<std::pair<std::string, std::string>> inputs;  ///< role, path
  /// Paths in the report are written relative to this folder (the project file's), so that
  /// the same project gives the same bytes wherever it lies.
  std::filesystem::path base_dir;
  std::string version;
};

/// Share of side A and B in percent for a measure ("area", "licence_area", "ore", "metal") at
/// the first cut-off.
std::array<double, 2> shares_pct(const ResourceReport& report, const ScenarioReport& s,
                                 const std::string& measure);

/// Writes report.json, report.md, blocks.csv and territories.geojson into `dir`, each atomically
/// (the report is complete in memory before the first byte is written).
/// blocks.csv holds every block with grade >= the lowest cut-off.
void write_reports(const std::filesystem::path& dir, const ResourceReport& report,
                   const std::vector<double>& grade_gpt, const std::vector<double>& tonnes);

/// The JSON document alone (schema: docs/report.md).
std::string report_json(const ResourceReport& report);
std::string report_markdown(const ResourceReport& report);

}  // namespace lodeline::report
