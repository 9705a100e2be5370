// SPDX-License-Identifier: Apache-2.0
// Fuzz target: variogram samples (CSV, value column "zinc", hole column "hole") through
// variogram::read_samples.
#include "harness.hpp"
#include "lodeline/variogram/experimental.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return lodeline::fuzz::run_reader(data, size, ".csv", [](const std::string& path) {
    (void)lodeline::variogram::read_samples(path, {"zinc", "hole"});
  });
}
