// SPDX-License-Identifier: Apache-2.0
// Fuzz target: a pillar order list through survey::read_order.
#include "harness.hpp"
#include "lodeline/survey/survey.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return lodeline::fuzz::run_reader(data, size, ".txt", [](const std::string& path) {
    (void)lodeline::survey::read_order(path);
  });
}
