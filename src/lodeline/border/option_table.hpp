// SPDX-License-Identifier: Apache-2.0
// [[scenario]] and [monte_carlo]: the keys of the lines, declared once (options/table.hpp).
#pragma once

#include "lodeline/border/monte_carlo.hpp"
#include "lodeline/border/scenario.hpp"
#include "lodeline/options/table.hpp"

namespace lodeline::border {

/// [[scenario]]: name, file, who states the line and when, the side names, the feature, the
/// datum-shift permission and a point known on each side. The position-error keys (sd_m,
/// vertex_covariance_m2, pillars) and [scenario.survey] are read with the project.
[[nodiscard]] const options::Table<Scenario>& scenario_table();

/// [monte_carlo]: draws, seed and tile size (also the flags of `lodeline split`, where
/// --draws, alias --mc, turns the Monte Carlo on).
[[nodiscard]] const options::Table<MonteCarloOptions>& monte_carlo_table();

}  // namespace lodeline::border
