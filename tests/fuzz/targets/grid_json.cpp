// SPDX-License-Identifier: Apache-2.0
// Fuzz target: a grid description (JSON) through io::read_grid_json.
#include "harness.hpp"
#include "lodeline/io/json_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return lodeline::fuzz::run_reader(data, size, ".json", [](const std::string& path) {
    (void)lodeline::io::read_grid_json(path);
  });
}
