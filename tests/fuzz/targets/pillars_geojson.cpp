// SPDX-License-Identifier: Apache-2.0
// Fuzz target: the pillars of a surveyed line (GeoJSON) through border::read_pillar_errors,
// against the line (0,0) (-1,50) (0,100).
#include "harness.hpp"
#include "lodeline/border/pillars.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return lodeline::fuzz::run_reader(data, size, ".geojson", [](const std::string& path) {
    const lodeline::Polyline line{{0, 0}, {-1, 50}, {0, 100}};
    (void)lodeline::border::read_pillar_errors(path, line);
  });
}
