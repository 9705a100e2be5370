// SPDX-License-Identifier: Apache-2.0
// Text of the drillhole outputs: composites CSV, trace CSV, VTK legacy polydata, validation
// JSON. The caller writes them (io::write_file_atomic / io::AtomicFile).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "lodeline/drillhole/composite.hpp"
#include "lodeline/drillhole/database.hpp"
#include "lodeline/drillhole/desurvey.hpp"

namespace lodeline::drillhole {

/// hole_id,from,to,x,y,z,<values...>,length_sampled,domain (a value never sampled is blank).
[[nodiscard]] std::string composites_csv(const CompositeResult& result);

/// hole_id,depth,x,y,z: every trace point (collar, survey stations, end of trace) per hole.
[[nodiscard]] std::string traces_csv(const DesurveyResult& desurvey);

/// VTK legacy ASCII polydata: one polyline per hole through its trace points, with the
/// point depth and the cell hole_index (order of traces.csv).
[[nodiscard]] std::string traces_vtk(const DesurveyResult& desurvey);

/// Findings (file, line, col, severity, code, message, forced), counts, dip convention and
/// below-detection rule.
[[nodiscard]] nlohmann::json validation_json(const DrillholeDatabase& db);
/// Method and per-hole end-of-hole discrepancies between the methods.
[[nodiscard]] nlohmann::json desurvey_json(const DesurveyResult& desurvey);
/// Options used, counts, and the metal balance per hole and in total per value column.
[[nodiscard]] nlohmann::json compositing_json(const CompositeResult& result,
                                              const CompositeOptions& options);

}  // namespace lodeline::drillhole
