// SPDX-License-Identifier: Apache-2.0
// JSON documents read with file:line:col on syntax errors, and checked field access.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "lodeline/core/block_grid.hpp"
#include "lodeline/core/error.hpp"

namespace lodeline::io {

/// nlohmann's parse-error text without its "[json.exception...]" prefix.
std::string parse_error_text(const nlohmann::json::parse_error& error);

/// Parses JSON text; a syntax error becomes input.bad_json at its line:column.
nlohmann::json parse_json(const std::string& text, const std::string& file);
nlohmann::json read_json(const std::string& path);

/// A grid description: {"origin":[x0,y0(,z0)], "block_size":[dx,dy(,dz)],
/// "counts":[nx,ny(,nz)], "rotation_deg": r (optional), "crs": "EPSG:..." (optional)}.
struct GridSpec {
  BlockGrid grid;
  std::string crs;  ///< empty when not given
};
GridSpec grid_from_json(const nlohmann::json& doc, const std::string& file);
GridSpec read_grid_json(const std::string& path);

}  // namespace lodeline::io
