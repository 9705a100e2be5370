// SPDX-License-Identifier: Apache-2.0
// JSON documents read with file:line:col on syntax errors, and checked field access.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "lodeline/core/block_grid.hpp"
#include "lodeline/core/error.hpp"
#include "lodeline/io/json_pointer.hpp"

namespace lodeline::io {

/// nlohmann's parse-error text without its "[json.exception...]" prefix.
std::string parse_error_text(const nlohmann::json::parse_error& error);

/// A number token of JSON text: its byte offset and its characters.
struct NumberToken {
  std::size_t offset = 0;
  std::string_view text;
};

/// The first number token outside strings whose value overflows a double (1e309, -1e400, or
/// 400 digits), if any. nlohmann-json refuses such a number with an out_of_range exception
/// that carries no byte position; this finds it in the text.
std::optional<NumberToken> find_overflowing_number(std::string_view json_text);

/// Parses JSON text; a syntax error becomes input.bad_json and a number that overflows a
/// double input.bad_number, both at their line:column.
nlohmann::json parse_json(const std::string& text, const std::string& file);
nlohmann::json read_json(const std::string& path);

/// A grid description: {"origin":[x0,y0(,z0)], "block_size":[dx,dy(,dz)],
/// "counts":[nx,ny(,nz)], "rotation_deg": r (optional), "crs": "EPSG:..." (optional)}.
struct GridSpec {
  BlockGrid grid;
  std::string crs;  ///< empty when not given
};
/// A misspelt key is refused with the key meant (other keys are metadata); errors are at the
/// key's line:column when `locate` is given, else at the file.
GridSpec grid_from_json(const nlohmann::json& doc, const std::string& file,
                        const JsonLocator& locate = {});
GridSpec read_grid_json(const std::string& path);

}  // namespace lodeline::io
