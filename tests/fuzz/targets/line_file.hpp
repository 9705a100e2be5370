// SPDX-License-Identifier: Apache-2.0
// The line fuzz targets: a scenario's line file read through GDAL/OGR by border::load_line.
#pragma once

#include <string>
#include <string_view>

#include "harness.hpp"
#include "lodeline/border/scenario.hpp"
#include "lodeline/core/diagnostics.hpp"

namespace lodeline::fuzz {

/// border::load_line on the input saved with `suffix` (".geojson", ".wkt", ".kml"), brought
/// into UTM 38N as a project would (a WKT line, which declares no CRS, is taken to be in it).
inline int read_line_file(const std::uint8_t* data, std::size_t size, std::string_view suffix) {
  return run_reader(data, size, suffix, [](const std::string& path) {
    border::Scenario scenario;
    scenario.name = "fuzz";
    scenario.file = path;
    Diagnostics diagnostics;
    border::load_line(scenario, "EPSG:32638", diagnostics);
  });
}

}  // namespace lodeline::fuzz
