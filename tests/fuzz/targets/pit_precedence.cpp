// SPDX-License-Identifier: Apache-2.0
// Fuzz target: an explicit precedence list over 16 blocks through pit::read_precedence.
#include "harness.hpp"
#include "lodeline/pit/precedence.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return lodeline::fuzz::run_reader(data, size, ".txt", [](const std::string& path) {
    (void)lodeline::pit::read_precedence(path, 16);
  });
}
