// SPDX-License-Identifier: Apache-2.0
// Fuzz target: a project file (TOML) through config::load_project. The files it names do not
// exist next to it: load_project only parses and checks the document.
#include "harness.hpp"
#include "lodeline/config/project.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return lodeline::fuzz::run_reader(data, size, ".toml", [](const std::string& path) {
    (void)lodeline::config::load_project(path);
  });
}
