// SPDX-License-Identifier: Apache-2.0
// The estimation stage's own options, declared once (options/table.hpp): the keys of
// [estimate] around the estimator, and the fit keys of [variogram].
#pragma once

#include "lodeline/estimation/estimation.hpp"
#include "lodeline/options/table.hpp"

namespace lodeline::estimation {

/// The pipeline's own keys of [estimate] (cross-validation, unestimated blocks, truth).
[[nodiscard]] const options::Table<EstimationConfig>& estimate_run_table();
/// [variogram]: fit, lag_m, lags, tolerance_deg, bandwidth_m.
[[nodiscard]] const options::Table<EstimationConfig>& variogram_fit_table();
/// [drillholes] value: the assay column the project estimates.
[[nodiscard]] const options::Table<EstimationConfig>& estimated_value_table();
/// One [[classification]] rule.
[[nodiscard]] const options::Table<ClassRule>& class_rule_table();

}  // namespace lodeline::estimation
