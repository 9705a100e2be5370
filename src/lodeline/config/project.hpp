// SPDX-License-Identifier: Apache-2.0
// project.toml -> a checked Project value (paths resolved relative to the file).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "lodeline/border/claim_check.hpp"
#include "lodeline/border/monte_carlo.hpp"
#include "lodeline/border/scenario.hpp"
#include "lodeline/borderpit/border_pits.hpp"
#include "lodeline/config/survey_source.hpp"
#include "lodeline/core/block_grid.hpp"
#include "lodeline/economics/economics.hpp"
#include "lodeline/estimation/estimation.hpp"

namespace lodeline::config {

/// Position errors of one scenario's vertices (per-scenario `sd_m` or
/// `vertex_covariance_m2`), for the Monte Carlo run.
struct LineUncertainty {
  bool given = false;
  bool from_survey = false;  ///< the pillars of the scenario's [scenario.survey]
  double sd_m = NAN;         ///< one isotropic sd for every vertex, or NaN
  std::vector<border::VertexCovariance> per_vertex;  ///< one per vertex when a list is given
  /// A surveyed-line GeoJSON whose "pillars" carry the errors (border/pillars.hpp).
  std::filesystem::path pillars_file;
  std::string given_as;  ///< for the report, e.g. "sd_m = 0.05 m for every vertex"
  InputLocation where;   ///< the key in the project file
};

/// [monte_carlo]: draws of every scenario that gives position errors.
struct MonteCarloSettings {
  bool enabled = false;
  border::MonteCarloOptions options;
  InputLocation where;
};

/// One [[scenario]]: its line (from a file or surveyed from GPS fixes) and its position errors.
struct ScenarioConfig {
  border::Scenario scenario;
  LineUncertainty uncertainty;  ///< per-scenario sd_m / vertex_covariance_m2 / pillars
  SurveySource survey;          ///< [scenario.survey]: the line from GPS fixes
};

struct Project {
  std::filesystem::path file;  ///< the project file itself
  std::string name = "lodeline project";
  bool synthetic = false;  ///< data is synthetic (demo): said on every report page
  std::string crs;         ///< project CRS (EPSG code, WKT or PROJ string)
  int threads = 0;         ///< 0 = all cores

  // Block model: .lbm (binary) or .csv with a grid given in [model.grid] or a grid JSON.
  std::filesystem::path model_file;
  std::filesystem::path grid_file;  ///< [model] grid: a grid JSON, or empty
  BlockGrid grid;                   ///< for CSV models
  std::string grid_crs;             ///< the grid JSON's "crs" (used when [project] crs is absent)
  std::string model_position = "centroid";  ///< CSV: centroid | corner | ijk
  std::string grade_column = "au_gpt";
  std::string density_column;  ///< column name, or empty to use density_t_m3
  double density_t_m3 = 0;

  std::filesystem::path licence_file;  ///< optional
  std::vector<double> cutoffs_gpt{0.8};
  /// A model with no block at or above the lowest cut-off is refused unless this is set (every
  /// share would be 0 / 0).
  bool allow_no_ore = false;
  std::filesystem::path out_dir = "out";
  std::vector<ScenarioConfig> scenarios;  ///< in file order
  std::vector<border::Claim> claims;
  /// Claim offsets are searched within ±this (m); 0 = the model extent's diagonal.
  double claim_offset_max_m = 0;
  MonteCarloSettings monte_carlo;
  /// [disputed] lines: the scenarios compared for disputed ground; empty = every group of two
  /// or more scenarios with the same two side names.
  std::vector<std::string> disputed_lines;

  estimation::EstimationConfig estimation;  ///< [drillholes] ...: the model is estimated, not read

  bool has_pits = false;  ///< a [pit] table was given: solve joint and per-side pits
  economics::EconomicsOptions economics;
  borderpit::PitOptions pit;
};

/// Parses and validates a project file. Errors carry file:line:col of the offending value
/// (input.bad_toml, input.bad_option, input.missing_option, input.unknown_key).
Project load_project(const std::filesystem::path& path);

}  // namespace lodeline::config
