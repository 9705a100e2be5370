// SPDX-License-Identifier: Apache-2.0
// Nested pits by revenue factor, solved from the largest factor down on shrinking sub-graphs.
//
// Reference: H. Lerchs, I. F. Grossmann (1965), "Optimum design of open-pit mines",
// Transactions of the Canadian Institute of Mining and Metallurgy 68:17-24. The nesting
// argument and the reuse are explained in nested.hpp.
#include "lodeline/pit/nested.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <utility>

#include "lodeline/core/error.hpp"

namespace lodeline::pit {
namespace {

constexpr std::int64_t none = -1;

void check_finite_nonnegative(double x, const char* what, std::size_t block) {
  if (!std::isfinite(x) || x < 0)
    throw Error("input.bad_number",
                fmt::format("block {} has {} {}, expected a finite number >= 0", block, what, x));
}

void check_economics(const std::vector<BlockEconomics>& economics) {
  for (std::size_t b = 0; b < economics.size(); ++b) {
    check_finite_nonnegative(economics[b].revenue_usd, "revenue_usd", b);
    check_finite_nonnegative(economics[b].processing_cost_usd, "processing_cost_usd", b);
    check_finite_nonnegative(economics[b].mining_cost_usd, "mining_cost_usd", b);
  }
}

void check_factors(const std::vector<double>& factors) {
  for (std::size_t k = 0; k < factors.size(); ++k) {
    if (!std::isfinite(factors[k]) || factors[k] <= 0)
      throw Error(
          "input.bad_option",
          fmt::format("revenue factor {} is {}, expected a finite number > 0", k, factors[k]));
    if (k > 0 && !(factors[k] > factors[k - 1]))
      throw Error("input.bad_option",
                  fmt::format("revenue factor {} is {} after {}, expected strictly increasing "
                              "factors",
                              k, factors[k], factors[k - 1]));
  }
}

void check_scale(double value_units_per_usd) {
  if (!std::isfinite(value_units_per_usd) || value_units_per_usd <= 0)
    throw Error("input.bad_option",
                fmt::format("value_units_per_usd is {}, expected a finite number > 0",
                            value_units_per_usd));
}

/// Appends the blocks that v requires.
void append_required(const ExplicitPrecedence& p, std::int64_t v, std::vector<std::int64_t>& out) {
  out.insert(out.end(), p.targets.begin() + p.offsets[v], p.targets.begin() + p.offsets[v + 1]);
}

template <class Pattern>
void append_required(const Pattern& p, std::int64_t v, std::vector<std::int64_t>& out) {
  for_each_required(p, v, 0, [&](std::int64_t, std::int64_t t) {
    out.push_back(t);
    return false;
  });
}

/// The precedence among `candidates` (ascending global ids), with local ids = positions in
/// `candidates`. `local` maps global ids to local ids (none outside); every required block
/// of a candidate must be a candidate (the candidates are a closure of the full graph).
template <class Graph>
ExplicitPrecedence sub_graph(const Graph& graph, const std::vector<std::int64_t>& candidates,
                             const std::vector<std::int64_t>& local) {
  ExplicitPrecedence sub;
  sub.offsets.reserve(candidates.size() + 1);
  std::vector<std::int64_t> required;
  for (const std::int64_t v : candidates) {
    required.clear();
    append_required(graph, v, required);
    for (const std::int64_t t : required) {
      if (local[t] == none)
        throw Error("internal.pit_not_closed",
                    fmt::format("block {} of a pit requires block {} outside it, expected a "
                                "closure (please report)",
                                v, t));
      sub.targets.push_back(local[t]);
    }
    sub.offsets.push_back(static_cast<std::int64_t>(sub.targets.size()));
  }
  return sub;
}

template <class Graph>
NestedPitsResult solve_nested(const std::vector<BlockEconomics>& economics, const Graph& graph,
                              const std::vector<double>& factors,
                              const NestedPitsOptions& options) {
  check_scale(options.value_units_per_usd);
  check_factors(factors);
  check_economics(economics);
  const std::int64_t n = graph.block_count();
  if (static_cast<std::int64_t>(economics.size()) != n)
    throw Error("input.bad_count", fmt::format("{} block economics for {} blocks, expected one "
                                               "per block",
                                               economics.size(), n));
  const double scale = options.value_units_per_usd;
  const std::size_t count = factors.size();
  NestedPitsResult r;
  r.revenue_factors = factors;
  r.value_units_per_usd = scale;
  r.shell.assign(static_cast<std::size_t>(n), none);
  r.pit_blocks.assign(count, 0);
  r.value.assign(count, 0);
  r.value_usd.assign(count, 0);

  // candidates: the pit of the factor solved last (ascending global ids); local: global ->
  // position in candidates, or none. upper_value: the block values at that factor, to check
  // that the values never rise as the factor falls.
  std::vector<std::int64_t> candidates;
  std::vector<std::int64_t> local(static_cast<std::size_t>(n), none);
  std::vector<std::int64_t> upper_value;
  std::vector<std::int64_t> values;
  for (std::size_t step = 0; step < count; ++step) {
    const std::size_t k = count - 1 - step;
    ClosureResult closure;
    std::vector<std::int64_t> mined_local;  // positions in `candidates` (steps after the first)
    if (step == 0) {
      values.resize(static_cast<std::size_t>(n));
      for (std::int64_t v = 0; v < n; ++v)
        values[v] = block_value_units(economics[v], factors[k], scale);
      closure = max_closure(values, graph);
    } else if (!candidates.empty()) {
      values.resize(candidates.size());
      for (std::size_t c = 0; c < candidates.size(); ++c) {
        values[c] = block_value_units(economics[candidates[c]], factors[k], scale);
        if (values[c] > upper_value[c])
          throw Error(
              "internal.pit_not_nested",
              fmt::format("block {} is worth {} units at revenue factor {} but {} at "
                          "{}, expected values non-decreasing in the factor (please "
                          "report)",
                          candidates[c], values[c], factors[k], upper_value[c], factors[k + 1]));
      }
      closure = max_closure(values, sub_graph(graph, candidates, local));
      mined_local = closure.mined;
      for (std::int64_t& id : closure.mined) id = candidates[id];  // local ids ascend with global
    }
    // Here closure.mined is the pit of factor k in global ids, and it lies in `candidates`
    // (the pit of factor k + 1) by construction; the shells record it.
    for (const std::int64_t v : candidates) local[v] = none;
    upper_value.assign(closure.mined.size(), 0);
    for (std::size_t c = 0; c < closure.mined.size(); ++c) {
      const std::int64_t v = closure.mined[c];
      if (step > 0 && r.shell[v] != static_cast<std::int64_t>(k) + 1)
        throw Error("internal.pit_not_nested",
                    fmt::format("block {} is in the pit of revenue factor {} but not in the pit "
                                "of {}, expected nested pits (please report)",
                                v, factors[k], factors[k + 1]));
      r.shell[v] = static_cast<std::int64_t>(k);
      local[v] = static_cast<std::int64_t>(c);
      upper_value[c] = step == 0 ? values[v] : values[mined_local[c]];
    }
    r.pit_blocks[k] = static_cast<std::int64_t>(closure.mined.size());
    r.value[k] = closure.value;
    r.value_usd[k] = static_cast<double>(closure.value) / scale;
    candidates = std::move(closure.mined);
  }
  return r;
}

}  // namespace

bool is_ore(const BlockEconomics& block, double revenue_factor) {
  return revenue_factor * block.revenue_usd - block.processing_cost_usd > 0;
}

double block_value_usd(const BlockEconomics& block, double revenue_factor) {
  const double margin = revenue_factor * block.revenue_usd - block.processing_cost_usd;
  return (margin > 0 ? margin : 0.0) - block.mining_cost_usd;
}

std::int64_t block_value_units(const BlockEconomics& block, double revenue_factor,
                               double value_units_per_usd) {
  const double usd = block_value_usd(block, revenue_factor);
  const double units = std::round(usd * value_units_per_usd);  // half away from zero
  // 2^63 is exact in double; the int64 range is [-2^63, 2^63).
  constexpr double limit = 9223372036854775808.0;
  if (!(units >= -limit && units < limit))
    throw Error("numeric.overflow",
                fmt::format("block value {} USD at revenue factor {} is {} units at {} units per "
                            "USD, expected it to fit in a signed 64-bit integer",
                            usd, revenue_factor, units, value_units_per_usd));
  return static_cast<std::int64_t>(units);
}

std::vector<std::int64_t> NestedPitsResult::pit(std::size_t k) const {
  if (k >= revenue_factors.size())
    throw Error("internal.pit_size", fmt::format("pit {} of {}, expected an index below the "
                                                 "number of revenue factors",
                                                 k, revenue_factors.size()));
  std::vector<std::int64_t> ids;
  for (std::size_t v = 0; v < shell.size(); ++v)
    if (shell[v] >= 0 && shell[v] <= static_cast<std::int64_t>(k))
      ids.push_back(static_cast<std::int64_t>(v));
  return ids;
}

NestedPitsResult nested_pits(const std::vector<BlockEconomics>& economics,
                             const ExplicitPrecedence& precedence,
                             const std::vector<double>& revenue_factors,
                             const NestedPitsOptions& options) {
  return solve_nested(economics, precedence, revenue_factors, options);
}

NestedPitsResult nested_pits(const std::vector<BlockEconomics>& economics,
                             const RegularPattern& pattern,
                             const std::vector<double>& revenue_factors,
                             const NestedPitsOptions& options) {
  return solve_nested(economics, pattern, revenue_factors, options);
}

NestedPitsResult nested_pits(const std::vector<BlockEconomics>& economics,
                             const ZonedPattern& pattern,
                             const std::vector<double>& revenue_factors,
                             const NestedPitsOptions& options) {
  return solve_nested(economics, pattern, revenue_factors, options);
}

std::vector<PitRow> pit_by_pit_table(const NestedPitsResult& result,
                                     const std::vector<BlockEconomics>& economics,
                                     const std::vector<double>& tonnes,
                                     const std::vector<double>& metal_g) {
  const std::size_t n = result.shell.size();
  if (economics.size() != n)
    throw Error("input.bad_count", fmt::format("{} block economics for {} blocks, expected one "
                                               "per block",
                                               economics.size(), n));
  check_economics(economics);
  check_scale(result.value_units_per_usd);
  const auto check_column = [n](const std::vector<double>& column, const char* what) {
    if (!column.empty() && column.size() != n)
      throw Error("input.bad_count",
                  fmt::format("{} {} values for {} blocks, expected none or one per block",
                              column.size(), what, n));
    for (std::size_t b = 0; b < column.size(); ++b) check_finite_nonnegative(column[b], what, b);
  };
  check_column(tonnes, "tonnes");
  check_column(metal_g, "metal_g");

  const std::size_t count = result.revenue_factors.size();
  std::vector<PitRow> rows(count);
  for (std::size_t k = 0; k < count; ++k) {
    const double rf = result.revenue_factors[k];
    PitRow& row = rows[k];
    row.revenue_factor = rf;
    row.value_usd_at_factor = k < result.value_usd.size() ? result.value_usd[k] : 0.0;
    std::int64_t base_units = 0;
    double ore_t = 0, waste_t = 0, metal = 0;
    for (std::size_t v = 0; v < n; ++v) {
      const std::int64_t s = result.shell[v];
      if (s < 0 || s > static_cast<std::int64_t>(k)) continue;
      ++row.blocks;
      const bool ore = is_ore(economics[v], rf);
      if (ore) {
        ++row.ore_blocks;
        if (!metal_g.empty()) metal += metal_g[v];
      }
      if (!tonnes.empty()) (ore ? ore_t : waste_t) += tonnes[v];
      const std::int64_t units = block_value_units(economics[v], 1.0, result.value_units_per_usd);
      if (__builtin_add_overflow(base_units, units, &base_units))
        throw Error("numeric.overflow",
                    fmt::format("the value at revenue factor 1 of the pit of factor {} exceeds "
                                "the signed 64-bit range of value units",
                                rf));
    }
    row.waste_blocks = row.blocks - row.ore_blocks;
    row.value_usd = static_cast<double>(base_units) / result.value_units_per_usd;
    if (!tonnes.empty()) {
      row.ore_t = ore_t;
      row.waste_t = waste_t;
      row.strip_ratio = ore_t > 0     ? waste_t / ore_t
                        : waste_t > 0 ? std::numeric_limits<double>::infinity()
                                      : 0.0;
    }
    if (!metal_g.empty()) row.metal_g = metal;
  }
  return rows;
}

}  // namespace lodeline::pit
