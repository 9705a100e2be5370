// SPDX-License-Identifier: Apache-2.0
// project.toml parsing with toml++; every value checked with its location.
#include "lodeline/config/project.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

#include "lodeline/border/option_table.hpp"
#include "lodeline/borderpit/option_table.hpp"
#include "lodeline/config/estimation_config.hpp"
#include "lodeline/config/project_tables.hpp"
#include "lodeline/config/project_uncertainty.hpp"
#include "lodeline/config/toml_reader.hpp"
#include "lodeline/economics/option_table.hpp"
#include "lodeline/io/json_file.hpp"
#include "lodeline/io/text_file.hpp"
#include "lodeline/options/bind.hpp"

namespace lodeline::config {

namespace {

/// The parsed document; a syntax error at its line:column.
toml::table parse_document(const std::string& text, const std::string& file) {
  try {
    return toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    std::string what(e.description());
    if (what.find("unescaped control characters") != std::string::npos)
      what = "string is not closed before the end of the line, expected a closing '\"'";
    throw Error("input.bad_toml", fmt::format("malformed TOML: {}", what),
                {file, static_cast<std::int64_t>(e.source().begin.line),
                 static_cast<std::int64_t>(e.source().begin.column)});
  }
}

/// What every section reader needs: the reader (locations) and the project file's folder.
struct Context {
  const TomlReader& r;
  std::filesystem::path base;
  [[nodiscard]] const std::string& file() const { return r.file(); }
  /// A path of the project file, relative to its folder.
  [[nodiscard]] std::filesystem::path resolve(const std::string& p) const {
    return p.empty() ? std::filesystem::path() : (base / p).lexically_normal();
  }
  [[nodiscard]] std::function<std::filesystem::path(const std::string&)> resolver() const {
    return [this](const std::string& p) { return resolve(p); };
  }
};

/// With [drillholes] the model is estimated on [model] grid, so [model] has no file and no
/// density column.
void check_estimated_model(const Context& c, const toml::table& model) {
  const auto& r = c.r;
  if (model.get("file"))
    throw Error("input.bad_option",
                "[model] file is given with [drillholes], expected one of them: the model is "
                "estimated from the drillholes on [model] grid",
                r.where(*model.get("file")));
  if (!model.get("grid"))
    throw Error(
        "input.missing_option",
        "[drillholes] needs the estimation grid, expected [model] grid = \"<grid JSON file>\"",
        r.where(model));
  if (model.get("density"))
    throw Error("input.bad_option",
                "[model] density names a column, but an estimated model has none, expected "
                "density_t_m3 = <t/m3>",
                r.where(*model.get("density")));
}

/// [model] grid: the grid JSON (needed by a CSV model and by an estimated one).
void read_model_grid(const Context& c, const toml::table& model, Project& pr) {
  if (!pr.grid_file.empty()) {
    pr.grid_file = c.resolve(pr.grid_file.string());
    const auto spec = io::read_grid_json(pr.grid_file.string());
    pr.grid = spec.grid;
    pr.grid_crs = spec.crs;
  } else if (!pr.estimation.enabled && pr.model_file.extension() == ".csv") {
    throw Error("input.missing_option",
                fmt::format("[model] file '{}' is a CSV block model without a grid, expected "
                            "grid = \"<grid JSON file>\"",
                            pr.model_file.string()),
                c.r.where(model));
  }
}

/// [model] and the estimation tables ([drillholes], [composite], [variogram], [estimate],
/// [[classification]]).
void read_model(const Context& c, const toml::table& root, Project& pr) {
  const auto& r = c.r;
  const auto* model = r.table(root, "model");
  if (!model)
    throw Error("input.missing_option", "missing table [model], expected the block model file",
                {c.file()});
  options::read_toml(*model, c.file(), {options::bind(model_table(), pr)});
  parse_estimation(root, r, c.resolver(), pr.estimation);
  if (pr.estimation.enabled) check_estimated_model(c, *model);
  if (!pr.estimation.enabled && pr.model_file.empty())
    throw Error("input.missing_option",
                "[model] has no 'file', expected the block model (.lbm or .csv), or a "
                "[drillholes] table to estimate it from",
                r.where(*model));
  read_model_grid(c, *model, pr);
  pr.model_file = c.resolve(pr.model_file.string());
  if (pr.density_column.empty() && !(pr.density_t_m3 > 0))
    throw Error("input.missing_option",
                "no density: give [model] density = \"<column>\" or density_t_m3 = <t/m3 > 0>",
                r.where(*model));
}

/// [economics] and its [economics.side."<name>"] tables (each over the project's economics).
void read_economics(const Context& c, const toml::table& root, Project& pr) {
  const auto& r = c.r;
  const auto* t = r.table(root, "economics");
  if (!t) return;
  options::read_toml(*t, c.file(), {options::bind(economics::economics_table(), pr.economics)},
                     {"side"});
  const toml::node* sides = t->get("side");
  if (!sides) return;
  if (!sides->is_table())
    throw Error("input.bad_option",
                "'side' is not a table, expected [economics.side.\"<side name>\"] tables",
                r.where(*sides));
  for (const auto& [name, node] : *sides->as_table()) {
    if (!node.is_table())
      throw Error("input.bad_option",
                  fmt::format("economics for side '{}' is not a table", name.str()), r.where(node));
    economics::EconomicsOptions e = pr.economics;
    options::read_toml(*node.as_table(), c.file(),
                       {options::bind(economics::economics_table(), e)});
    pr.pit.side_economics[std::string(name.str())] = e;
  }
}

/// The tables of an array (`sectors = [{...}]` or [[pit.zone]]), each checked to be a table.
std::vector<const toml::table*> tables_of(const TomlReader& r, const toml::node& n,
                                          const std::string& key, const std::string& expected) {
  const toml::array* a = n.as_array();
  if (!a)
    throw Error(
        "input.bad_option",
        fmt::format("'{}' is a TOML {}, expected {}", key, TomlReader::type_name(n), expected),
        r.where(n));
  std::vector<const toml::table*> out;
  for (const auto& e : *a) {
    if (!e.is_table())
      throw Error(
          "input.bad_option",
          fmt::format("'{}' holds a TOML {}, expected {}", key, TomlReader::type_name(e), expected),
          r.where(e));
    out.push_back(e.as_table());
  }
  return out;
}

/// [pit] sectors = [{from_deg, to_deg, slope_deg}, ...].
void read_pit_sectors(const TomlReader& r, const toml::node& n, borderpit::PitOptions& o) {
  for (const auto* t :
       tables_of(r, n, "sectors", "{from_deg = .., to_deg = .., slope_deg = ..} tables")) {
    pit::SlopeSector sector;
    options::read_toml(*t, r.file(), {options::bind(borderpit::sector_table(), sector)});
    o.sectors.push_back(sector);
  }
}

/// [[pit.zone]] id = .., slope_deg = .. (needs [pit] zone_column).
void read_pit_zones(const TomlReader& r, const toml::table& pit, const toml::node& n,
                    borderpit::PitOptions& o) {
  for (const auto* t : tables_of(r, n, "zone", "[[pit.zone]] tables")) {
    borderpit::SlopeZone zone;
    options::read_toml(*t, r.file(), {options::bind(borderpit::zone_table(), zone)});
    o.zone_slope_deg[zone.id] = zone.slope_deg;
  }
  if (o.zone_column.empty())
    throw Error("input.missing_option",
                "[[pit.zone]] given without 'zone_column', expected the model "
                "column holding each block's zone id",
                r.where(pit));
}

void read_pit(const Context& c, const toml::table& root, Project& pr) {
  const auto* t = c.r.table(root, "pit");
  if (!t) return;
  pr.has_pits = true;
  options::read_toml(*t, c.file(), {options::bind(borderpit::pit_table(), pr.pit)},
                     {"sectors", "zone"});
  if (const toml::node* n = t->get("sectors")) read_pit_sectors(c.r, *n, pr.pit);
  if (const toml::node* n = t->get("zone")) read_pit_zones(c.r, *t, *n, pr.pit);
}

/// The entries of an array of tables `key` ([[key]]), each checked to be a table.
std::vector<const toml::table*> table_array(const TomlReader& r, const toml::table& root,
                                            const char* key) {
  const toml::node* n = root.get(key);
  if (!n) return {};
  return tables_of(r, *n, key, fmt::format("[[{}]] tables", key));
}

/// Where side_a_contains / side_b_contains was given (for the check against the geometry).
void locate_side_points(const TomlReader& r, const toml::table& t, border::Scenario& s) {
  for (const char* key : {"side_a_contains", "side_b_contains"})
    if (const toml::node* n = t.get(key)) s.side_points_where = r.where(*n);
}

/// The line's file, unless [scenario.survey] draws the line from GPS fixes (then its order
/// file stands for it).
void resolve_line_file(const Context& c, const toml::table& t, const SurveySource& survey,
                       border::Scenario& s) {
  if (survey.given && t.get("file"))
    throw Error(
        "input.bad_option",
        fmt::format("scenario '{}' gives both 'file' and [scenario.survey], expected one: the "
                    "line is drawn from the GPS fixes",
                    s.name),
        c.r.where(*t.get("file")));
  if (!survey.given && s.file.empty())
    throw Error("input.missing_option",
                fmt::format("scenario '{}' has no 'file', expected the line's file or a "
                            "[scenario.survey] table",
                            s.name),
                c.r.where(t));
  s.file = survey.given ? survey.inputs.order_file : c.resolve(s.file).string();
}

ScenarioConfig read_scenario(const Context& c, const toml::table& t, std::set<std::string>& names) {
  const auto& r = c.r;
  border::Scenario s;
  options::read_toml(t, c.file(), {options::bind(border::scenario_table(), s)},
                     {"sd_m", "vertex_covariance_m2", "pillars", "survey"});
  if (!names.insert(s.name).second)
    throw Error("input.bad_option",
                fmt::format("scenario name '{}' is used twice, expected unique names", s.name),
                r.where(*t.get("name")));
  locate_side_points(r, t, s);
  SurveySource survey = read_survey_source(r, t, c.resolver());
  resolve_line_file(c, t, survey, s);
  LineUncertainty u = read_line_uncertainty(r, t, c.resolver());
  if (survey.given && !u.given) {
    u.given = u.from_survey = true;
    u.given_as = "pillar covariances from the GPS survey ([scenario.survey])";
    u.where = survey.where;
  }
  return {std::move(s), std::move(u), std::move(survey)};
}

/// Side economics and [pit] lines must name sides and lines the scenarios have.
void check_names(const Context& c, const toml::table& root, const Project& pr,
                 const std::set<std::string>& names) {
  for (const auto& [side, e] : pr.pit.side_economics) {
    bool used = false;
    for (const auto& sc : pr.scenarios)
      used = used || sc.scenario.side_a == side || sc.scenario.side_b == side;
    if (!used)
      throw Error("input.bad_option",
                  fmt::format("[economics.side.\"{}\"] names no side of any scenario, expected one "
                              "of the side_a / side_b names",
                              side),
                  c.r.where(*root.get("economics")));
  }
  for (const auto& l : pr.pit.lines)
    if (!names.count(l))
      throw Error("input.bad_option",
                  fmt::format("[pit] lines names '{}', expected one of the scenario names", l),
                  c.r.where(*root.get("pit")));
}

/// [project], [model] (and the estimation), [licence], [report], [economics], [pit].
void read_settings(const Context& c, const toml::table& root, Project& pr) {
  const auto& r = c.r;
  if (const auto* t = r.table(root, "project"))
    options::read_toml(*t, c.file(), {options::bind(project_table(), pr)});
  read_model(c, root, pr);
  if (const auto* t = r.table(root, "licence")) {
    options::read_toml(*t, c.file(), {options::bind(licence_table(), pr)});
    pr.licence_file = c.resolve(pr.licence_file.string());
  }
  if (const auto* t = r.table(root, "report"))
    options::read_toml(*t, c.file(), {options::bind(report_table(), pr)});
  pr.out_dir = c.resolve(pr.out_dir.string());
  read_economics(c, root, pr);
  read_pit(c, root, pr);
}

/// [[scenario]], [monte_carlo], [disputed], then the names the settings refer to.
void read_lines(const Context& c, const toml::table& root, Project& pr) {
  std::set<std::string> names;
  for (const auto* t : table_array(c.r, root, "scenario"))
    pr.scenarios.push_back(read_scenario(c, *t, names));
  if (const auto* t = c.r.table(root, "monte_carlo"))
    pr.monte_carlo = read_monte_carlo_table(c.r, *t);
  if (const auto* t = c.r.table(root, "disputed"))
    options::read_toml(*t, c.file(), {options::bind(disputed_table(), pr)});
  if (pr.scenarios.empty())
    throw Error("input.missing_option", "no [[scenario]] given, expected at least one line",
                {c.file()});
  check_names(c, root, pr, names);
}

}  // namespace

Project load_project(const std::filesystem::path& path) {
  const std::string file = path.string();
  const toml::table root = parse_document(io::read_text(path), file);
  const TomlReader r(file);
  const Context c{r, path.parent_path()};
  r.known_keys(root, "top level",
               {"project", "model", "licence", "report", "scenario", "claim", "economics", "pit",
                "monte_carlo", "disputed", "drillholes", "composite", "variogram", "estimate",
                "classification"});
  Project pr;
  pr.file = path;
  read_settings(c, root, pr);
  read_lines(c, root, pr);
  for (const auto* t : table_array(r, root, "claim")) {
    border::Claim claim;
    options::read_toml(*t, file, {options::bind(border::claim_table(), claim)});
    pr.claims.push_back(std::move(claim));
  }
  check_uncertainty_sections(pr, r, root);
  return pr;
}

}  // namespace lodeline::config
