// SPDX-License-Identifier: Apache-2.0
// Option tables of [project], [report], [model], [licence] and [disputed].
#include "lodeline/config/project_tables.hpp"

#include <fmt/format.h>

#include "lodeline/config/project.hpp"

namespace lodeline::config {

namespace {

using options::bounded;
using options::Kind;
using options::metres_or_zero;
using options::positive_list;
using options::Spec;
using options::Value;

options::Option<Project> path_option(Spec s, std::filesystem::path Project::*member) {
  return options::custom<Project>(
      std::move(s), [member](const Project& p) { return Value((p.*member).string()); },
      [member](Project& p, const Value& v) { p.*member = std::get<std::string>(v); });
}

}  // namespace

const options::Table<Project>& project_table() {
  using P = Project;
  static const options::Table<P> table = [] {
    Spec crs = options::spec("crs", Kind::text,
                             "project CRS: EPSG code, WKT or PROJ string (projected, metres)");
    crs.default_text = "the grid JSON's crs";
    return options::Table<P>{"project",
                             "Project",
                             {options::member<P>(
                                  options::spec("name", Kind::text, "shown on every report"),
                                  [](auto& p) -> auto& { return p.name; }),
                              options::member<P>(
                                  options::spec("synthetic", Kind::flag,
                                                "the data is synthetic: said on every report page"),
                                  [](auto& p) -> auto& { return p.synthetic; }),
                              options::member<P>(
                                  crs, [](auto& p) -> auto& { return p.crs; }),
                              options::member<P>(
                                  bounded("threads", Kind::whole,
                                          "worker threads, as --threads (with both, the smaller "
                                          "count); outputs do not depend on it",
                                          0, 1024),
                                  [](auto& p) -> auto& { return p.threads; })},
                             {}};
  }();
  return table;
}

const options::Table<Project>& report_table() {
  using P = Project;
  static const options::Table<P> table = [] {
    Spec cutoffs = positive_list("cutoffs_gpt", "g/t", "cut-off grades of the resource tables");
    cutoffs.min_open = false;
    Spec out = options::spec("out", Kind::text, "output folder, relative to the project file");
    Spec offset =
        metres_or_zero("claim_offset_max_m", "claim offsets are searched within plus or minus this",
                       "the model extent's diagonal");
    return options::Table<P>{"report",
                             "Report",
                             {options::member<P>(
                                  cutoffs, [](auto& p) -> auto& { return p.cutoffs_gpt; }),
                              path_option(out, &Project::out_dir),
                              options::member<P>(
                                  offset, [](auto& p) -> auto& { return p.claim_offset_max_m; }),
                              options::member<P>(
                                  options::spec("allow_no_ore", Kind::flag,
                                                "report a model with no block at or above the "
                                                "lowest cut-off (refused otherwise)"),
                                  [](auto& p) -> auto& { return p.allow_no_ore; })},
                             {}};
  }();
  return table;
}

const options::Table<Project>& model_table() {
  using P = Project;
  static const options::Table<P> table = [] {
    Spec density =
        options::spec("density", Kind::text, "model column holding each block's density");
    density.default_text = "none (density_t_m3)";
    Spec density_t_m3 =
        options::spec("density_t_m3", Kind::number, "one density for every block (no column)");
    density_t_m3.unit = "t/m3";
    density_t_m3.min = 0;
    density_t_m3.min_open = true;
    density_t_m3.default_text = "none";
    Spec file = options::spec(
        "file", Kind::text,
        "block model: .lbm (binary) or .csv (with grid), relative to the project file");
    file.default_text = "none (estimated from [drillholes])";
    Spec grid = options::spec(
        "grid", Kind::text, "grid JSON: origin, block size and counts (CSV and estimated models)");
    grid.default_text = "none (.lbm models carry their grid)";
    Spec position = options::spec("position", Kind::choice, "what a CSV model's x, y, z give");
    position.choices = {{"centroid", {}, "block centroids"},
                        {"corner", {}, "the lower-left-bottom corner of each block"},
                        {"ijk", {}, "grid indices i, j, k"}};
    return options::Table<P>{
        "model",
        "Block model",
        {path_option(file, &Project::model_file), path_option(grid, &Project::grid_file),
         options::member<P>(
             options::spec("grade", Kind::text, "grade column (g/t)"),
             [](auto& p) -> auto& { return p.grade_column; }),
         options::member<P>(
             density, [](auto& p) -> auto& { return p.density_column; }),
         options::member<P>(
             density_t_m3, [](auto& p) -> auto& { return p.density_t_m3; }),
         options::member<P>(
             position, [](auto& p) -> auto& { return p.model_position; })},
        {}};
  }();
  return table;
}

const options::Table<Project>& licence_table() {
  static const options::Table<Project> table = [] {
    Spec file = options::spec(
        "file", Kind::text,
        "licence or area-of-interest polygon (GeoJSON, GeoPackage, Shapefile, KML or WKT)");
    file.required = true;
    return options::Table<Project>{
        "licence", "Licence polygon", {path_option(file, &Project::licence_file)}, {}};
  }();
  return table;
}

const options::Table<Project>& disputed_table() {
  using P = Project;
  static const options::Table<P> table = [] {
    Spec lines = options::name_list(
        "lines", "scenario names compared for disputed ground (lines between the same two sides)");
    lines.min_items = 2;
    lines.required = true;
    return options::Table<P>{"disputed",
                             "Disputed ground",
                             {options::member<P>(
                                 lines, [](auto& p) -> auto& { return p.disputed_lines; })},
                             {}};
  }();
  return table;
}

}  // namespace lodeline::config
