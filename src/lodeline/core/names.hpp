// SPDX-License-Identifier: Apache-2.0
// The valid name closest to a misspelt one, for "did you mean" hints in every reader.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lodeline {

/// Levenshtein distance: insertions, deletions and substitutions from `a` to `b`.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

/// The name of `valid` closest to `key` (edit distance at most a third of its length, at
/// least 2), else the only one that `key` begins ("hole" -> "hole_id"); "" when none is.
[[nodiscard]] std::string closest_name(std::string_view key, const std::vector<std::string>& valid);

}  // namespace lodeline
