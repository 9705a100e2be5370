// SPDX-License-Identifier: Apache-2.0
// The in-process CLI runner shared by the CLI contract tests.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "cli.hpp"

namespace lodeline::test {

struct CliResult {
  int rc;
  std::string out, err;
};

/// Runs `lodeline ARGS...` in-process and captures exit status, stdout and stderr.
inline CliResult run_lodeline(const std::vector<std::string>& args) {
  std::ostringstream o, e;
  const int rc = lodeline::cli::run_cli(args, o, e);
  return {rc, o.str(), e.str()};
}

}  // namespace lodeline::test
