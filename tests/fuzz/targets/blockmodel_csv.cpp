// SPDX-License-Identifier: Apache-2.0
// Fuzz target: a CSV block model through blockmodel::read_block_model_csv, on a 4 x 3 x 2 grid.
#include "harness.hpp"
#include "lodeline/blockmodel/block_model_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return lodeline::fuzz::run_reader(data, size, ".csv", [](const std::string& path) {
    lodeline::blockmodel::CsvModelOptions options;
    options.grid.origin_m = {500000, 4400000, 1000};
    options.grid.block_size_m = {10, 10, 10};
    options.grid.counts = {4, 3, 2};
    options.int_columns = {"ROCK"};
    (void)lodeline::blockmodel::read_block_model_csv(path, options);
  });
}
