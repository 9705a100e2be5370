// SPDX-License-Identifier: Apache-2.0
// The kriging stage's options, declared once: the project's [estimate] table, the parameter
// document of `lodeline estimate`, `lodeline options estimate` and docs/kriging.md all come
// from these tables.
#pragma once

#include <string>

#include "lodeline/kriging/estimate.hpp"
#include "lodeline/options/table.hpp"

namespace lodeline::kriging {

/// Names of the enums, in one place each.
[[nodiscard]] const options::EnumNames<Method>& method_names();
[[nodiscard]] const options::EnumNames<SearchMetric>& metric_names();
[[nodiscard]] const options::EnumNames<BlockScheme>& scheme_names();
[[nodiscard]] const options::EnumNames<DuplicatePolicy>& duplicate_names();

/// Method, search, block discretisation, duplicates: everything of EstimateOptions except the
/// variogram (a document of its own) and the block size (the model grid's, in a project).
[[nodiscard]] const options::Table<EstimateOptions>& estimate_table();

/// The keys only the parameter document of `lodeline estimate` has (a project takes them from
/// [drillholes] and the model grid).
struct EstimateInputs {
  std::string value_column;
  std::string hole_column;           ///< empty = found by its usual names
  std::vector<double> block_size_m;  ///< empty = point support
};
[[nodiscard]] const options::Table<EstimateInputs>& estimate_inputs_table();

}  // namespace lodeline::kriging
