// SPDX-License-Identifier: Apache-2.0
// Fuzz target: a precedence pattern (offsets) through pit::read_offsets.
#include "harness.hpp"
#include "lodeline/pit/precedence.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return lodeline::fuzz::run_reader(
      data, size, ".txt", [](const std::string& path) { (void)lodeline::pit::read_offsets(path); });
}
