// SPDX-License-Identifier: Apache-2.0
// Fuzz target: a binary block model (.lbm) through blockmodel::read_block_model_binary.
#include "harness.hpp"
#include "lodeline/blockmodel/block_model_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return lodeline::fuzz::run_reader(data, size, ".lbm", [](const std::string& path) {
    (void)lodeline::blockmodel::read_block_model_binary(path);
  });
}
