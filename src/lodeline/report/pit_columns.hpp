// SPDX-License-Identifier: Apache-2.0
// Which pits mine each block, and each pit's floor per column (shared by pit_surface.csv and
// the GIS outputs). Pits in order: joint, then side A and side B of each line with pits.
#pragma once

#include <cstdint>
#include <vector>

#include "lodeline/borderpit/border_pits.hpp"
#include "lodeline/core/block_grid.hpp"

namespace lodeline::report {

/// Per block: bit 0 the joint pit, bit 1 + 2 l + s side s of line l's pit.
std::vector<std::uint32_t> pit_membership(const borderpit::BorderPits& ps, std::size_t block_count);

/// Per column and pit ([column * npits + pit]): the lowest mined bench k, -1 where that pit
/// does not reach the column.
std::vector<std::int64_t> lowest_mined_k(const BlockGrid& g, std::size_t npits,
                                         const std::vector<std::uint32_t>& in_pit);

}  // namespace lodeline::report
