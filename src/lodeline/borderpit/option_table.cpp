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

/// An overall slope angle in (0, 90) degrees.
Spec slope_angle(std::string help) {
  Spec s = bounded("slope_deg", Kind::number, std::move(help), 0, 90);
  s.unit = "deg";
  s.min_open = s.max_open = true;
  return s;
}

Spec azimuth(std::string key, std::string help) {
  Spec s = bounded(std::move(key), Kind::number, std::move(help), 0, 360);
  s.unit = "deg";
  s.required = true;
  return s;
}

}  // namespace

const options::Table<pit::SlopeSector>& sector_table() {
  using O = pit::SlopeSector;
  static const options::Table<O> table = [] {
    Spec slope = slope_angle("overall slope angle of the walls facing this sector");
    slope.required = true;
    return options::Table<O>{
        "pit.sectors",
        "Slope sectors ([pit] sectors = [{...}, ...])",
        {options::member<O>(
             azimuth("from_deg", "azimuth where the sector starts (clockwise from north)"),
             [](auto& o) -> auto& { return o.azimuth_from_deg; }),
         options::member<O>(
             azimuth("to_deg", "azimuth where the sector ends (clockwise from north)"),
             [](auto& o) -> auto& { return o.azimuth_to_deg; }),
         options::member<O>(
             slope, [](auto& o) -> auto& { return o.slope_deg; })},
        {}};
  }();
  return table;
}

const options::Table<SlopeZone>& zone_table() {
  using O = SlopeZone;
  static const options::Table<O> table = [] {
    Spec id = options::spec("id", Kind::whole, "zone id as held in [pit] zone_column");
    id.required = true;
    Spec slope = slope_angle("overall slope angle of the zone's walls");
    slope.required = true;
    return options::Table<O>{"pit.zone",
                             "Slope zones ([[pit.zone]], one table per zone)",
                             {options::member<O>(
                                  id, [](auto& o) -> auto& { return o.id; }),
                              options::member<O>(
                                  slope, [](auto& o) -> auto& { return o.slope_deg; })},
                             {}};
  }();
  return table;
}

const options::Table<PitOptions>& pit_table() {
  using O = PitOptions;
  static const options::Table<O> table = [] {
    Spec slope = slope_angle("overall slope angle of the pit walls");
    slope.flag_aliases = {"slope"};  // `lodeline pit --slope`, as before
    Spec straddling =
        options::spec("straddling", Kind::choice, "what a side may mine of a block the line cuts");
    Spec zone = options::spec("zone_column", Kind::text,
                              "model column holding each block's slope zone id ([[pit.zone]])");
    zone.default_text = "none";
    Spec lines = options::name_list("lines", "scenario names whose pits are solved");
    lines.default_text = "every line";
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
             zone, [](auto& o) -> auto& { return o.zone_column; }),
         options::member<O>(
             lines, [](auto& o) -> auto& { return o.lines; })},
        {{"revenue_factors", revenue_factors_rising}}};
  }();
  return table;
}

}  // namespace lodeline::borderpit
