// SPDX-License-Identifier: Apache-2.0
// Fuzz target: pit block values, as a value list (pit::read_values) and as a regular
// 3 x 2 x 2 model (pit::read_regular_values).
#include "harness.hpp"
#include "lodeline/pit/precedence.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)lodeline::fuzz::run_reader(
      data, size, ".txt", [](const std::string& path) { (void)lodeline::pit::read_values(path); });
  return lodeline::fuzz::run_reader(data, size, ".txt", [](const std::string& path) {
    (void)lodeline::pit::read_regular_values(path, 3, 2, 2);
  });
}
