// SPDX-License-Identifier: Apache-2.0
// Fuzz target: a variogram model (JSON) through variogram::read_model_file.
#include "harness.hpp"
#include "lodeline/variogram/model.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return lodeline::fuzz::run_reader(data, size, ".json", [](const std::string& path) {
    (void)lodeline::variogram::read_model_file(path);
  });
}
