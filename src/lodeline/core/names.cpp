// SPDX-License-Identifier: Apache-2.0
// "Did you mean" hints: Levenshtein distance over the valid names.
#include "lodeline/core/names.hpp"

#include <algorithm>
#include <cctype>

namespace lodeline {

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string closest_name(std::string_view key, const std::vector<std::string>& valid) {
  std::string best;
  std::size_t best_d = std::max<std::size_t>(2, key.size() / 3) + 1;
  for (const auto& v : valid) {
    const std::size_t d = edit_distance(key, v);
    if (d < best_d) best_d = d, best = v;
  }
  if (!best.empty() || key.size() < 3) return best;
  // No near spelling: a key the text is the start of ("hole" -> "hole_id"), when only one is.
  std::vector<std::string> starting;
  for (const auto& v : valid)
    if (v.rfind(key, 0) == 0) starting.push_back(v);
  return starting.size() == 1 ? starting.front() : std::string();
}

}  // namespace lodeline
