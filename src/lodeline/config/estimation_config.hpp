// SPDX-License-Identifier: Apache-2.0
// [drillholes], [composite], [variogram], [estimate] and [[classification]] of project.toml ->
// the estimation stage's config (estimation/estimation.hpp).
#pragma once

#include <toml++/toml.h>

#include <filesystem>
#include <functional>
#include <string>

#include "lodeline/estimation/estimation.hpp"
#include "lodeline/config/toml_reader.hpp"

namespace lodeline::config {

/// Parses the estimation tables of `root` into `config` (enabled when [drillholes] exists);
/// `resolve` makes a path relative to the project file. Errors at the offending value.
void parse_estimation(const toml::table& root, const TomlReader& reader,
                      const std::function<std::filesystem::path(const std::string&)>& resolve,
                      estimation::EstimationConfig& config);

}  // namespace lodeline::config
