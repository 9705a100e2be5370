// SPDX-License-Identifier: Apache-2.0
// The [pit] option table.
#include "lodeline/borderpit/option_table.hpp"

#include <fmt/format.h>

namespace lodeline::borderpit {

using options::bounded;
using options::Kind;
using options::positive_list;
using options::Spec;

namespace {

std::optional<std::string> revenue_factors_rising(const PitOptions& o) {
  const auto& f = o.revenue_factors;
  for (std::size_t k = 1; k < f.size(); ++k)
    if (!(f[k] > f[k - 1]))
      return fmt::format(
          "'revenue_factors' holds {} after {}, expected strictly increasing "
          "factors",
          f[k], f[k - 1]);
  return std::nullopt;
}

}  // namespace

const options::Table<PitOptions>& pit_table() {
  using O = PitOptions;
  static const options::Table<O> table = [] {
    Spec slope = bounded("slope_deg", Kind::number, "overall slope angle of the pit walls", 0, 90);
    slope.unit = "deg";
    slope.min_open = slope.max_open = true;
    Spec straddling =
        options::spec("straddling", Kind::choice, "what a side may mine of a block the line cuts");
    Spec zone = options::spec("zone_column", Kind::text,
                              "model column holding each block's slope zone id ([[pit.zone]])");
    zone.default_text = "none";
    return options::Table<O>{
        "pit",
        "Pits (joint and per side)",
        {options::member<O>(
             slope, [](auto& o) -> auto& { return o.slope_deg; }),
         options::member<O>(
             bounded("benches", Kind::whole,
                     "benches the slope pattern reaches down (minimum search)", 1, 100),
             [](auto& o) -> auto& { return o.benches; }),
         options::enumerated<O>(
             straddling, straddling_names(), [](auto& o) -> auto& { return o.straddling; }),
         options::member<O>(
             positive_list("production_rates_t_per_y", "t/y",
                           "mine lives are reported at these ore rates"),
             [](auto& o) -> auto& { return o.production_rates_t_per_y; }),
         options::member<O>(
             positive_list("revenue_factors", "",
                           "nested pits of the joint case (pit-by-pit table)"),
             [](auto& o) -> auto& { return o.revenue_factors; }),
         options::member<O>(
             zone, [](auto& o) -> auto& { return o.zone_column; })},
        {{"revenue_factors", revenue_factors_rising}}};
  }();
  return table;
}

}  // namespace lodeline::borderpit
