// SPDX-License-Identifier: Apache-2.0
// Joint and standalone (per side) ultimate pits for each border line.
#include "lodeline/pipeline/border_pits.hpp"

#include <fmt/format.h>

#include <cmath>
#include <algorithm>
#include <map>
#include <limits>
#include <tbb/task_group.h>

#include "lodeline/pit/closure.hpp"
#include "lodeline/pit/nested.hpp"
#include "lodeline/pit/precedence.hpp"

namespace lodeline::pipeline {
namespace {

// Sums a pit. `weight` scales each block's value, tonnes and metal (1, or a side's fraction of
// a shared block); `frac`, when given, allocates the pit to the two sides by column fraction.
template <typename Weight>
report::PitSummary summarise(const std::vector<std::int64_t>& mined, const economics::BlockValues& bv,
                             const std::vector<double>& grade, const std::vector<double>& tonnes,
                             Weight&& weight, const std::vector<double>* frac, std::int64_t ncol) {
  report::PitSummary s;
  s.blocks = static_cast<std::int64_t>(mined.size());
  for (std::int64_t id : mined) {
    const auto b = static_cast<std::size_t>(id);
    const double w = weight(b);
    const bool ore = bv.destination[b] == economics::Destination::mill;
    const double value = w * bv.value_usd[b], t = w * tonnes[b];
    const double metal = ore ? t * grade[b] : 0.0;
    s.value_usd += value;
    (ore ? s.ore_t : s.waste_t) += t;
    s.metal_g += metal;
    if (frac) {
      const double fa = (*frac)[static_cast<std::size_t>(id % ncol)];
      const double side_w[2] = {fa, 1 - fa};
      for (std::size_t k = 0; k < 2; ++k) {
        s.side_value_usd[k] += side_w[k] * value;
        if (ore) s.side_ore_t[k] += side_w[k] * t;
        s.side_metal_g[k] += side_w[k] * metal;
      }
    }
  }
  return s;
}

const auto kWhole = [](std::size_t) { return 1.0; };

}  // namespace

report::PitSection run_border_pits(const BlockGrid& grid, const std::vector<double>& grade,
                                   const std::vector<double>& tonnes,
                                   const std::vector<report::ScenarioReport>& scenarios,
                                   const economics::EconomicsOptions& eco, const PitOptions& o,
                                   const std::vector<std::int64_t>* zone_ids) {
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
  const pit::BlockSize block{grid.block_size_m[0], grid.block_size_m[1], grid.block_size_m[2]};
  std::vector<pit::Offset> base_offsets;
  if (o.sectors.empty()) {
    base_offsets = pit::minimum_search_pattern(o.slope_deg, o.benches, block);
  } else {
    const auto sp = pit::minimum_search_pattern_sectors(o.sectors, o.benches, block);
    base_offsets = sp.offsets;
    sec.pattern_over_mined_offsets = sp.added;
  }
  sec.pattern_offsets = static_cast<std::int64_t>(base_offsets.size());
  // Everything below runs on one precedence graph: one pattern, or one pattern per zone.
  auto solve_on = [&](const auto& pattern) {
  const std::size_t n = bv.value_usd.size();
  const std::int64_t ncol = grid.column_count();
  auto to_units = [](double usd) {
    if (!(std::abs(usd) < 9e15))
      throw Error("numeric.overflow", fmt::format("block value {} USD does not fit the integer solver", usd));
    return static_cast<std::int64_t>(std::llround(usd));
  };
  std::vector<std::int64_t> values(n);
  for (std::size_t b = 0; b < n; ++b) values[b] = to_units(bv.value_usd[b]);
  // The chosen lines, then every solve (joint, nested, each side of each line) as an
  // independent task: results do not depend on the order or the thread count.
  std::vector<const report::ScenarioReport*> chosen;
  for (const auto& sc : scenarios)
    if (o.lines.empty() || std::find(o.lines.begin(), o.lines.end(), sc.scenario.name) != o.lines.end())
      chosen.push_back(&sc);
  std::vector<std::int64_t> joint_mined;
  std::vector<std::vector<std::int64_t>> side_mined(2 * chosen.size());
  auto side_weight = [&](std::size_t line, int side) {
    const auto* frac = &chosen[line]->split.fraction_left;
    return [frac, side, ncol](std::size_t b) {
      const double fa = (*frac)[b % static_cast<std::size_t>(ncol)];
      return side == 0 ? fa : 1 - fa;
    };
  };
  // Block values of each side's own economics where it has them.
  std::map<std::string, economics::BlockValues> own_values;
  for (const auto* sc : chosen)
    for (const auto& side : {sc->scenario.side_a, sc->scenario.side_b}) {
      auto it = o.side_economics.find(side);
      if (it != o.side_economics.end() && !own_values.count(side))
        own_values.emplace(side, economics::block_values(grid, grade, tonnes, it->second));
    }
  auto values_of = [&](std::size_t line, int side) -> const economics::BlockValues& {
    const auto& name = side == 0 ? chosen[line]->scenario.side_a : chosen[line]->scenario.side_b;
    auto it = own_values.find(name);
    return it == own_values.end() ? bv : it->second;
  };
  tbb::task_group tasks;
  tasks.run([&] { joint_mined = pit::max_closure(values, pattern).mined; });
  if (!o.revenue_factors.empty())
    tasks.run([&] {
      std::vector<pit::BlockEconomics> be(n);
      std::vector<double> metal(n, 0.0);
      for (std::size_t b = 0; b < n; ++b) {
        be[b] = {bv.revenue_usd[b], bv.ore_cost_usd[b], bv.mining_cost_usd[b]};
        if (!std::isnan(grade[b])) metal[b] = tonnes[b] * grade[b];
      }
      const auto nested = pit::nested_pits(be, pattern, o.revenue_factors);
      sec.pit_by_pit = pit::pit_by_pit_table(nested, be, tonnes, metal);
      sec.shell = nested.shell;
      sec.revenue_factors = o.revenue_factors;
    });
  for (std::size_t line = 0; line < chosen.size(); ++line)
    for (int side = 0; side < 2; ++side)
      tasks.run([&, line, side] {
        const auto f_of = side_weight(line, side);
        const auto& sbv = values_of(line, side);
        std::vector<std::int64_t> v(n);
        std::vector<char> allowed(n, 0);
        std::int64_t gains = 0;
        for (std::size_t b = 0; b < n; ++b) {
          const double f = f_of(b);
          double usd = sbv.value_usd[b];
          bool ok;
          if (o.straddling == "forbidden") {
            ok = f >= 1 - border::kStraddleTolerance;
          } else if (o.straddling == "majority") {
            ok = f > 0.5;
          } else {
            ok = f > border::kStraddleTolerance;
            usd *= f;
          }
          allowed[b] = ok;
          if (ok) {
            v[b] = to_units(usd);
            if (v[b] > 0) gains += v[b];
          }
        }
        const std::int64_t wall = -(gains + 1);  // never worth entering
        for (std::size_t b = 0; b < n; ++b)
          if (!allowed[b]) v[b] = wall;
        side_mined[2 * line + static_cast<std::size_t>(side)] = pit::max_closure(v, pattern).mined;
      });
  tasks.wait();

  sec.joint = summarise(joint_mined, bv, grade, tonnes, kWhole, nullptr, ncol);
  for (std::size_t line = 0; line < chosen.size(); ++line) {
    report::BorderPitReport out;
    out.scenario = chosen[line]->scenario.name;
    out.straddling_rule = o.straddling;
    out.joint = summarise(joint_mined, bv, grade, tonnes, kWhole, &chosen[line]->split.fraction_left, ncol);
    for (int side = 0; side < 2; ++side) {
      const auto& mined = side_mined[2 * line + static_cast<std::size_t>(side)];
      const auto& sbv = values_of(line, side);
      const auto k = static_cast<std::size_t>(side);
      out.own_economics[k] = &sbv != &bv;
      out.marginal_cutoff_gpt[k] = sbv.marginal_cutoff_gpt;
      // A side owns only its fraction of a shared block; otherwise whole blocks.
      out.standalone[k] =
          o.straddling == "shared" ? summarise(mined, sbv, grade, tonnes, side_weight(line, side), nullptr, ncol)
                                   : summarise(mined, sbv, grade, tonnes, kWhole, nullptr, ncol);
    }
    out.sterilised_value_usd = out.joint.value_usd - out.standalone[0].value_usd - out.standalone[1].value_usd;
    out.sterilised_metal_g = out.joint.metal_g - out.standalone[0].metal_g - out.standalone[1].metal_g;
    sec.lines.push_back(std::move(out));
    sec.side_mined.push_back({std::move(side_mined[2 * line]), std::move(side_mined[2 * line + 1])});
  }
  sec.joint_mined = std::move(joint_mined);
  sec.destination = bv.destination;
  };
  if (zone_ids == nullptr || o.zone_slope_deg.empty()) {
    solve_on(pit::RegularPattern{grid.nx(), grid.ny(), grid.nz(), base_offsets});
  } else {
    pit::ZonedPattern zoned{grid.nx(), grid.ny(), grid.nz(), {}, {base_offsets}};
    std::map<std::int64_t, std::int32_t> index;  // zone id -> pattern index (0 = default)
    for (const auto& [id, slope] : o.zone_slope_deg) {
      index[id] = static_cast<std::int32_t>(zoned.patterns.size());
      zoned.patterns.push_back(pit::minimum_search_pattern(slope, o.benches, block));
    }
    zoned.zone.resize(zone_ids->size(), 0);
    for (std::size_t b = 0; b < zone_ids->size(); ++b) {
      const auto it = index.find((*zone_ids)[b]);
      if (it != index.end()) zoned.zone[b] = it->second;
    }
    solve_on(zoned);
  }
  return sec;
}

}  // namespace lodeline::pipeline
