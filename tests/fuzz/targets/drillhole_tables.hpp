// SPDX-License-Identifier: Apache-2.0
// The drillhole fuzz targets: one fuzzed table read with two small valid companion tables.
#pragma once

#include <string>
#include <string_view>

#include "harness.hpp"
#include "lodeline/core/diagnostics.hpp"
#include "lodeline/drillhole/database.hpp"

namespace lodeline::fuzz {

enum class DrillholeTable { collars, surveys, assays };

/// read_drillholes with `table` read from the fuzzer's input and the others from fixed files.
inline int read_drillhole_table(const std::uint8_t* data, std::size_t size, DrillholeTable table) {
  const std::string collars = fixed_file("collars.csv",
                                         "hole_id,x,y,z,depth\n"
                                         "DH1,100,200,300,50\n"
                                         "DH2,110,200,300,40\n");
  const std::string surveys = fixed_file("surveys.csv",
                                         "hole_id,depth,azimuth,dip\n"
                                         "DH1,0,90,-60\n"
                                         "DH1,30,92,-58\n"
                                         "DH2,0,0,-90\n");
  const std::string assays = fixed_file("assays.csv",
                                        "hole_id,from,to,au\n"
                                        "DH1,0,2,1.5\n"
                                        "DH1,2,4,-99\n"
                                        "DH2,0,3,0.7\n");
  return run_reader(data, size, ".csv", [&](const std::string& input) {
    drillhole::DrillholeOptions options;
    Diagnostics diagnostics;
    (void)drillhole::read_drillholes(table == DrillholeTable::collars ? input : collars,
                                     table == DrillholeTable::surveys ? input : surveys,
                                     table == DrillholeTable::assays ? input : assays, options,
                                     diagnostics);
  });
}

}  // namespace lodeline::fuzz
