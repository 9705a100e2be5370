// SPDX-License-Identifier: Apache-2.0
// Name matching for every reader: case-insensitive equality, and the valid name closest to a
// misspelt one for "did you mean" hints.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lodeline {

/// ASCII lower case ("RL" -> "rl"); other bytes as they are.
[[nodiscard]] std::string lower_ascii(std::string_view text);
/// Whether two texts are equal ignoring ASCII case.
[[nodiscard]] bool equal_ignoring_case(std::string_view a, std::string_view b);

/// Levenshtein distance: insertions, deletions and substitutions from `a` to `b`.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

/// The name of `valid` closest to `key` (edit distance at most a third of its length, at
/// least 2), else the only one that `key` begins ("hole" -> "hole_id"); "" when none is.
[[nodiscard]] std::string closest_name(std::string_view key, const std::vector<std::string>& valid);

}  // namespace lodeline
