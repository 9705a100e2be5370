// SPDX-License-Identifier: Apache-2.0
// Joint and per-side ultimate pits with the line as a hard wall.
#include "lodeline/borderpit/border_pits.hpp"

#include <fmt/format.h>
#include <tbb/task_group.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "lodeline/border/split.hpp"
#include "lodeline/core/error.hpp"
#include "lodeline/pit/closure.hpp"

namespace lodeline::borderpit {
namespace {

// Sums a pit. `weight` scales each block's value, tonnes and metal (1, or a side's fraction of
// a shared block); `frac`, when given, allocates the pit to the two sides by column fraction.
template <typename Weight>
PitSummary summarise(const std::vector<std::int64_t>& mined, const economics::BlockValues& bv,
                     const std::vector<double>& grade, const std::vector<double>& tonnes,
                     Weight&& weight, const std::vector<double>* frac, std::int64_t ncol) {
  PitSummary s;
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

/// Records in `s` the columns of the pit on the model's outer ring and those mined down to the
/// lowest bench (block id = column + ncol * k, k = 0 lowest).
void count_model_limits(const std::vector<std::int64_t>& mined, const BlockGrid& grid,
                        PitSummary& s) {
  const std::int64_t ncol = grid.column_count();
  std::vector<char> edge(static_cast<std::size_t>(ncol), 0), floor(edge.size(), 0);
  for (const std::int64_t id : mined) {
    const std::int64_t c = id % ncol, i = c % grid.nx(), j = c / grid.nx();
    if (i == 0 || j == 0 || i == grid.nx() - 1 || j == grid.ny() - 1)
      edge[static_cast<std::size_t>(c)] = 1;
    if (id / ncol == 0) floor[static_cast<std::size_t>(c)] = 1;
  }
  s.edge_columns = std::count(edge.begin(), edge.end(), 1);
  s.floor_columns = std::count(floor.begin(), floor.end(), 1);
}

std::vector<std::pair<std::string, double>> economics_echo(const economics::EconomicsOptions& e) {
  return {{"price_usd_per_oz", e.price_usd_per_oz},
          {"recovery_frac", e.recovery_frac},
          {"payability_frac", e.payability_frac},
          {"selling_cost_usd_per_oz", e.selling_cost_usd_per_oz},
          {"royalty_frac", e.royalty_frac},
          {"mining_cost_usd_per_t", e.mining_cost_usd_per_t},
          {"mining_cost_increase_usd_per_t_per_bench", e.mining_cost_increase_usd_per_t_per_bench},
          {"processing_cost_usd_per_t", e.processing_cost_usd_per_t},
          {"transport_cost_usd_per_t", e.transport_cost_usd_per_t}};
}

pit::BlockSize block_size(const BlockGrid& grid) {
  return {grid.block_size_m[0], grid.block_size_m[1], grid.block_size_m[2]};
}

/// The default slope pattern (one slope, or azimuth sectors); records its size in `out`.
std::vector<pit::Offset> default_pattern(const BlockGrid& grid, const PitOptions& o,
                                         BorderPits& out) {
  std::vector<pit::Offset> offsets;
  if (o.sectors.empty()) {
    offsets = pit::minimum_search_pattern(o.slope_deg, o.benches, block_size(grid));
  } else {
    auto sp = pit::minimum_search_pattern_sectors(o.sectors, o.benches, block_size(grid));
    offsets = std::move(sp.offsets);
    out.pattern_over_mined_offsets = sp.added;
  }
  out.pattern_offsets = static_cast<std::int64_t>(offsets.size());
  return offsets;
}

std::int64_t to_units(double usd) {
  if (!(std::abs(usd) < 9e15))
    throw Error("numeric.overflow",
                fmt::format("block value {} USD does not fit the integer solver", usd));
  return static_cast<std::int64_t>(std::llround(usd));
}

/// What every solve shares: block values (project economics and each side's own), the lines
/// chosen by [pit] lines.
struct Solve {
  const BlockGrid& grid;
  const std::vector<double>& grade;
  const std::vector<double>& tonnes;
  const PitOptions& o;
  economics::BlockValues values;                             ///< with the project's economics
  std::map<std::string, economics::BlockValues> own_values;  ///< by side name
  std::vector<const border::LineResult*> chosen;
  std::int64_t ncol = 0;

  [[nodiscard]] std::size_t blocks() const { return values.value_usd.size(); }
  [[nodiscard]] const std::string& side_name(std::size_t line, int side) const {
    return side == 0 ? chosen[line]->scenario.side_a : chosen[line]->scenario.side_b;
  }
  /// The block values a side uses: its own economics where it has them.
  [[nodiscard]] const economics::BlockValues& values_of(std::size_t line, int side) const {
    const auto it = own_values.find(side_name(line, side));
    return it == own_values.end() ? values : it->second;
  }
  /// A block's fraction on `side` of chosen line `line`.
  [[nodiscard]] auto side_weight(std::size_t line, int side) const {
    const auto* frac = &chosen[line]->split.fraction_left;
    const auto columns = static_cast<std::size_t>(ncol);
    return [frac, side, columns](std::size_t b) {
      const double fa = (*frac)[b % columns];
      return side == 0 ? fa : 1 - fa;
    };
  }
};

Solve prepare(const BlockGrid& grid, const std::vector<double>& grade,
              const std::vector<double>& tonnes, const std::vector<border::LineResult>& lines,
              const economics::EconomicsOptions& eco, const PitOptions& o) {
  Solve s{grid,
          grade,
          tonnes,
          o,
          economics::block_values(grid, grade, tonnes, eco),
          {},
          {},
          grid.column_count()};
  for (const auto& line : lines)
    if (o.lines.empty() ||
        std::find(o.lines.begin(), o.lines.end(), line.scenario.name) != o.lines.end())
      s.chosen.push_back(&line);
  for (const auto* line : s.chosen)
    for (const auto& side : {line->scenario.side_a, line->scenario.side_b}) {
      const auto it = o.side_economics.find(side);
      if (it != o.side_economics.end() && !s.own_values.count(side))
        s.own_values.emplace(side, economics::block_values(grid, grade, tonnes, it->second));
    }
  return s;
}

/// Whether a side may mine a block of which `fraction` lies on its side; `usd` is scaled to
/// its part under the shared rule.
bool may_mine(Straddling rule, double fraction, double& usd) {
  switch (rule) {
    case Straddling::forbidden:
      return fraction >= 1 - border::kStraddleTolerance;
    case Straddling::majority:
      return fraction > 0.5;
    case Straddling::shared:
      usd *= fraction;
      return fraction > border::kStraddleTolerance;
  }
  return false;
}

/// Block values of one side behind the line: blocks it may not mine are walls worth less
/// than every gain together, so no pit ever enters them.
std::vector<std::int64_t> walled_values(const Solve& s, std::size_t line, int side) {
  const auto weight = s.side_weight(line, side);
  const auto& bv = s.values_of(line, side);
  std::vector<std::int64_t> v(s.blocks());
  std::vector<char> allowed(s.blocks(), 0);
  std::int64_t gains = 0;
  for (std::size_t b = 0; b < v.size(); ++b) {
    double usd = bv.value_usd[b];
    allowed[b] = may_mine(s.o.straddling, weight(b), usd) ? 1 : 0;
    if (!allowed[b]) continue;
    v[b] = to_units(usd);
    if (v[b] > 0) gains += v[b];
  }
  const std::int64_t wall = -(gains + 1);
  for (std::size_t b = 0; b < v.size(); ++b)
    if (!allowed[b]) v[b] = wall;
  return v;
}

template <class Pattern>
void nested_table(const Solve& s, const Pattern& pattern, BorderPits& out) {
  const auto& bv = s.values;
  std::vector<pit::BlockEconomics> be(s.blocks());
  std::vector<double> metal(s.blocks(), 0.0);
  for (std::size_t b = 0; b < be.size(); ++b) {
    be[b] = {bv.revenue_usd[b], bv.ore_cost_usd[b], bv.mining_cost_usd[b]};
    if (!std::isnan(s.grade[b])) metal[b] = s.tonnes[b] * s.grade[b];
  }
  const auto nested = pit::nested_pits(be, pattern, s.o.revenue_factors);
  out.pit_by_pit = pit::pit_by_pit_table(nested, be, s.tonnes, metal);
  out.shell = nested.shell;
  out.revenue_factors = s.o.revenue_factors;
}

/// One line's pits summarised from the joint pit and its two side pits.
LinePits line_pits(const Solve& s, std::size_t line, const std::vector<std::int64_t>& joint,
                   const std::array<std::vector<std::int64_t>, 2>& sides) {
  LinePits out;
  out.scenario = s.chosen[line]->scenario.name;
  out.straddling = s.o.straddling;
  out.joint = summarise(joint, s.values, s.grade, s.tonnes, kWhole,
                        &s.chosen[line]->split.fraction_left, s.ncol);
  count_model_limits(joint, s.grid, out.joint);
  for (int side = 0; side < 2; ++side) {
    const auto k = static_cast<std::size_t>(side);
    const auto& bv = s.values_of(line, side);
    out.own_economics[k] = &bv != &s.values;
    out.marginal_cutoff_gpt[k] = bv.marginal_cutoff_gpt;
    // A side owns only its fraction of a shared block; otherwise whole blocks.
    out.standalone[k] =
        s.o.straddling == Straddling::shared
            ? summarise(sides[k], bv, s.grade, s.tonnes, s.side_weight(line, side), nullptr, s.ncol)
            : summarise(sides[k], bv, s.grade, s.tonnes, kWhole, nullptr, s.ncol);
    count_model_limits(sides[k], s.grid, out.standalone[k]);
  }
  out.sterilised_value_usd =
      out.joint.value_usd - out.standalone[0].value_usd - out.standalone[1].value_usd;
  out.sterilised_metal_g =
      out.joint.metal_g - out.standalone[0].metal_g - out.standalone[1].metal_g;
  return out;
}

/// Every solve (joint, nested, each side of each line) on one precedence graph, as
/// independent tasks: results do not depend on the order or the thread count.
template <class Pattern>
void solve_on(const Solve& s, const Pattern& pattern, BorderPits& out) {
  std::vector<std::int64_t> values(s.blocks());
  for (std::size_t b = 0; b < values.size(); ++b) values[b] = to_units(s.values.value_usd[b]);
  std::vector<std::int64_t> joint;
  std::vector<std::array<std::vector<std::int64_t>, 2>> sides(s.chosen.size());
  tbb::task_group tasks;
  tasks.run([&] { joint = pit::max_closure(values, pattern).mined; });
  if (!s.o.revenue_factors.empty()) tasks.run([&] { nested_table(s, pattern, out); });
  for (std::size_t line = 0; line < s.chosen.size(); ++line)
    for (int side = 0; side < 2; ++side)
      tasks.run([&, line, side] {
        sides[line][static_cast<std::size_t>(side)] =
            pit::max_closure(walled_values(s, line, side), pattern).mined;
      });
  tasks.wait();
  out.joint = summarise(joint, s.values, s.grade, s.tonnes, kWhole, nullptr, s.ncol);
  count_model_limits(joint, s.grid, out.joint);
  for (std::size_t line = 0; line < s.chosen.size(); ++line) {
    out.lines.push_back(line_pits(s, line, joint, sides[line]));
    out.side_mined.push_back(std::move(sides[line]));
  }
  out.joint_mined = std::move(joint);
  out.destination = s.values.destination;
}

/// One pattern per [[pit.zone]] slope (index 0: the default pattern) and each block's pattern.
pit::ZonedPattern zoned_pattern(const BlockGrid& grid, const PitOptions& o,
                                std::vector<pit::Offset> base,
                                const std::vector<std::int64_t>& zone_ids) {
  pit::ZonedPattern zoned{grid.nx(), grid.ny(), grid.nz(), {}, {std::move(base)}};
  std::map<std::int64_t, std::int32_t> index;  // zone id -> pattern index
  for (const auto& [id, slope] : o.zone_slope_deg) {
    index[id] = static_cast<std::int32_t>(zoned.patterns.size());
    zoned.patterns.push_back(pit::minimum_search_pattern(slope, o.benches, block_size(grid)));
  }
  zoned.zone.resize(zone_ids.size(), 0);
  for (std::size_t b = 0; b < zone_ids.size(); ++b) {
    const auto it = index.find(zone_ids[b]);
    if (it != index.end()) zoned.zone[b] = it->second;
  }
  return zoned;
}

}  // namespace

const options::EnumNames<Straddling>& straddling_names() {
  static const options::EnumNames<Straddling> names{
      {{{"forbidden", {}, "only blocks wholly on its side"}, Straddling::forbidden},
       {{"majority", {}, "blocks more than half on its side"}, Straddling::majority},
       {{"shared", {}, "any part, value scaled by its fraction"}, Straddling::shared}}};
  return names;
}

BorderPits run_border_pits(const BlockGrid& grid, const std::vector<double>& grade_gpt,
                           const std::vector<double>& tonnes,
                           const std::vector<border::LineResult>& lines,
                           const economics::EconomicsOptions& economics, const PitOptions& o,
                           const std::vector<std::int64_t>* zone_ids) {
  BorderPits out;
  out.slope_deg = o.slope_deg;
  out.benches = o.benches;
  out.sectors = o.sectors;
  out.zone_slope_deg = o.zone_slope_deg;
  out.production_rates_t_per_y = o.production_rates_t_per_y;
  out.economics = economics_echo(economics);
  const Solve s = prepare(grid, grade_gpt, tonnes, lines, economics, o);
  out.marginal_cutoff_gpt = s.values.marginal_cutoff_gpt;
  out.breakeven_cutoff_gpt = s.values.breakeven_cutoff_gpt_top;
  std::vector<pit::Offset> base = default_pattern(grid, o, out);
  if (zone_ids == nullptr || o.zone_slope_deg.empty())
    solve_on(s, pit::RegularPattern{grid.nx(), grid.ny(), grid.nz(), std::move(base)}, out);
  else
    solve_on(s, zoned_pattern(grid, o, std::move(base), *zone_ids), out);
  return out;
}

std::vector<std::int64_t> block_zones(const blockmodel::BlockModel& model,
                                      const std::string& column, const InputLocation& where) {
  const auto& col = model.column(column);
  if (col.type == blockmodel::ColumnType::int64) return col.i64;
  std::vector<std::int64_t> zones;
  zones.reserve(col.f64.size());
  for (std::size_t b = 0; b < col.f64.size(); ++b) {
    const double z = col.f64[b];
    if (!std::isnan(z) && z != std::floor(z))
      throw Error("input.bad_zone",
                  fmt::format("block {} has zone {} in column '{}', expected a whole zone id", b, z,
                              column),
                  where);
    zones.push_back(std::isnan(z) ? blockmodel::kMissingInt : static_cast<std::int64_t>(z));
  }
  return zones;
}

}  // namespace lodeline::borderpit
