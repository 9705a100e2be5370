// SPDX-License-Identifier: Apache-2.0
// Claims confronted with the computed shares.
#include "lodeline/border/claim_check.hpp"

#include <fmt/format.h>

#include <cmath>

#include "lodeline/core/parallel.hpp"

namespace lodeline::border {
namespace {

/// The side a claim names on `line`: 0 (A), 1 (B), or -1 when the line has no such side.
int claimed_side(const Claim& claim, const Scenario& line) {
  if (claim.side == line.side_a) return 0;
  if (claim.side == line.side_b) return 1;
  return -1;
}

void add_rows(const Claim& claim, const LineResult& line, bool has_licence, ClaimCheck& check) {
  const int side = claimed_side(claim, line.scenario);
  if (side < 0) return;
  for (const ShareMeasure m : kShareMeasures) {
    if (claim.measure && *claim.measure != m) continue;
    const auto share = shares_pct(line, m, has_licence);
    if (std::isnan(share[0])) continue;
    ClaimCheck::Row row;
    row.scenario = line.scenario.name;
    row.measure = m;
    row.computed_pct = share[static_cast<std::size_t>(side)];
    row.consistent = std::abs(row.computed_pct - claim.share_pct) <= claim.tolerance_pct;
    check.rows.push_back(std::move(row));
  }
}

/// The measure of that name in the set (measures.size() when there is none).
std::size_t measure_index(const MeasureSet& measures, ShareMeasure m) {
  const std::string& name = share_measure_names().name(m);
  std::size_t k = 0;
  while (k < measures.size() && measures.name(k) != name) ++k;
  return k;
}

}  // namespace

std::vector<ClaimCheck> check_claims(const std::vector<Claim>& claims,
                                     const std::vector<LineResult>& lines, bool has_licence,
                                     const InputLocation& where, Diagnostics& diag) {
  std::vector<ClaimCheck> checks;
  for (const auto& claim : claims) {
    ClaimCheck check{claim, {}};
    for (const auto& line : lines)
      if (claim.scenario.empty() || claim.scenario == line.scenario.name)
        add_rows(claim, line, has_licence, check);
    if (check.rows.empty())
      diag.warn("input.claim_unmatched",
                fmt::format("claim by '{}' names side '{}', which no line's side_a/side_b has",
                            claim.source, claim.side),
                where);
    checks.push_back(std::move(check));
  }
  return checks;
}

void solve_claim_offsets(std::vector<ClaimCheck>& checks, const std::vector<LineResult>& lines,
                         const MeasureSet& measures, double max_offset_m) {
  OffsetSearchOptions options;
  options.max_offset_m = max_offset_m;
  auto offsets_of = [&](std::size_t k) {
    const Scenario& line = lines[k].scenario;
    std::vector<ShareTarget> targets;
    std::vector<ClaimCheck::Row*> rows;
    for (auto& check : checks)
      for (auto& row : check.rows) {
        if (row.scenario != line.name) continue;
        targets.push_back({measure_index(measures, row.measure), claimed_side(check.claim, line),
                           check.claim.share_pct});
        rows.push_back(&row);
      }
    if (targets.empty()) return;
    const auto solutions = solve_offsets(measures, line.line, targets, options);
    for (std::size_t t = 0; t < rows.size(); ++t) {
      rows[t]->offset = solutions[t];
      rows[t]->offset_computed = true;
    }
  };
  parallel_for_index(lines.size(), offsets_of);
}

}  // namespace lodeline::border
