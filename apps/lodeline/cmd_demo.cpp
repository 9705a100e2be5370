// SPDX-License-Identifier: Apache-2.0
// `lodeline demo`: build the synthetic deposit, write its project, run it.
#include <fmt/format.h>

#include "cli.hpp"
#include "lodeline/demo/demo.hpp"
#include "lodeline/pipeline/run.hpp"
#include "lodeline/report/resource_report.hpp"

namespace lodeline::cli {

Action add_demo_command(CLI::App& app) {
  auto dir = std::make_shared<std::string>("lodeline-demo");
  auto seed = std::make_shared<std::uint64_t>(20201110);
  app.add_option("--out", *dir, "folder for the demo project and its report")
      ->capture_default_str();
  app.add_option("--seed", *seed, "random seed of the synthetic deposit")->capture_default_str();
  return [dir, seed](Context& ctx) {
    const auto deposit = demo::make_demo_deposit(*seed);
    const auto project_file = demo::write_demo_project(*dir, deposit, *seed);
    const auto project = config::load_project(project_file);
    const auto result = pipeline::run_project(project);
    report::write_reports(project.out_dir, result);
    print_warnings(result, project.out_dir / "report.md", ctx.err);
    print_summary(result, ctx.out);
    ctx.out << "project: " << project_file.string() << "\n"
            << "report:  " << (project.out_dir / "report.md").string() << " (and report.json, "
            << "blocks.csv, layers.gpkg, columns.tif, territories.geojson, manifest.json)\n";
  };
}

}  // namespace lodeline::cli
