// SPDX-License-Identifier: Apache-2.0
// Drillhole output text: composites and traces as CSV, traces as VTK legacy, JSON summaries.
// VTK legacy format: "The VTK User's Guide", Kitware, 11th ed., file formats chapter.
#include "lodeline/drillhole/export.hpp"

#include <fmt/format.h>

#include <cmath>
#include <iterator>

namespace lodeline::drillhole {
namespace {

/// A CSV field, quoted when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string number(double v) { return std::isnan(v) ? std::string() : fmt::format("{}", v); }

nlohmann::json location_json(const InputLocation& where) {
  nlohmann::json j;
  j["file"] = where.file;
  j["line"] = where.line;
  j["col"] = where.column;
  return j;
}

nlohmann::json per_value(const std::vector<std::string>& names, const std::vector<double>& v) {
  nlohmann::json j = nlohmann::json::object();
  for (std::size_t i = 0; i < names.size(); ++i) j[names[i]] = v[i];
  return j;
}

}  // namespace

std::string composites_csv(const CompositeResult& result) {
  std::string out = "hole_id,from,to,x,y,z";
  for (const auto& name : result.value_names) {
    out += ',';
    out += csv_field(name);
  }
  out += ",length_sampled,domain\n";
  auto it = std::back_inserter(out);
  for (const Composite& c : result.composites) {
    fmt::format_to(it, "{},{},{},{},{},{}", csv_field(c.hole_id), c.from_m, c.to_m, c.xyz_m[0],
                   c.xyz_m[1], c.xyz_m[2]);
    for (double v : c.values) fmt::format_to(it, ",{}", number(v));
    fmt::format_to(it, ",{},{}\n", c.length_sampled_m, csv_field(c.domain));
  }
  return out;
}

std::string traces_csv(const DesurveyResult& desurvey) {
  std::string out = "hole_id,depth,x,y,z\n";
  auto it = std::back_inserter(out);
  for (const HoleTrace& t : desurvey.holes)
    for (const TracePoint& p : t.points)
      fmt::format_to(it, "{},{},{},{},{}\n", csv_field(t.hole_id), p.depth_m, p.xyz_m[0],
                     p.xyz_m[1], p.xyz_m[2]);
  return out;
}

std::string traces_vtk(const DesurveyResult& desurvey) {
  std::size_t n_points = 0;
  for (const HoleTrace& t : desurvey.holes) n_points += t.points.size();
  std::string out =
      "# vtk DataFile Version 3.0\nlodeline drill traces (hole_index = order in traces.csv)\n"
      "ASCII\nDATASET POLYDATA\n";
  auto it = std::back_inserter(out);
  fmt::format_to(it, "POINTS {} double\n", n_points);
  for (const HoleTrace& t : desurvey.holes)
    for (const TracePoint& p : t.points)
      fmt::format_to(it, "{} {} {}\n", p.xyz_m[0], p.xyz_m[1], p.xyz_m[2]);
  fmt::format_to(it, "LINES {} {}\n", desurvey.holes.size(), n_points + desurvey.holes.size());
  std::size_t next = 0;
  for (const HoleTrace& t : desurvey.holes) {
    fmt::format_to(it, "{}", t.points.size());
    for (std::size_t k = 0; k < t.points.size(); ++k) fmt::format_to(it, " {}", next++);
    out += '\n';
  }
  fmt::format_to(it, "CELL_DATA {}\nSCALARS hole_index int 1\nLOOKUP_TABLE default\n",
                 desurvey.holes.size());
  for (std::size_t h = 0; h < desurvey.holes.size(); ++h) fmt::format_to(it, "{}\n", h);
  fmt::format_to(it, "POINT_DATA {}\nSCALARS depth_m double 1\nLOOKUP_TABLE default\n", n_points);
  for (const HoleTrace& t : desurvey.holes)
    for (const TracePoint& p : t.points) fmt::format_to(it, "{}\n", p.depth_m);
  return out;
}

nlohmann::json validation_json(const DrillholeDatabase& db) {
  const ValidationReport& r = db.report;
  const ValidationCounts& c = r.counts;
  nlohmann::json j;
  j["files"] = {
      {"collars", db.collar_file}, {"surveys", db.survey_file}, {"intervals", db.interval_file}};
  j["forced"] = r.forced;
  j["dip_convention"] = {{"declared", std::string(to_string(r.declared_convention))},
                         {"used", std::string(to_string(r.used_convention))},
                         {"votes",
                          {{"negative", r.votes.negative},
                           {"in_45_90", r.votes.steep_positive},
                           {"in_0_45_or_90_180", r.votes.small_positive},
                           {"at_45", r.votes.undecided}}}};
  j["below_detection_rule"] = r.below_detection.str();
  nlohmann::json values = nlohmann::json::object();
  for (std::size_t v = 0; v < db.value_names.size(); ++v)
    values[db.value_names[v]] = {{"below_detection", c.below_detection[v]},
                                 {"blank", c.empty_values[v]},
                                 {"non_numeric", c.bad_values[v]}};
  j["counts"] = {{"collar_rows", c.collar_rows},
                 {"survey_rows", c.survey_rows},
                 {"interval_rows", c.interval_rows},
                 {"holes", c.holes},
                 {"holes_without_data", c.holes_without_data},
                 {"holes_without_survey", c.holes_without_survey},
                 {"intervals", c.intervals},
                 {"interval_length_m", c.interval_length_m},
                 {"gaps", c.gaps},
                 {"gap_length_m", c.gap_length_m},
                 {"errors", c.errors},
                 {"warnings", c.warnings},
                 {"notes", c.notes},
                 {"values", values}};
  nlohmann::json findings = nlohmann::json::array();
  for (const Finding& f : r.findings) {
    nlohmann::json e = location_json(f.location);
    e["severity"] = std::string(to_string(f.severity));
    e["code"] = f.code;
    e["message"] = f.message;
    e["forced"] = f.forced;
    findings.push_back(std::move(e));
  }
  j["findings"] = std::move(findings);
  return j;
}

nlohmann::json desurvey_json(const DesurveyResult& desurvey) {
  nlohmann::json j;
  j["method"] = std::string(to_string(desurvey.method));
  j["max_balanced_vs_mincurv_m"] = desurvey.max_balanced_vs_mincurv_m;
  j["max_tangent_vs_mincurv_m"] = desurvey.max_tangent_vs_mincurv_m;
  nlohmann::json holes = nlohmann::json::array();
  for (const EohDiscrepancy& d : desurvey.eoh)
    holes.push_back({{"hole_id", d.hole_id},
                     {"depth_m", d.depth_m},
                     {"eoh_minimum_curvature", d.minimum_curvature},
                     {"eoh_balanced_tangent", d.balanced_tangent},
                     {"eoh_tangent", d.tangent},
                     {"balanced_vs_mincurv_m", d.balanced_vs_mincurv_m},
                     {"tangent_vs_mincurv_m", d.tangent_vs_mincurv_m}});
  j["holes"] = std::move(holes);
  return j;
}

nlohmann::json compositing_json(const CompositeResult& result, const CompositeOptions& options) {
  const auto& names = result.value_names;
  auto balance = [&](const MetalBalance& b) {
    nlohmann::json j;
    if (!b.hole_id.empty()) j["hole_id"] = b.hole_id;
    j["raw"] = per_value(names, b.raw);
    j["after_topcut"] = per_value(names, b.after_topcut);
    j["composites"] = per_value(names, b.composites);
    j["dropped"] = per_value(names, b.dropped);
    return j;
  };
  nlohmann::json j;
  nlohmann::json caps = nlohmann::json::object();
  for (const auto& cut : options.topcuts) caps[cut.column] = cut.cap;
  nlohmann::json capped = nlohmann::json::object();
  for (std::size_t v = 0; v < names.size(); ++v) capped[names[v]] = result.capped[v];
  j["options"] = {{"length_m", options.length_m},
                  {"min_length_m", options.min_length()},
                  {"residual", std::string(to_string(options.residual))},
                  {"topcuts", caps},
                  {"domain", result.domain_name}};
  j["composites"] = result.composites.size();
  j["runs"] = result.runs;
  j["capped_intervals"] = std::move(capped);
  j["residuals_dropped"] = result.residuals_dropped;
  j["residuals_merged"] = result.residuals_merged;
  j["runs_redistributed"] = result.runs_redistributed;
  j["dropped_length_m"] = result.dropped_length_m;
  j["unsampled_composites"] = result.unsampled_composites;
  j["metal_balance_unit"] = "value x m (g/t x m for grades in g/t)";
  j["metal_balance_total"] = balance(result.total);
  nlohmann::json holes = nlohmann::json::array();
  for (const auto& b : result.holes) holes.push_back(balance(b));
  j["metal_balance_holes"] = std::move(holes);
  return j;
}

}  // namespace lodeline::drillhole
