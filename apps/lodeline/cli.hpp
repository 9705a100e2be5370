// SPDX-License-Identifier: Apache-2.0
// The lodeline command line as a library function, tested in-process.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "lodeline/report/resource_report.hpp"

namespace lodeline::cli {

/// Runs the command line `args` (without the program name); returns the exit status
/// (0 ok, 2 usage, 3 input, 4 CRS/geometry, 5 numeric, 6 I/O, 70 internal).
int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

/// Each subcommand registers its options and returns the action to run when chosen.
struct Context {
  std::ostream& out;
  std::ostream& err;
  int threads = 0;
};
using Action = std::function<void(Context&)>;
Action add_split_command(CLI::App& app);
Action add_run_command(CLI::App& app);
Action add_check_command(CLI::App& app);
Action add_demo_command(CLI::App& app);

/// One line per scenario with its shares by measure (used by run and demo).
void print_summary(const pipeline::RunResult& result, std::ostream& out);
/// The run's warnings on stderr too (notes stay in the report): the first ten, then a count
/// naming `report` (used by run and demo).
void print_warnings(const pipeline::RunResult& result, const std::filesystem::path& report,
                    std::ostream& err);
Action add_pit_command(CLI::App& app);
Action add_drillholes_command(CLI::App& app);
Action add_variogram_command(CLI::App& app);
Action add_survey_command(CLI::App& app);
Action add_estimate_command(CLI::App& app);
Action add_options_command(CLI::App& app);
Action add_errors_command(CLI::App& app);
Action add_verify_command(CLI::App& app);

}  // namespace lodeline::cli
