// SPDX-License-Identifier: Apache-2.0
// [pit]: every option of the border pits, declared once (options/table.hpp).
#pragma once

#include "lodeline/borderpit/border_pits.hpp"
#include "lodeline/options/table.hpp"

namespace lodeline::borderpit {

/// [pit]: slope, benches, straddling rule, production rates, revenue factors, zone column
/// (lines, sectors and zones are read with the project).
[[nodiscard]] const options::Table<PitOptions>& pit_table();

}  // namespace lodeline::borderpit
