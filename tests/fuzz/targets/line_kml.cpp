// SPDX-License-Identifier: Apache-2.0
// Fuzz target: a line file in KML through border::load_line (GDAL/OGR).
#include "line_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return lodeline::fuzz::read_line_file(data, size, ".kml");
}
