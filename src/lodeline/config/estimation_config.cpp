// SPDX-License-Identifier: Apache-2.0
// The estimation tables of project.toml.
#include "lodeline/config/estimation_config.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>

#include "lodeline/drillhole/option_table.hpp"
#include "lodeline/estimation/option_table.hpp"
#include "lodeline/kriging/option_table.hpp"
#include "lodeline/options/bind.hpp"

namespace lodeline::config {
namespace {

using estimation::ClassRule;
using estimation::EstimationConfig;

InputLocation at(const TomlReader& r, const toml::table& t, const char* key) {
  const toml::node* n = t.get(key);
  return n ? r.where(*n) : r.where(t);
}

/// [composite.topcut] COLUMN = CAP, one key per capped column (checked by the composite stage,
/// located here).
void parse_topcuts(const toml::table& caps, const TomlReader& r, drillhole::CompositeOptions& o) {
  for (const auto& [k, v] : caps) {
    const std::string column(k.str());
    if (!v.is_number())
      throw Error("input.bad_option",
                  fmt::format("top-cut of '{}' is a TOML {}, expected a cap > 0 (a number)", column,
                              TomlReader::type_name(v)),
                  r.where(v));
    const drillhole::TopCut cut{column, *v.value<double>()};
    drillhole::CompositeOptions one;
    one.topcuts = {cut};
    try {
      one.validate({column});
    } catch (const Error& e) {
      throw Error(e.code(), e.message(), r.where(v));
    }
    o.topcuts.push_back(cut);
  }
}

void parse_drillholes(const toml::table& t, const TomlReader& r,
                      const std::function<std::filesystem::path(const std::string&)>& resolve,
                      EstimationConfig& c) {
  options::read_toml(t, r.file(),
                     {options::bind(drillhole::drillhole_files_table(), c.files),
                      options::bind(drillhole::drillholes_table(), c.drillholes),
                      options::bind(drillhole::desurvey_table(), c.desurvey),
                      options::bind(estimation::estimated_value_table(), c)},
                     {"columns"});
  for (auto* file : {&c.files.collars, &c.files.surveys, &c.files.assays})
    *file = resolve(*file).string();
  c.drillholes.value_columns = {c.value};
  if (const auto* cols = r.table(t, "columns"))
    options::read_toml(*cols, r.file(),
                       {options::bind(drillhole::columns_table(), c.drillholes.columns)});
  try {
    c.drillholes.validate();
  } catch (Error& e) {
    throw Error(e.code(), e.message(), r.where(t));
  }
}

void parse_composite(const toml::table& t, const TomlReader& r, EstimationConfig& c) {
  options::read_toml(t, r.file(), {options::bind(drillhole::composite_table(), c.composite)},
                     {"topcut"});
  if (const auto* caps = r.table(t, "topcut")) parse_topcuts(*caps, r, c.composite);
}

void parse_variogram(const toml::table& t, const TomlReader& r,
                     const std::function<std::filesystem::path(const std::string&)>& resolve,
                     EstimationConfig& c) {
  options::read_toml(t, r.file(), {options::bind(estimation::variogram_fit_table(), c)});
  c.variogram_file = resolve(c.variogram_file.string());
}

void parse_estimate(const toml::table& t, const TomlReader& r,
                    const std::function<std::filesystem::path(const std::string&)>& resolve,
                    EstimationConfig& c) {
  options::read_toml(t, r.file(),
                     {options::bind(kriging::estimate_table(), c.estimate),
                      options::bind(estimation::estimate_run_table(), c)});
  if (c.estimate.block && c.estimate.block->discretization[2] == 0)
    throw Error("input.bad_option",
                "'discretization' has 2 values, expected [nx, ny, nz] for the 3D block model",
                at(r, t, "discretization"));
  if (!c.truth_file.empty()) c.truth_file = resolve(c.truth_file.string());
}

void parse_classes(const toml::node& node, const TomlReader& r, EstimationConfig& c) {
  const toml::array* a = node.as_array();
  if (!a)
    throw Error("input.bad_option",
                "'classification' is not an array of tables, expected [[classification]]",
                r.where(node));
  for (const auto& item : *a) {
    const toml::table* t = item.as_table();
    if (!t)
      throw Error("input.bad_option", "[[classification]] entry is not a table", r.where(item));
    ClassRule rule;
    options::read_toml(*t, r.file(), {options::bind(estimation::class_rule_table(), rule)});
    for (const auto& other : c.classes)
      if (other.name == rule.name)
        throw Error(
            "input.bad_option",
            fmt::format("class '{}' is defined twice, expected one rule per class", rule.name),
            at(r, *t, "class"));
    c.classes.push_back(rule);
  }
}

}  // namespace

void parse_estimation(const toml::table& root, const TomlReader& r,
                      const std::function<std::filesystem::path(const std::string&)>& resolve,
                      EstimationConfig& c) {
  const auto* dh = r.table(root, "drillholes");
  if (!dh) {
    for (const char* k : {"composite", "variogram", "estimate", "classification"})
      if (const toml::node* n = root.get(k))
        throw Error(
            "input.missing_option",
            fmt::format("[{}] is given without [drillholes], expected a [drillholes] table with "
                        "collars and assays",
                        k),
            r.where(*n));
    return;
  }
  c.enabled = true;
  parse_drillholes(*dh, r, resolve, c);
  if (const auto* t = r.table(root, "composite")) parse_composite(*t, r, c);
  const auto* vg = r.table(root, "variogram");
  const auto* est = r.table(root, "estimate");
  if (est) parse_estimate(*est, r, resolve, c);
  const bool needs_model = c.estimate.method == kriging::Method::ordinary ||
                           c.estimate.method == kriging::Method::simple;
  if (vg)
    parse_variogram(*vg, r, resolve, c);
  else if (needs_model)
    throw Error("input.missing_option",
                "[drillholes] without [variogram], expected [variogram] model = \"<model JSON>\" "
                "(kriging needs a variogram)",
                r.where(*dh));
  if (const toml::node* n = root.get("classification")) parse_classes(*n, r, c);
}

}  // namespace lodeline::config
