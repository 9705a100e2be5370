// SPDX-License-Identifier: Apache-2.0
// `lodeline options [SECTION] [--json | --markdown]`: every option of every stage, from the
// stages' option tables (the same tables the project file, the JSON parameters and the flags
// are read with).
#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "cli.hpp"
#include "lodeline/border/claim_check.hpp"
#include "lodeline/border/option_table.hpp"
#include "lodeline/borderpit/option_table.hpp"
#include "lodeline/config/project.hpp"
#include "lodeline/config/project_tables.hpp"
#include "lodeline/core/error_codes.hpp"
#include "lodeline/drillhole/option_table.hpp"
#include "lodeline/economics/option_table.hpp"
#include "lodeline/estimation/option_table.hpp"
#include "lodeline/kriging/option_table.hpp"
#include "lodeline/options/bind.hpp"
#include "lodeline/survey/option_table.hpp"

namespace lodeline::cli {

std::vector<options::Binding> all_option_tables() {
  return {options::describe(config::project_table()),
          options::describe(config::report_table()),
          options::describe(config::model_table()),
          options::describe(config::licence_table()),
          options::describe(border::scenario_table()),
          options::describe(survey::survey_inputs_table()),
          options::describe(survey::survey_table()),
          options::describe(drillhole::drillhole_files_table()),
          options::describe(estimation::estimated_value_table()),
          options::describe(drillhole::drillholes_table()),
          options::describe(drillhole::desurvey_table()),
          options::describe(drillhole::columns_table()),
          options::describe(drillhole::composite_table()),
          options::describe(kriging::estimate_table()),
          options::describe(kriging::estimate_inputs_table()),
          options::describe(estimation::estimate_run_table()),
          options::describe(estimation::variogram_fit_table()),
          options::describe(estimation::class_rule_table()),
          options::describe(economics::economics_table()),
          options::describe(borderpit::pit_table()),
          options::describe(borderpit::sector_table()),
          options::describe(borderpit::zone_table()),
          options::describe(border::monte_carlo_table()),
          options::describe(config::disputed_table()),
          options::describe(border::claim_table())};
}

namespace {

std::vector<options::Binding> tables_of(const std::string& section) {
  std::vector<options::Binding> out;
  std::vector<std::string> sections;
  for (auto& b : all_option_tables()) {
    if (std::find(sections.begin(), sections.end(), b.section) == sections.end())
      sections.push_back(b.section);
    if (section.empty() || b.section == section) out.push_back(std::move(b));
  }
  if (out.empty()) {
    const std::string hint = options::closest(section, sections);
    throw Error("usage.bad_option",
                fmt::format("no option section '{}'{}, expected one of: {}", section,
                            hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint),
                            fmt::join(sections, ", ")));
  }
  return out;
}

void print_text(const options::Binding& b, std::ostream& out) {
  out << fmt::format("[{}] {}\n", b.section, b.title);
  for (std::size_t i = 0; i < b.specs.size(); ++i) {
    const auto& s = b.specs[i];
    out << fmt::format("  {:<18} --{:<22} {}{}\n", s.key, options::flag_name(s), s.help,
                       s.unit.empty() ? "" : fmt::format(" ({})", s.unit));
    out << fmt::format(
        "  {:<18}   expected {}; {}\n", "", options::expected_text(s),
        s.required ? std::string("required") : fmt::format("default {}", b.defaults[i]));
  }
}

}  // namespace

Action add_options_command(CLI::App& app) {
  struct Opts {
    std::string section;
    bool json = false, markdown = false;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("section", o->section,
                 "a project-file section, e.g. estimate, composite, pit (default: all)");
  auto* json = app.add_flag("--json", o->json, "JSON: key, flag, type, unit, default, help");
  app.add_flag("--markdown", o->markdown, "the Markdown tables generated into docs/")
      ->excludes(json);
  return [o](Context& ctx) {
    const auto tables = tables_of(o->section);
    if (o->json) {
      nlohmann::json list = nlohmann::json::array();
      for (const auto& b : tables) list.push_back(options::to_json(b));
      ctx.out << list.dump(2) << "\n";
      return;
    }
    for (std::size_t i = 0; i < tables.size(); ++i) {
      if (i > 0) ctx.out << "\n";
      if (o->markdown)
        ctx.out << fmt::format("**{}** (`[{}]`)\n\n", tables[i].title, tables[i].section)
                << options::to_markdown(tables[i]);
      else
        print_text(tables[i], ctx.out);
    }
  };
}

Action add_errors_command(CLI::App& app) {
  struct Opts {
    bool json = false, markdown = false;
  };
  auto o = std::make_shared<Opts>();
  auto* json = app.add_flag("--json", o->json, "JSON: code, exit_status, severity, summary");
  app.add_flag("--markdown", o->markdown, "the Markdown table generated into docs/errors.md")
      ->excludes(json);
  return [o](Context& ctx) {
    if (o->markdown) {
      ctx.out << error_codes_markdown();
      return;
    }
    nlohmann::json list = nlohmann::json::array();
    for (const auto& e : error_codes()) {
      if (!o->json) {
        ctx.out << fmt::format("{:<36} {:>2}  {:<7}  {}\n", e.code, exit_status(e.category),
                               severity_name(e.severity), e.summary);
        continue;
      }
      list.push_back({{"code", e.code},
                      {"exit_status", exit_status(e.category)},
                      {"severity", severity_name(e.severity)},
                      {"summary", e.summary}});
    }
    if (o->json) ctx.out << list.dump(2) << "\n";
  };
}

}  // namespace lodeline::cli
