// SPDX-License-Identifier: Apache-2.0
// Length compositing within domains (top-cut first, length-weighted) with the metal balance of
// raw intervals against composites.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "lodeline/core/diagnostics.hpp"
#include "lodeline/drillhole/database.hpp"
#include "lodeline/drillhole/desurvey.hpp"

namespace lodeline::drillhole {

/// What happens to the last piece of a run (a stretch of contiguous intervals in one domain)
/// when it is shorter than the minimum length.
enum class ResidualRule {
  drop,          ///< left out (its metal is reported as dropped)
  merge,         ///< joined to the composite before it (dropped when there is none)
  redistribute,  ///< the run is cut into equal composites instead (dropped when none fit)
};
[[nodiscard]] std::string_view to_string(ResidualRule rule);
/// "drop", "merge" or "redistribute"; throws input.bad_option.
ResidualRule parse_residual_rule(std::string_view text, const InputLocation& where = {});

/// A cap applied to one value column before compositing.
struct TopCut {
  std::string column;
  double cap = 0;
  /// "NAME=CAP"; throws input.bad_option.
  static TopCut parse(std::string_view text, const InputLocation& where = {});
};

struct CompositeOptions {
  double length_m = 2;
  /// A residual at least this long stays as a shorter composite; 0 = min(1 m, length_m).
  double min_length_m = 0;
  /// min_length_m with its default resolved.
  [[nodiscard]] double min_length() const {
    return min_length_m > 0 ? min_length_m : std::min(1.0, length_m);
  }
  ResidualRule residual = ResidualRule::drop;
  std::vector<TopCut> topcuts;
  /// Throws input.bad_option for length <= 0, min length outside (0, length], a negative or
  /// non-finite cap, a column capped twice, or a cap on a column the database does not hold.
  void validate(const std::vector<std::string>& value_names) const;
};

struct Composite {
  std::string hole_id;
  double from_m = 0, to_m = 0;
  Vec3 xyz_m{0, 0, 0};            ///< the hole position at mid-depth (desurvey)
  std::vector<double> values;     ///< length-weighted means; NaN where nothing was sampled
  std::vector<double> sampled_m;  ///< per value column: length carrying a value
  double length_sampled_m = 0;    ///< length carrying a value in at least one column
  std::string domain;
};

/// Sum of value x length (e.g. g/t x m) per value column.
struct MetalBalance {
  std::string hole_id;               ///< empty for the total
  std::vector<double> raw;           ///< intervals as read
  std::vector<double> after_topcut;  ///< intervals after the caps
  std::vector<double> composites;    ///< composite value x sampled length
  std::vector<double> dropped;       ///< residuals left out
};

struct CompositeResult {
  std::vector<Composite> composites;
  std::vector<std::string> value_names;
  std::string domain_name;
  std::vector<MetalBalance> holes;  ///< same order as the database
  MetalBalance total;
  std::vector<std::size_t> capped;  ///< per value column: intervals whose value was capped
  std::size_t residuals_dropped = 0, residuals_merged = 0, runs_redistributed = 0;
  std::size_t runs = 0;
  double dropped_length_m = 0;
  std::size_t unsampled_composites = 0;  ///< composites with nothing sampled: left out
};

/// Composites every hole: runs of contiguous intervals (a gap or a domain change ends a run)
/// are cut from their top into options.length_m pieces; the residual follows the rule.
/// Each composite value is the length-weighted mean of the (capped) interval values over the
/// part that carries a value; blank values are unsampled and carry no weight.
CompositeResult run_compositing(const DrillholeDatabase& db, const DesurveyResult& desurvey,
                                const CompositeOptions& options, Diagnostics& diagnostics);

}  // namespace lodeline::drillhole
