// SPDX-License-Identifier: Apache-2.0
// Fuzz target: the parameter document of `lodeline estimate` (JSON), read as the CLI reads it.
#include "harness.hpp"
#include "lodeline/io/json_file.hpp"
#include "lodeline/io/text_file.hpp"
#include "lodeline/kriging/params.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return lodeline::fuzz::run_reader(data, size, ".json", [](const std::string& path) {
    const std::string text = lodeline::io::read_text(path);
    const auto doc = lodeline::io::parse_json(text, path);
    (void)lodeline::kriging::params_from_json(doc, lodeline::io::json_text_locator(text, path));
  });
}
