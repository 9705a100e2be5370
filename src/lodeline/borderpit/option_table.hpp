// SPDX-License-Identifier: Apache-2.0
// [pit]: every option of the border pits, declared once (options/table.hpp).
#pragma once

#include "lodeline/borderpit/border_pits.hpp"
#include "lodeline/options/table.hpp"

namespace lodeline::borderpit {

/// [pit]: slope, benches, straddling rule, production rates, revenue factors, zone column and
/// the lines whose pits are solved (sectors and zones: sector_table, zone_table).
[[nodiscard]] const options::Table<PitOptions>& pit_table();

/// [pit] sectors = [{from_deg, to_deg, slope_deg}, ...]: one slope per azimuth sector (the
/// sectors' coverage of [0, 360) is checked by the pit stage).
[[nodiscard]] const options::Table<pit::SlopeSector>& sector_table();

/// One [[pit.zone]]: the slope of the blocks whose zone_column holds `id`.
struct SlopeZone {
  std::int64_t id = 0;
  double slope_deg = 45;
};
[[nodiscard]] const options::Table<SlopeZone>& zone_table();

}  // namespace lodeline::borderpit
