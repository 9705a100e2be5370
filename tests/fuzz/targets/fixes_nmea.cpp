// SPDX-License-Identifier: Apache-2.0
// Fuzz target: GPS fixes, NMEA 0183 sentences, through survey::read_fix_file.
#include "harness.hpp"
#include "lodeline/survey/survey.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return lodeline::fuzz::run_reader(data, size, ".nmea", [](const std::string& path) {
    (void)lodeline::survey::read_fix_file(path, lodeline::survey::SurveyOptions{});
  });
}
