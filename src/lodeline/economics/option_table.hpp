// SPDX-License-Identifier: Apache-2.0
// The economics options, declared once: [economics] and [economics.side."<name>"] of a project,
// `lodeline options economics` and the generated docs.
#pragma once

#include "lodeline/economics/economics.hpp"
#include "lodeline/options/table.hpp"

namespace lodeline::economics {

[[nodiscard]] const options::Table<EconomicsOptions>& economics_table();

}  // namespace lodeline::economics
