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

std::int64_t whole(const TomlReader& r, const toml::table& t, const char* key,
                   std::int64_t fallback, std::int64_t min_value) {
  const toml::node* n = t.get(key);
  if (!n) return fallback;
  const double v = r.num(t, key, 0);
  if (v != std::floor(v) || v < static_cast<double>(min_value) || v > 1e9)
    throw Error("input.bad_option",
                fmt::format("'{}' is {}, expected a whole number >= {}", key, v, min_value),
                r.where(*n));
  return static_cast<std::int64_t>(v);
}

double positive(const TomlReader& r, const toml::table& t, const char* key, double fallback) {
  const toml::node* n = t.get(key);
  if (!n) return fallback;
  const double v = r.num(t, key, 0);
  if (!(v > 0))
    throw Error("input.bad_option", fmt::format("'{}' is {}, expected a number > 0", key, v),
                r.where(*n));
  return v;
}

InputLocation at(const TomlReader& r, const toml::table& t, const char* key) {
  const toml::node* n = t.get(key);
  return n ? r.where(*n) : r.where(t);
}

std::optional<double> opt_num(const TomlReader& r, const toml::table& t, const char* key) {
  if (!t.get(key)) return std::nullopt;
  return r.num(t, key, 0);
}

void parse_columns(const toml::table& cols, const TomlReader& r, drillhole::ColumnNames& n) {
  r.known_keys(cols, "drillholes.columns",
               {"hole_id", "x", "y", "z", "depth", "collar_azimuth", "collar_dip", "at", "azimuth",
                "dip", "from", "to"});
  const std::string hole = r.str(cols, "hole_id", "");
  n.collar_hole_id = n.survey_hole_id = n.interval_hole_id = hole;
  n.x = r.str(cols, "x", "");
  n.y = r.str(cols, "y", "");
  n.z = r.str(cols, "z", "");
  n.depth = r.str(cols, "depth", "");
  n.collar_azimuth = r.str(cols, "collar_azimuth", "");
  n.collar_dip = r.str(cols, "collar_dip", "");
  n.survey_at = r.str(cols, "at", "");
  n.survey_azimuth = r.str(cols, "azimuth", "");
  n.survey_dip = r.str(cols, "dip", "");
  n.from = r.str(cols, "from", "");
  n.to = r.str(cols, "to", "");
}

void parse_drillholes(const toml::table& t, const TomlReader& r,
                      const std::function<std::filesystem::path(const std::string&)>& resolve,
                      EstimationConfig& c) {
  options::read_toml(t, r.file(),
                     {options::bind(drillhole::drillholes_table(), c.drillholes),
                      options::bind(drillhole::desurvey_table(), c.desurvey)},
                     {"collars", "surveys", "assays", "value", "columns"});
  c.collars = resolve(r.str(t, "collars", "", true));
  c.surveys = resolve(r.str(t, "surveys", ""));
  c.assays = resolve(r.str(t, "assays", "", true));
  c.value = r.str(t, "value", c.value);
  c.drillholes.value_columns = {c.value};
  if (const auto* cols = r.table(t, "columns")) parse_columns(*cols, r, c.drillholes.columns);
  try {
    c.drillholes.validate();
  } catch (Error& e) {
    throw Error(e.code(), e.message(), r.where(t));
  }
}

void parse_composite(const toml::table& t, const TomlReader& r, EstimationConfig& c) {
  options::read_toml(t, r.file(), {options::bind(drillhole::composite_table(), c.composite)},
                     {"topcut"});
  if (const auto* caps = r.table(t, "topcut")) {
    for (const auto& [k, v] : *caps) {
      (void)v;
      const std::string name(k.str());
      drillhole::TopCut cut;
      cut.column = name;
      cut.cap = positive(r, *caps, name.c_str(), 0);
      c.composite.topcuts.push_back(cut);
    }
  }
}

void parse_variogram(const toml::table& t, const TomlReader& r,
                     const std::function<std::filesystem::path(const std::string&)>& resolve,
                     EstimationConfig& c) {
  options::read_toml(t, r.file(), {options::bind(estimation::variogram_fit_table(), c)}, {"model"});
  c.variogram_file = resolve(r.str(t, "model", "", true));
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
    r.known_keys(*t, "classification",
                 {"class", "min_slope", "min_efficiency", "max_nearest_m", "max_variance",
                  "min_samples", "min_holes"});
    ClassRule rule;
    rule.name = r.str(*t, "class", "", true);
    rule.min_slope = opt_num(r, *t, "min_slope");
    rule.min_efficiency = opt_num(r, *t, "min_efficiency");
    rule.max_nearest_m = opt_num(r, *t, "max_nearest_m");
    rule.max_variance = opt_num(r, *t, "max_variance");
    if (t->get("min_samples")) rule.min_samples = whole(r, *t, "min_samples", 0, 0);
    if (t->get("min_holes")) rule.min_holes = whole(r, *t, "min_holes", 0, 0);
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
