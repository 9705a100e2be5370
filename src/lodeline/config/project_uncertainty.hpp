// SPDX-License-Identifier: Apache-2.0
// project.toml sections for uncertainty and disputes: [monte_carlo], per-scenario position errors,
// [disputed].
#pragma once

#include <toml++/toml.h>

#include <array>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "lodeline/config/project.hpp"
#include "lodeline/config/toml_reader.hpp"

namespace lodeline::config {

/// Keys these sections add to a [[scenario]] table.
inline constexpr std::array<const char*, 3> kScenarioErrorKeys{"sd_m", "vertex_covariance_m2",
                                                               "pillars"};

/// [monte_carlo]: draws (default 1000), seed (default 1), tile_columns (default 16).
MonteCarloSettings read_monte_carlo_table(const TomlReader& r, const toml::table& t);

/// A scenario's position errors, at most one of: sd_m = <m> (every vertex, E and N
/// independent), sd_m = [<m>, ...] (one per vertex), vertex_covariance_m2 =
/// [[var_e, cov_en, var_n], ...] (one per vertex), pillars = "<surveyed line GeoJSON>".
LineUncertainty read_line_uncertainty(
    const TomlReader& r, const toml::table& scenario,
    const std::function<std::filesystem::path(const std::string&)>& resolve);

/// Cross-checks once every section is read: position errors need [monte_carlo] and
/// [monte_carlo] needs position errors; [disputed] lines exist and share their two side names.
void check_uncertainty_sections(const Project& p, const TomlReader& r, const toml::table& root);

}  // namespace lodeline::config
