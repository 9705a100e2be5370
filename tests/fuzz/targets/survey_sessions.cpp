// SPDX-License-Identifier: Apache-2.0
// Fuzz target: an occupation sessions table (CSV) through survey::read_sessions.
#include "harness.hpp"
#include "lodeline/survey/survey.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return lodeline::fuzz::run_reader(data, size, ".csv", [](const std::string& path) {
    (void)lodeline::survey::read_sessions(path);
  });
}
