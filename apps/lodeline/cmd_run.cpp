// SPDX-License-Identifier: Apache-2.0
// `lodeline run` and `lodeline check`: a project file through the pipeline.
#include <fmt/format.h>

#include "cli.hpp"
#include "lodeline/pipeline/run.hpp"

namespace lodeline::cli {

void print_summary(const pipeline::RunResult& r, std::ostream& out) {
  if (r.synthetic) out << "SYNTHETIC DATA (lodeline demo)\n";
  const auto& t = r.total.by_cutoff.front();
  out << fmt::format("total above {} g/t: {:.3f} Mt at {:.3f} g/t, {:.3f} t gold\n", t.cutoff_gpt,
                     t.ore_t / 1e6, t.grade_gpt(), t.metal_g / 1e6);
  for (const auto& s : r.scenarios) {
    out << fmt::format("line '{}' ({}):", s.scenario.name, s.scenario.kind);
    for (const auto m : border::kShareMeasures) {
      const auto sh = border::shares_pct(s, m, r.has_licence());
      if (!std::isnan(sh[0]))
        out << fmt::format(" {} {:.1f}/{:.1f}", border::share_measure_names().name(m), sh[0],
                           sh[1]);
    }
    out << fmt::format("  ({} / {})\n", s.scenario.side_a, s.scenario.side_b);
  }
}

void print_warnings(const pipeline::RunResult& r, const std::filesystem::path& report,
                    std::ostream& err) {
  constexpr std::size_t kShown = 10;
  std::size_t warnings = 0;
  for (const auto& d : r.diagnostics) {
    if (d.level != Diagnostic::Level::warning) continue;
    if (++warnings <= kShown) err << d.formatted() << "\n";
  }
  if (warnings > kShown)
    err << fmt::format("... and {} more warnings in {}\n", warnings - kShown, report.string());
}

Action add_run_command(CLI::App& app) {
  auto path = std::make_shared<std::string>();
  auto out_dir = std::make_shared<std::string>();
  app.add_option("project", *path, "project file (TOML)")->required();
  app.add_option("--out", *out_dir, "output folder (default: [report] out in the project)");
  return [path, out_dir](Context& ctx) {
    auto project = config::load_project(*path);
    if (!out_dir->empty()) project.out_dir = *out_dir;
    const auto result = pipeline::run_project(project);
    report::write_reports(project.out_dir, result);
    print_warnings(result, project.out_dir / "report.md", ctx.err);
    print_summary(result, ctx.out);
    ctx.out << "report: " << (project.out_dir / "report.md").string() << "\n";
  };
}

Action add_check_command(CLI::App& app) {
  auto path = std::make_shared<std::string>();
  app.add_option("project", *path, "project file (TOML)")->required();
  return [path](Context& ctx) {
    const auto project = config::load_project(*path);
    const auto plan = pipeline::plan_project(project);
    const auto findings = plan.findings();
    std::size_t warnings = 0;
    for (const auto& d : findings) {
      ctx.err << d.formatted() << "\n";
      warnings += d.level == Diagnostic::Level::warning ? 1 : 0;
    }
    ctx.out << fmt::format("{}: inputs valid ({} lines, {} warnings, {} notes)\n", *path,
                           project.scenarios.size(), warnings, findings.size() - warnings);
  };
}

}  // namespace lodeline::cli
