// SPDX-License-Identifier: Apache-2.0
// Block economics and cut-off grades (break-even: cost / (price x recovery x payability)).
#include "lodeline/economics/economics.hpp"

#include <fmt/format.h>

#include <cmath>

#include "lodeline/core/error.hpp"
#include "lodeline/core/units.hpp"

namespace lodeline::economics {
namespace {

void require(bool ok, const char* field, double value, const char* expected) {
  if (!ok)
    throw Error("input.bad_option",
                fmt::format("'{}' is {}, expected {}", field, value, expected));
}

}  // namespace

void EconomicsOptions::validate() const {
  require(price_usd_per_oz > 0 && std::isfinite(price_usd_per_oz), "price_usd_per_oz",
          price_usd_per_oz, "a price > 0");
  require(recovery_frac > 0 && recovery_frac <= 1, "recovery_frac", recovery_frac, "a fraction in (0, 1]");
  require(payability_frac > 0 && payability_frac <= 1, "payability_frac", payability_frac,
          "a fraction in (0, 1]");
  require(royalty_frac >= 0 && royalty_frac < 1, "royalty_frac", royalty_frac, "a fraction in [0, 1)");
  const std::pair<const char*, double> costs[] = {
      {"selling_cost_usd_per_oz", selling_cost_usd_per_oz},
      {"mining_cost_usd_per_t", mining_cost_usd_per_t},
      {"mining_cost_increase_usd_per_t_per_bench", mining_cost_increase_usd_per_t_per_bench},
      {"processing_cost_usd_per_t", processing_cost_usd_per_t},
      {"transport_cost_usd_per_t", transport_cost_usd_per_t}};
  for (const auto& [name, v] : costs) require(v >= 0 && std::isfinite(v), name, v, "a cost >= 0");
  require(net_usd_per_g_contained() > 0, "selling_cost_usd_per_oz", selling_cost_usd_per_oz,
          "a selling cost below the payable price");
}

double EconomicsOptions::net_usd_per_g_contained() const {
  const double per_oz = price_usd_per_oz * payability_frac - selling_cost_usd_per_oz;
  return recovery_frac * per_oz / units::kGramsPerTroyOunce * (1 - royalty_frac);
}

double EconomicsOptions::breakeven_cutoff_gpt(double mining_usd_per_t) const {
  return (mining_usd_per_t + processing_cost_usd_per_t + transport_cost_usd_per_t) /
         net_usd_per_g_contained();
}

double EconomicsOptions::marginal_cutoff_gpt() const {
  return (processing_cost_usd_per_t + transport_cost_usd_per_t) / net_usd_per_g_contained();
}

BlockValues block_values(const BlockGrid& grid, const std::vector<double>& grade_gpt,
                         const std::vector<double>& tonnes, const EconomicsOptions& o) {
  o.validate();
  const auto n = static_cast<std::size_t>(grid.block_count());
  BlockValues out;
  out.value_usd.assign(n, 0);
  out.revenue_usd.assign(n, 0);
  out.ore_cost_usd.assign(n, 0);
  out.mining_cost_usd.assign(n, 0);
  out.destination.assign(n, Destination::none);
  out.marginal_cutoff_gpt = o.marginal_cutoff_gpt();
  out.breakeven_cutoff_gpt_top = o.breakeven_cutoff_gpt(o.mining_cost_usd_per_t);
  const double net = o.net_usd_per_g_contained();
  const double ore_cost_per_t = o.processing_cost_usd_per_t + o.transport_cost_usd_per_t;
  for (std::size_t b = 0; b < n; ++b) {
    const double g = grade_gpt[b];
    if (std::isnan(g)) continue;
    const auto k = grid.ijk(static_cast<std::int64_t>(b))[2];
    const double mining_per_t =
        o.mining_cost_usd_per_t +
        o.mining_cost_increase_usd_per_t_per_bench * static_cast<double>(grid.nz() - 1 - k);
    const double t = tonnes[b];
    out.revenue_usd[b] = t * g * net;
    out.ore_cost_usd[b] = t * ore_cost_per_t;
    out.mining_cost_usd[b] = t * mining_per_t;
    const bool mill = g >= out.marginal_cutoff_gpt;
    out.destination[b] = mill ? Destination::mill : Destination::waste;
    out.value_usd[b] = (mill ? out.revenue_usd[b] - out.ore_cost_usd[b] : 0.0) - out.mining_cost_usd[b];
  }
  return out;
}

}  // namespace lodeline::economics
