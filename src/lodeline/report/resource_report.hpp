// SPDX-License-Identifier: Apache-2.0
// The resource split report: values computed by the pipeline, written as JSON, Markdown, CSV, GeoJSON.
#pragma once

#include <array>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "lodeline/blockmodel/block_model.hpp"
#include "lodeline/border/claims.hpp"
#include "lodeline/border/monte_carlo.hpp"
#include "lodeline/border/scenario.hpp"
#include "lodeline/border/split.hpp"
#include "lodeline/border/tally.hpp"
#include "lodeline/core/diagnostics.hpp"
#include "lodeline/economics/economics.hpp"
#include "lodeline/pit/nested.hpp"
#include "lodeline/report/estimation_section.hpp"
#include "lodeline/survey/survey.hpp"

namespace lodeline::report {

struct ClaimCheck {
  std::string source, date, statement, side, measure, scenario;
  double share_pct = 0, tolerance_pct = 0;
  /// One row per (scenario, measure) the claim applies to.
  struct Row {
    std::string scenario, measure;
    double computed_pct = 0;
    bool consistent = false;
    /// The parallel offset of the line that gives the claimed share (border/claims.hpp);
    /// offset_computed is false when the run did not search (check only).
    border::OffsetSolution offset;
    bool offset_computed = false;
  };
  std::vector<Row> rows;
};

/// The Monte Carlo run over one line's vertex positions.
struct MonteCarloReport {
  std::string scenario;
  std::string position_error;  ///< how the errors were given, e.g. "sd_m = 0.05 for every vertex"
  border::MonteCarloResult result;
};

/// A line drawn from GPS fixes: the pillars and what the survey did with every fix.
struct SurveyReport {
  std::string scenario;
  survey::SurveyResult result;
};

/// A region of ground with what it holds.
struct RegionReport {
  border::SideTally tally;
  double licence_area_m2 = NAN;  ///< NaN without a licence
};

/// Ground that lines sharing the same two side names give to one side, to the other, or
/// dispute (border/disputed.hpp).
struct DisputedReport {
  std::string side_x, side_y;
  std::vector<std::string> lines;
  RegionReport undisputed_x, undisputed_y, disputed;
  struct Pair {
    std::string first, second;
    RegionReport x_by_first;   ///< first gives it to side X, second to side Y
    RegionReport x_by_second;  ///< second gives it to side X, first to side Y
  };
  std::vector<Pair> pairs;
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
  double claim_offset_max_m = 0;  ///< the ±range searched for claim offsets (m)
  std::vector<SurveyReport> surveys;          ///< lines drawn from GPS fixes ([scenario.survey])
  std::vector<MonteCarloReport> monte_carlo;  ///< lines with position errors, [monte_carlo]
  std::vector<DisputedReport> disputed;       ///< groups of two or more lines
  std::shared_ptr<const EstimationSection> estimation;  ///< null when the model was read, not estimated
  std::shared_ptr<const struct PitSection> pits;  ///< null when the project has no [pit]
  std::vector<Diagnostic> diagnostics;
  std::vector<std::pair<std::string, std::string>> inputs;  ///< role, path
  /// Paths in the report are written relative to this folder (the project file's), so that
  /// the same project gives the same bytes wherever it lies.
  std::filesystem::path base_dir;
  std::string version;
};

/// `path` relative to the report's base folder (the project file's), so the same project gives
/// the same bytes wherever it lies.
std::string shown_path(const ResourceReport& report, const std::string& path);
/// scenarios[].survey in report.json, and the survey table of report.md.
nlohmann::ordered_json survey_json(const SurveyReport& survey, const ResourceReport& report);
std::string survey_markdown(const SurveyReport& survey, const ResourceReport& report);
/// A diagnostic formatted with its file shown relative to the base folder.
std::string shown_diagnostic(const ResourceReport& report, const Diagnostic& d);
/// The measures a share (and a claim) can be about, in report order.
inline constexpr std::array<const char*, 4> kShareMeasures{"area", "licence_area", "ore", "metal"};

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
/// One line's Monte Carlo result as JSON (the report's scenarios[].monte_carlo object).
std::string monte_carlo_json(const MonteCarloReport& mc, const std::string& side_a,
                             const std::string& side_b);

}  // namespace lodeline::report

namespace lodeline::report {

/// One pit: what it holds, and (for the joint pit) how it is allocated to the two sides.
struct PitSummary {
  std::int64_t blocks = 0;
  double value_usd = 0;    ///< undiscounted, sum of block values in the pit
  double ore_t = 0;        ///< blocks sent to the mill
  double waste_t = 0;
  double metal_g = 0;      ///< contained in ore
  std::array<double, 2> side_value_usd{0, 0};  ///< by column fraction
  std::array<double, 2> side_ore_t{0, 0};
  std::array<double, 2> side_metal_g{0, 0};
};

/// The planner's half of the question for one line: a joint (unitised) pit against one pit
/// per side with the line as a hard wall.
struct BorderPitReport {
  std::string scenario;
  std::string straddling_rule;          ///< forbidden | majority | shared
  PitSummary joint;                     ///< the joint pit, allocated by this line's fractions
  std::array<PitSummary, 2> standalone; ///< side A, side B
  std::array<bool, 2> own_economics{false, false};    ///< side used its own economics
  std::array<double, 2> marginal_cutoff_gpt{0, 0};    ///< of the economics each side used
  double sterilised_value_usd = 0;      ///< joint value - (A + B)
  double sterilised_metal_g = 0;
};

struct PitSection {
  double slope_deg = 45;
  std::int64_t benches = 8;
  std::int64_t pattern_offsets = 0;
  std::int64_t pattern_over_mined_offsets = 0;  ///< sector cones: offsets beyond the cone
  double marginal_cutoff_gpt = 0;
  double breakeven_cutoff_gpt = 0;  ///< with the top-bench mining cost
  std::vector<std::pair<std::string, double>> economics;  ///< option name, value (echo)
  std::vector<double> production_rates_t_per_y;
  PitSummary joint;
  std::vector<BorderPitReport> lines;
  std::vector<pit::PitRow> pit_by_pit;  ///< nested joint pits by revenue factor
  // Per-block membership, for blocks.csv and pit_surface.csv.
  std::vector<std::int64_t> joint_mined;                          ///< ascending ids
  std::vector<std::array<std::vector<std::int64_t>, 2>> side_mined;  ///< per line, side A/B
  std::vector<double> revenue_factors;
  std::vector<std::int64_t> shell;  ///< per block: index of the smallest factor mining it, -1
  std::vector<economics::Destination> destination;  ///< per block, from the marginal cut-off
};

}  // namespace lodeline::report
