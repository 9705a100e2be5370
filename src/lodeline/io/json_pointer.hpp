// SPDX-License-Identifier: Apache-2.0
// JSON pointers ("/structures/0/sill") and where the value they name lies in a file.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "lodeline/core/error.hpp"

namespace lodeline::io {

/// Maps a JSON pointer to its location in the input file. An empty locator gives no location
/// (the message still names the pointer).
using JsonLocator = std::function<InputLocation(const std::string& json_pointer)>;

/// A locator over the JSON text `text` of `file`: the line:column of the value a pointer
/// names, or of the deepest enclosing value that exists (for a missing key: its object).
[[nodiscard]] JsonLocator json_text_locator(std::string text, std::string file);

/// The unescaped reference tokens of a JSON pointer (RFC 6901): "/a~1b/0" -> {"a/b", "0"}.
[[nodiscard]] std::vector<std::string> json_pointer_tokens(const std::string& pointer);

}  // namespace lodeline::io
