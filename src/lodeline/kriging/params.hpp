// SPDX-License-Identifier: Apache-2.0
// The estimation parameter document (P.json of `lodeline estimate`) -> EstimateOptions,
// every bad value reported at its JSON line:column.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "lodeline/kriging/estimate.hpp"
#include "lodeline/variogram/model.hpp"

namespace lodeline::kriging {

/// The parameter document of `lodeline estimate`: the keys of kriging::estimate_table() and
/// estimate_inputs_table() (docs/kriging.md, generated), plus "variogram": {...}
/// (model_from_json; required for ok/sk). The older nested spellings ("search": {...},
/// "block": {"size", "discretization", "scheme"}) are documented aliases.
struct EstimateParams {
  EstimateOptions options;
  std::string value_column;
  std::string hole_column;          ///< empty = not given
  std::size_t block_size_axes = 0;  ///< values given in block_size_m (0 = point support)
  /// Where each option was given (canonical key -> location), for the checks the caller
  /// makes against the data.
  std::map<std::string, InputLocation> given_at;
  InputLocation document_at;  ///< the parameter document itself
  /// The location of option `key`, or of the document when it was not given.
  [[nodiscard]] InputLocation where(const std::string& key) const;
};

/// The names of kriging/option_table.hpp; nothing for any other text.
[[nodiscard]] std::optional<Method> method_from_name(std::string_view name);
[[nodiscard]] std::optional<SearchMetric> metric_from_name(std::string_view name);
[[nodiscard]] std::optional<BlockScheme> scheme_from_name(std::string_view name);

/// Throws input.bad_option / input.missing_option / input.unknown_key / input.bad_variogram
/// at the location `locate` gives for the offending key's JSON pointer.
[[nodiscard]] EstimateParams params_from_json(const nlohmann::json& doc,
                                              const io::JsonLocator& locate);

}  // namespace lodeline::kriging
