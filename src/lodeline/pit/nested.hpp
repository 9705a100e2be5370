// SPDX-License-Identifier: Apache-2.0
// Nested pits by revenue factor (pit shells) and the pit-by-pit table derived from them.
//
// References:
//   H. Lerchs, I. F. Grossmann (1965), "Optimum design of open-pit mines", Transactions of the
//   Canadian Institute of Mining and Metallurgy 68:17-24 (ultimate pit as a maximum closure;
//   nested pits from scaled block values).
//
// Block value. A block has a revenue (the value of its metal if it is processed, before any
// cost), a processing cost and a mining cost, all in USD and >= 0. At revenue factor rf the
// block goes to the mill only when processing pays at that factor, so its value is
//
//     value_usd(rf) = max(rf * revenue_usd - processing_cost_usd, 0) - mining_cost_usd
//
// (the block is "ore" at rf when rf * revenue_usd - processing_cost_usd > 0, else "waste").
// The solver works on integers: value(rf) = round(value_usd(rf) * value_units_per_usd), the
// product computed in double and rounded half away from zero; a result outside int64 is
// numeric.overflow. The default scale, 1 unit per USD, solves in whole dollars.
//
// Nesting. value(rf) is non-decreasing in rf for every block: revenue >= 0, and every step
// above (multiplication by rf, subtraction, max, scaling, rounding) is monotone, also in IEEE
// arithmetic. For block values that are non-decreasing in a parameter the minimal optimal
// closures are nested: let M, M' be the minimal optimal closures at rf < rf'. M ∩ M' and
// M ∪ M' are closures; optimality of M' gives v_rf'(M \ M') = v_rf'(M ∪ M') - v_rf'(M') <= 0,
// and v_rf <= v_rf' block by block, so v_rf(M \ M') <= 0 and v_rf(M ∩ M') >= v_rf(M): M ∩ M'
// is optimal at rf, and the minimality of M forces M ∩ M' = M, i.e. M ⊆ M'.
// So the pit at a larger factor contains the pit at every smaller factor, and each block has
// a shell: the index of the smallest factor whose pit mines it (-1 for none).
//
// Reuse between factors. The factors are solved from the largest down; each solve is
// restricted to the blocks of the pit just found (the pit of the next larger factor). This
// is exact: that pit is a closure of the full graph (every block it holds has all its
// required blocks in it), so a closure of the restricted graph is a closure of the full graph,
// and the minimal optimal closure of the full problem lies inside it (by the nesting above).
// Blocks outside the largest factor's pit are never candidates again, and the restricted
// problems shrink as the factor falls. The restricted graph is built as an explicit CSR
// precedence over the candidate blocks for both graph kinds (for a regular pattern the arcs
// are generated from the offsets). Checked on the way (internal.pit_not_closed,
// internal.pit_not_nested, both "please report"): every arc of a candidate stays inside the
// candidates, the integer values are non-decreasing in rf, and each pit lies in the next.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "lodeline/pit/closure.hpp"

namespace lodeline::pit {

/// Economics of one block, all in USD and >= 0 (input.bad_number otherwise, also for NaN
/// and infinity).
struct BlockEconomics {
  double revenue_usd = 0;          ///< value of the metal if processed, before costs
  double processing_cost_usd = 0;  ///< cost of processing, paid only for ore
  double mining_cost_usd = 0;      ///< cost of mining, paid for ore and waste alike
};

/// True when the block is processed (ore) at revenue factor rf:
/// rf * revenue_usd - processing_cost_usd > 0.
[[nodiscard]] bool is_ore(const BlockEconomics& block, double revenue_factor);

/// max(rf * revenue_usd - processing_cost_usd, 0) - mining_cost_usd, unscaled.
[[nodiscard]] double block_value_usd(const BlockEconomics& block, double revenue_factor);

/// block_value_usd scaled to integer units: round(value_usd * value_units_per_usd), half
/// away from zero; numeric.overflow when the result does not fit in int64 (or is NaN).
[[nodiscard]] std::int64_t block_value_units(const BlockEconomics& block, double revenue_factor,
                                             double value_units_per_usd);

struct NestedPitsOptions {
  /// Integer value units per USD, finite and > 0 (input.bad_option): 1 solves in whole
  /// dollars, 100 in cents.
  double value_units_per_usd = 1;
};

struct NestedPitsResult {
  std::vector<double> revenue_factors;  ///< as given, strictly increasing
  double value_units_per_usd = 1;       ///< the scale the pits were solved with
  /// Per block: the smallest factor index whose pit mines the block, or -1 when even the
  /// largest factor's pit leaves it. Pit k = the blocks with 0 <= shell <= k.
  std::vector<std::int64_t> shell;
  std::vector<std::int64_t> pit_blocks;  ///< per factor: number of blocks in its pit
  std::vector<std::int64_t> value;       ///< per factor: value of its pit at that factor, units
  std::vector<double> value_usd;         ///< per factor: value / value_units_per_usd

  /// Ids of the blocks of pit k (0 <= shell <= k), ascending; internal.pit_size for k out of
  /// range.
  [[nodiscard]] std::vector<std::int64_t> pit(std::size_t k) const;
};

/// The minimal optimal closure (see max_closure) at each revenue factor, as shells.
/// economics.size() must equal the block count of the graph (input.bad_count); factors must
/// be finite, > 0 and strictly increasing (input.bad_option); no factors gives no pits and
/// every shell -1. Throws numeric.overflow when a scaled block value or the sum of the
/// positive values at a factor does not fit in int64, plus the errors of max_closure for a
/// bad graph. Deterministic.
NestedPitsResult nested_pits(const std::vector<BlockEconomics>& economics,
                             const ExplicitPrecedence& precedence,
                             const std::vector<double>& revenue_factors,
                             const NestedPitsOptions& options = {});
NestedPitsResult nested_pits(const std::vector<BlockEconomics>& economics,
                             const RegularPattern& pattern,
                             const std::vector<double>& revenue_factors,
                             const NestedPitsOptions& options = {});
NestedPitsResult nested_pits(const std::vector<BlockEconomics>& economics,
                             const ZonedPattern& pattern,
                             const std::vector<double>& revenue_factors,
                             const NestedPitsOptions& options = {});

/// One row of the pit-by-pit table: the pit of one revenue factor.
struct PitRow {
  double revenue_factor = 0;
  std::int64_t blocks = 0;
  std::int64_t ore_blocks = 0;    ///< blocks of the pit that are ore at this row's factor
  std::int64_t waste_blocks = 0;  ///< blocks - ore_blocks
  double value_usd = 0;  ///< undiscounted value of the pit at base prices (rf = 1), as scaled
  double value_usd_at_factor = 0;  ///< value of the pit at this row's factor, as scaled
  std::optional<double> ore_t;     ///< tonnes of the ore blocks (when tonnes are given)
  std::optional<double> waste_t;   ///< tonnes of the waste blocks (when tonnes are given)
  /// waste_t / ore_t (when tonnes are given); 0 when the pit has no tonnes at all, +infinity
  /// when it has waste but no ore tonnes.
  std::optional<double> strip_ratio;
  std::optional<double> metal_g;  ///< metal in the ore blocks (when metal is given)
};

/// The pit-by-pit table of a nested_pits result, one row per factor. Ore and waste are
/// classified at each row's own factor (is_ore), the factor the pit was designed with;
/// value_usd re-values the same blocks at rf = 1 with the result's scale. tonnes and metal_g
/// are per block, each either empty (column left out) or one entry per block
/// (input.bad_count), finite and >= 0 (input.bad_number). economics must be the one the
/// pits were computed from (input.bad_count when its size differs). numeric.overflow when a
/// pit value at rf = 1 does not fit in int64 units.
std::vector<PitRow> pit_by_pit_table(const NestedPitsResult& result,
                                     const std::vector<BlockEconomics>& economics,
                                     const std::vector<double>& tonnes = {},
                                     const std::vector<double>& metal_g = {});

}  // namespace lodeline::pit
