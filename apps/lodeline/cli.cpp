// SPDX-License-Identifier: Apache-2.0
// Argument parsing, dispatch and the one place errors become messages and exit statuses.
#include "cli.hpp"

#include <fmt/format.h>

#include <sstream>

#include "lodeline/core/error.hpp"
#include "lodeline/core/memory.hpp"
#include "lodeline/pipeline/run.hpp"

namespace lodeline::cli {
namespace {

std::uint64_t memory_budget_from_flag(const std::string& text) {
  if (const auto bytes = parse_memory_size(text)) return *bytes;
  throw Error("usage.bad_argument",
              fmt::format("--max-memory is '{}', expected a size such as 8G, 512M or 60%", text));
}

/// Every subcommand, registered on `app`, with the action it runs when chosen.
std::vector<std::pair<CLI::App*, Action>> add_commands(CLI::App& app) {
  std::vector<std::pair<CLI::App*, Action>> commands;
  auto add = [&](const char* name, const char* help, Action (*make)(CLI::App&)) {
    CLI::App* sub = app.add_subcommand(name, help);
    commands.emplace_back(sub, make(*sub));
  };
  add("demo",
      "build the synthetic straddling deposit, run the whole pipeline, print the report path",
      add_demo_command);
  add("run", "run a project file: split every line, write the report", add_run_command);
  add("check", "validate a project's inputs (model, licence, lines, CRS) without running",
      add_check_command);
  add("split",
      "exact fraction of every block column left of a line (stable CLI for outside checks)",
      add_split_command);
  add("pit", "ultimate pit (maximum-weight closure) of an explicit or regular block model",
      add_pit_command);
  add("drillholes", "validate collar/survey/interval tables, desurvey, composite; write traces",
      add_drillholes_command);
  add("variogram",
      "experimental variograms of a sample file (omni, directional, down-hole), "
      "optionally a fitted model; every pair of samples is visited, so the time grows with the "
      "square of the sample count",
      add_variogram_command);
  add("survey", "GPS fixes of pillars -> the surveyed line (GeoJSON) and a survey report",
      add_survey_command);
  add("estimate", "kriging (ok, sk; point or block), IDW or nearest neighbour at target points",
      add_estimate_command);
  add("verify", "check that a run folder holds the complete set of files its manifest lists",
      add_verify_command);
  add("options", "every option of every stage: key, flag, unit, default, help (--json)",
      add_options_command);
  add("errors", "every error, warning and note code: exit status and meaning (--json)",
      add_errors_command);
  return commands;
}

}  // namespace

int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app{
      "lodeline: how much of a deposit lies on each side of a border line, under each claimed\n"
      "line, by area, ore, metal and value. Side A of a line is the LEFT of the line walked from\n"
      "its first to its last vertex."};
  app.name("lodeline");
  app.set_version_flag("--version", std::string("lodeline ") + LODELINE_VERSION);
  app.require_subcommand(1);
  int threads = 0;
  app.add_option("--threads", threads,
                 "worker threads (0 = all cores); outputs do not depend on it")
      ->check(CLI::Range(0, 1024))
      ->capture_default_str();
  std::string max_memory;
  app.add_option("--max-memory", max_memory,
                 "memory budget: a job estimated to need more is refused before it allocates "
                 "(e.g. 8G, 512M, 60%; default 80% of the memory this process may use)");
  const auto commands = add_commands(app);

  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {  // --help, --version
      std::ostringstream help;
      app.exit(e, help, help);
      out << help.str();
      return 0;
    }
    err << "error[usage.bad_argument]: " << e.what() << "\n"
        << "run 'lodeline --help' or 'lodeline <command> --help' for usage\n";
    return exit_status(ErrorCategory::usage);
  }
  Context ctx{out, err, threads};
  try {
    set_memory_budget(max_memory.empty() ? 0 : memory_budget_from_flag(max_memory));
    pipeline::ThreadScope scope(threads);
    for (const auto& [sub, action] : commands)
      if (sub->parsed()) action(ctx);
    return 0;
  } catch (const Error& e) {
    err << e.formatted() << "\n";
    return exit_status(e.category());
  } catch (const std::bad_alloc&) {
    err << "error[internal.out_of_memory]: out of memory\n";
    return exit_status(ErrorCategory::internal);
  } catch (const std::exception& e) {
    err << "error[internal.unexpected]: " << e.what() << "\n";
    return exit_status(ErrorCategory::internal);
  }
}

}  // namespace lodeline::cli
