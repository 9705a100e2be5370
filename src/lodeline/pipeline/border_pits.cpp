// SPDX-License-Identifier: Apache-2.0
// Joint and standalone (per side) ultimate pits for each border line.
#include "lodeline/pipeline/border_pits.hpp"

#include <fmt/format.h>

#include <cmath>
#include <algorithm>
#include <limits>

#include "lodeline/pit/closure.hpp"
#include "lodeline/pit/nested.hpp"
#include "lodeline/pit/precedence.hpp"

namespace lodeline::pipeline {
namespace {

report::PitSummary summarise(const std::vector<std::int64_t>& mined,
                             const economics::BlockValues& bv, const std::vector<double>& grade,
                             const std::vector<double>& tonnes, const std::vector<double>* frac,
                             std::int64_t ncol) {
  report::PitSummary s;
  s.blocks = static_cast<std::int64_t>(mined.size());
  for (std::int64_t id : mined) {
    const auto b = static_cast<std::size_t>(id);
    const bool ore = bv.destination[b] == economics::Destination::mill;
    s.value_usd += bv.value_usd[b];
    (ore ? s.ore_t : s.waste_t) += tonnes[b];
    const double metal = ore ? tonnes[b] * grade[b] : 0.0;
    s.metal_g += metal;
    if (frac) {
      const double fa = (*frac)[static_cast<std::size_t>(id % ncol)];
      const double w[2] = {fa, 1 - fa};
      for (int k = 0; k < 2; ++k) {
        s.side_value_usd[static_cast<std::size_t>(k)] += w[k] * bv.value_usd[b];
        if (ore) s.side_ore_t[static_cast<std::size_t>(k)] += w[k] * tonnes[b];
        s.side_metal_g[static_cast<std::size_t>(k)] += w[k] * metal;
      }
    }
  }
  return s;
}

}  // namespace

report::PitSection run_border_pits(const BlockGrid& grid, const std::vector<double>& grade,
                                   const std::vector<double>& tonnes,
                                   const std::vector<report::ScenarioReport>& scenarios,
                                   const economics::EconomicsOptions& eco, const PitOptions& o) {
  if (o.straddling != "forbidden" && o.straddling != "majority" && o.straddling != "shared")
    throw Error("input.bad_option",
                fmt::format("'straddling' is '{}', expected forbidden, majority or shared", o.straddling));
  report::PitSection sec;
  sec.slope_deg = o.slope_deg;
  sec.benches = o.benches;
  sec.production_rates_t_per_y = o.production_rates_t_per_y;
  const auto bv = economics::block_values(grid, grade, tonnes, eco);
  sec.marginal_cutoff_gpt = bv.marginal_cutoff_gpt;
  sec.breakeven_cutoff_gpt = bv.breakeven_cutoff_gpt_top;
  sec.economics = {{"price_usd_per_oz", eco.price_usd_per_oz},
                   {"recovery_frac", eco.recovery_frac},
                   {"payability_frac", eco.payability_frac},
                   {"selling_cost_usd_per_oz", eco.selling_cost_usd_per_oz},
                   {"royalty_frac", eco.royalty_frac},
                   {"mining_cost_usd_per_t", eco.mining_cost_usd_per_t},
                   {"mining_cost_increase_usd_per_t_per_bench", eco.mining_cost_increase_usd_per_t_per_bench},
                   {"processing_cost_usd_per_t", eco.processing_cost_usd_per_t},
                   {"transport_cost_usd_per_t", eco.transport_cost_usd_per_t}};
  pit::RegularPattern pattern{grid.nx(), grid.ny(), grid.nz(),
                              pit::minimum_search_pattern(o.slope_deg, o.benches,
                                                          {grid.block_size_m[0], grid.block_size_m[1],
                                                           grid.block_size_m[2]})};
  sec.pattern_offsets = static_cast<std::int64_t>(pattern.offsets.size());
  const std::size_t n = bv.value_usd.size();
  const std::int64_t ncol = grid.column_count();
  auto to_units = [](double usd) {
    if (!(std::abs(usd) < 9e15))
      throw Error("numeric.overflow", fmt::format("block value {} USD does not fit the integer solver", usd));
    return static_cast<std::int64_t>(std::llround(usd));
  };
  std::vector<std::int64_t> values(n);
  for (std::size_t b = 0; b < n; ++b) values[b] = to_units(bv.value_usd[b]);
  const auto joint_mined = pit::max_closure(values, pattern).mined;
  if (!o.revenue_factors.empty()) {
    std::vector<pit::BlockEconomics> be(n);
    std::vector<double> metal(n, 0.0);
    for (std::size_t b = 0; b < n; ++b) {
      be[b] = {bv.revenue_usd[b], bv.ore_cost_usd[b], bv.mining_cost_usd[b]};
      if (!std::isnan(grade[b])) metal[b] = tonnes[b] * grade[b];
    }
    const auto nested = pit::nested_pits(be, pattern, o.revenue_factors);
    sec.pit_by_pit = pit::pit_by_pit_table(nested, be, tonnes, metal);
  }
  sec.joint = summarise(joint_mined, bv, grade, tonnes, nullptr, ncol);

  for (const auto& s : scenarios) {
    if (!o.lines.empty() && std::find(o.lines.begin(), o.lines.end(), s.scenario.name) == o.lines.end())
      continue;
    report::BorderPitReport line;
    line.scenario = s.scenario.name;
    line.straddling_rule = o.straddling;
    const auto& frac = s.split.fraction_left;
    line.joint = summarise(joint_mined, bv, grade, tonnes, &frac, ncol);
    for (int side = 0; side < 2; ++side) {
      std::vector<std::int64_t> v(n);
      std::int64_t gains = 0;
      std::vector<char> allowed(n, 0);
      for (std::size_t b = 0; b < n; ++b) {
        const double fa = frac[b % static_cast<std::size_t>(ncol)];
        const double f = side == 0 ? fa : 1 - fa;
        bool ok;
        double usd = bv.value_usd[b];
        if (o.straddling == "forbidden") ok = f >= 1 - border::kStraddleTolerance;
        else if (o.straddling == "majority") ok = f > 0.5;
        else { ok = f > border::kStraddleTolerance; usd *= f; }
        allowed[b] = ok;
        if (ok) {
          v[b] = to_units(usd);
          if (v[b] > 0) gains += v[b];
        }
      }
      const std::int64_t wall = -(gains + 1);
      for (std::size_t b = 0; b < n; ++b)
        if (!allowed[b]) v[b] = wall;
      const auto mined = pit::max_closure(v, pattern).mined;
      auto& st = line.standalone[static_cast<std::size_t>(side)];
      st = summarise(mined, bv, grade, tonnes, nullptr, ncol);
      if (o.straddling == "shared") {
        // The side owns only its fraction of a shared block.
        st = report::PitSummary{};
        st.blocks = static_cast<std::int64_t>(mined.size());
        for (std::int64_t id : mined) {
          const auto b = static_cast<std::size_t>(id);
          const double fa = frac[b % static_cast<std::size_t>(ncol)];
          const double f = side == 0 ? fa : 1 - fa;
          const bool ore = bv.destination[b] == economics::Destination::mill;
          st.value_usd += f * bv.value_usd[b];
          (ore ? st.ore_t : st.waste_t) += f * tonnes[b];
          if (ore) st.metal_g += f * tonnes[b] * grade[b];
        }
      }
    }
    line.sterilised_value_usd =
        line.joint.value_usd - line.standalone[0].value_usd - line.standalone[1].value_usd;
    line.sterilised_metal_g =
        line.joint.metal_g - line.standalone[0].metal_g - line.standalone[1].metal_g;
    sec.lines.push_back(std::move(line));
  }
  return sec;
}

}  // namespace lodeline::pipeline
