// SPDX-License-Identifier: Apache-2.0
// Fuzz target: the drillhole assays table (CSV) through drillhole::read_drillholes.
#include "drillhole_tables.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return lodeline::fuzz::read_drillhole_table(data, size, lodeline::fuzz::DrillholeTable::assays);
}
