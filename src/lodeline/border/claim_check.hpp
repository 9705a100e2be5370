// SPDX-License-Identifier: Apache-2.0
// Published claims about a split, quoted and attributed, confronted with the computed shares:
// which (line, measure) each claim can be about, whether the computed share is within the
// claim's tolerance, and the parallel offset of the line that would give the claimed share.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lodeline/border/claims.hpp"
#include "lodeline/border/shares.hpp"
#include "lodeline/core/diagnostics.hpp"

namespace lodeline::border {

/// A published statement about the split, quoted and attributed.
struct Claim {
  std::string source;
  std::string date;
  std::string statement;
  std::string side;                     ///< a side name used by the lines
  double share_pct = 0;                 ///< the share that side is said to hold
  double tolerance_pct = 5;             ///< "roughly": how far the computed share may be
  std::optional<ShareMeasure> measure;  ///< absent: any measure
  std::string scenario;                 ///< a line (scenario) name or "" (any)
};

/// [[claim]]: every key of a claim, declared once (options/table.hpp).
[[nodiscard]] const options::Table<Claim>& claim_table();

/// One claim with one row per (line, measure) it applies to.
struct ClaimCheck {
  Claim claim;
  struct Row {
    std::string scenario;
    ShareMeasure measure = ShareMeasure::area;
    double computed_pct = 0;
    bool consistent = false;
    /// The parallel offset of the line that gives the claimed share (solve_offsets);
    /// offset_computed is false when no search was run.
    OffsetSolution offset;
    bool offset_computed = false;
  };
  std::vector<Row> rows;
};

/// Every (line, measure) each claim can be about: the claimed side must be one of the line's
/// two sides, and the measure non-empty. A claim that matches nothing is kept (with no rows)
/// and warned about (input.claim_unmatched at `where`).
std::vector<ClaimCheck> check_claims(const std::vector<Claim>& claims,
                                     const std::vector<LineResult>& lines, bool has_licence,
                                     const InputLocation& where, Diagnostics& diag);

/// For every row, the parallel offset of its line that gives the claimed share, the measures
/// taken from `measures` (made at the first cut-off) by name; within ±max_offset_m.
void solve_claim_offsets(std::vector<ClaimCheck>& checks, const std::vector<LineResult>& lines,
                         const MeasureSet& measures, double max_offset_m);

}  // namespace lodeline::border
