// SPDX-License-Identifier: Apache-2.0
// The economics option table.
#include "lodeline/economics/option_table.hpp"

namespace lodeline::economics {

namespace {

using options::Kind;
using options::Spec;

Spec money(std::string key, std::string unit, std::string help) {
  Spec s = options::spec(std::move(key), Kind::number, std::move(help));
  s.unit = std::move(unit);
  s.min = 0;
  return s;
}

Spec fraction(std::string key, std::string help, bool zero_ok) {
  Spec s = options::spec(std::move(key), Kind::number, std::move(help));
  s.min = 0;
  s.min_open = !zero_ok;
  s.max = 1;
  s.max_open = zero_ok;  // royalty in [0, 1), recovery and payability in (0, 1]
  return s;
}

}  // namespace

const options::Table<EconomicsOptions>& economics_table() {
  using E = EconomicsOptions;
  static const options::Table<E> table = [] {
    Spec price = money("price_usd_per_oz", "USD/oz", "metal price (troy ounce)");
    price.min_open = true;
    return options::Table<E>{
        "economics",
        "Economics (block values for the pits)",
        {options::member<E>(
             price, [](auto& e) -> auto& { return e.price_usd_per_oz; }),
         options::member<E>(
             fraction("recovery_frac", "metallurgical recovery", false),
             [](auto& e) -> auto& { return e.recovery_frac; }),
         options::member<E>(
             fraction("payability_frac", "share of recovered metal paid by the refiner", false),
             [](auto& e) -> auto& { return e.payability_frac; }),
         options::member<E>(
             money("selling_cost_usd_per_oz", "USD/oz",
                   "refining, freight and selling, per payable ounce"),
             [](auto& e) -> auto& { return e.selling_cost_usd_per_oz; }),
         options::member<E>(
             fraction("royalty_frac", "royalty, of net revenue", true),
             [](auto& e) -> auto& { return e.royalty_frac; }),
         options::member<E>(
             money("mining_cost_usd_per_t", "USD/t", "mining cost at the top bench"),
             [](auto& e) -> auto& { return e.mining_cost_usd_per_t; }),
         options::member<E>(
             money("mining_cost_increase_usd_per_t_per_bench", "USD/t",
                   "mining cost added per bench below the top"),
             [](auto& e) -> auto& { return e.mining_cost_increase_usd_per_t_per_bench; }),
         options::member<E>(
             money("processing_cost_usd_per_t", "USD/t", "processing cost"),
             [](auto& e) -> auto& { return e.processing_cost_usd_per_t; }),
         options::member<E>(
             money("transport_cost_usd_per_t", "USD/t", "ore to the plant"),
             [](auto& e) -> auto& { return e.transport_cost_usd_per_t; })},
        {{"selling_cost_usd_per_oz", [](const E& e) -> std::optional<std::string> {
            if (e.net_usd_per_g_contained() > 0) return std::nullopt;
            return std::string(
                "'selling_cost_usd_per_oz' leaves no net revenue, expected a selling cost below "
                "the payable price (price_usd_per_oz x payability_frac)");
          }}}};
  }();
  return table;
}

}  // namespace lodeline::economics
