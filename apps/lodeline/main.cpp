// SPDX-License-Identifier: Apache-2.0
// The lodeline binary: hands its arguments to run_cli.
#include <iostream>

#include "cli.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return lodeline::cli::run_cli(args, std::cout, std::cerr);
}
