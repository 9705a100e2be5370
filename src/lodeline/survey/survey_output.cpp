// SPDX-License-Identifier: Apache-2.0
// GeoJSON and report JSON documents of a survey result (text only; the caller writes them).
#include "lodeline/survey/survey_output.hpp"

#include <cmath>

#include "lodeline/geo/projection.hpp"

namespace lodeline::survey {
namespace {

std::string crs_urn(const std::string& crs) {
  const std::string epsg = geo::crs_info(crs).epsg;
  if (epsg.rfind("EPSG:", 0) == 0) return "urn:ogc:def:crs:EPSG::" + epsg.substr(5);
  return crs;
}

nlohmann::json location_json(const InputLocation& l, const std::string& file) {
  return {{"file", file}, {"line", l.line}, {"column", l.column}};
}

}  // namespace

std::string line_geojson(const SurveyResult& result) {
  const SurveyedLine& L = result.line;
  nlohmann::json coords = nlohmann::json::array();
  for (const auto& p : L.line) coords.push_back({p.x, p.y});
  nlohmann::json pillars = nlohmann::json::array();
  for (std::size_t i = 0; i < L.pillars.size(); ++i) {
    const Pillar& p = L.pillars[i];
    pillars.push_back({{"pillar", p.name},
                       {"vertex", L.pillar_vertex[i]},
                       {"e_m", p.e_m},
                       {"n_m", p.n_m},
                       {"lon_deg", p.lon_deg},
                       {"lat_deg", p.lat_deg},
                       {"n_used", p.n_used},
                       {"n_rejected", p.n_rejected},
                       {"sd_e_m", p.sd_e_m()},
                       {"sd_n_m", p.sd_n_m()},
                       {"cov_en_m2", p.cov_en_m2}});
  }
  nlohmann::json types = nlohmann::json::array();
  for (const auto t : L.segment_type) types.push_back(to_string(t));
  nlohmann::json feature = {{"type", "Feature"},
                            {"properties",
                             {{"name", "surveyed line"},
                              {"kind", "surveyed"},
                              {"crs", L.crs},
                              {"segment_type", types},
                              {"max_spacing_m", L.max_spacing_m},
                              {"pillars", pillars}}},
                            {"geometry", {{"type", "LineString"}, {"coordinates", coords}}}};
  nlohmann::json doc = {{"type", "FeatureCollection"},
                        {"crs", {{"type", "name"}, {"properties", {{"name", crs_urn(L.crs)}}}}},
                        {"features", nlohmann::json::array({feature})}};
  return doc.dump(1) + "\n";
}

namespace {

using ShownPath = std::function<std::string(const std::string&)>;

nlohmann::json options_json(const SurveyOptions& o) {
  nlohmann::json rq = nlohmann::json::array();
  for (const auto q : o.reject_qualities) rq.push_back(to_string(q));
  return {{"uere_m", o.uere_m},
          {"hdop_sigma_rule", "sd_e = sd_n = HDOP * uere_m / sqrt(2)"},
          {"assumed_sd_m", o.assumed_sd_m},
          {"outlier_k", o.outlier_k},
          {"outlier_floor_m", o.outlier_floor_m},
          {"reject_qualities", rq},
          {"drop_single_when_better", o.drop_single_when_better},
          {"min_satellites", o.min_satellites},
          {"gpst_minus_utc_s", o.gpst_minus_utc_s},
          {"scale_by_variance_factor", o.scale_by_variance_factor},
          {"sd_floor_m", o.sd_floor_m},
          {"csv_crs", o.csv_crs},
          {"allow_datum_shift", o.allow_datum_shift},
          {"transformation", o.transformation},
          {"segments", to_string(o.segments)},
          {"max_spacing_m", o.max_spacing_m}};
}

nlohmann::json files_json(const SurveyResult& result, const ShownPath& shown) {
  nlohmann::json files = nlohmann::json::array();
  for (const auto& f : result.files)
    files.push_back({{"file", shown(f.file)},
                     {"format", to_string(f.format)},
                     {"n_fixes", f.n_fixes},
                     {"n_outside_sessions", f.n_unassigned},
                     {"pillars", f.pillars}});
  return files;
}

nlohmann::json pillar_json(const Pillar& p, std::size_t vertex, double uere_m,
                           const ShownPath& shown) {
  nlohmann::json files_of_p = nlohmann::json::array();
  for (const auto& f : p.files) files_of_p.push_back(shown(f));
  nlohmann::json reasons = nlohmann::json::object();
  for (const auto& [r, n] : p.rejected_by_reason) reasons[r] = n;
  nlohmann::json sources = nlohmann::json::object();
  for (const auto& [r, n] : p.sigma_sources) sources[r] = n;
  return {{"pillar", p.name},
          {"order_location", location_json(p.order_location, shown(p.order_location.file))},
          {"vertex", vertex},
          {"lon_deg", p.lon_deg},
          {"lat_deg", p.lat_deg},
          {"h_m", p.h_m ? nlohmann::json(*p.h_m) : nlohmann::json()},
          {"source_crs", p.source_crs},
          {"e_m", p.e_m},
          {"n_m", p.n_m},
          {"sd_e_m", p.sd_e_m()},
          {"sd_n_m", p.sd_n_m()},
          {"cov_ee_m2", p.cov_ee_m2},
          {"cov_nn_m2", p.cov_nn_m2},
          {"cov_en_m2", p.cov_en_m2},
          {"local_cov_ee_m2", p.local_cov_ee_m2},
          {"local_cov_nn_m2", p.local_cov_nn_m2},
          {"local_cov_en_m2", p.local_cov_en_m2},
          {"jacobian", {p.jacobian[0], p.jacobian[1], p.jacobian[2], p.jacobian[3]}},
          {"scale_factor", p.scale_factor},
          {"convergence_deg", p.convergence_deg},
          {"variance_factor", p.variance_factor},
          {"n_fixes", p.n_fixes},
          {"n_used", p.n_used},
          {"n_rejected", p.n_rejected},
          {"rejected_by_reason", reasons},
          {"sigma_sources", sources},
          {"uere_m", uere_m},
          {"files", files_of_p}};
}

nlohmann::json segments_json(const SurveyedLine& L) {
  nlohmann::json segments = nlohmann::json::array();
  for (std::size_t i = 0; i < L.segment_type.size(); ++i) {
    const Point2 a = L.pillars[i].en(), b = L.pillars[i + 1].en();
    segments.push_back({{"from", L.pillars[i].name},
                        {"to", L.pillars[i + 1].name},
                        {"type", to_string(L.segment_type[i])},
                        {"chord_m", std::hypot(b.x - a.x, b.y - a.y)},
                        {"vertices", L.pillar_vertex[i + 1] - L.pillar_vertex[i] + 1}});
  }
  return segments;
}

nlohmann::json diagnostics_json(const Diagnostics& diagnostics, const ShownPath& shown) {
  nlohmann::json diags = nlohmann::json::array();
  for (const auto& d : diagnostics.items())
    diags.push_back(
        {{"level", d.level == Diagnostic::Level::warning ? "warning" : "note"},
         {"code", d.code},
         {"message", d.message},
         {"location",
          InputLocation{shown(d.location.file), d.location.line, d.location.column}.str()}});
  return diags;
}

}  // namespace

nlohmann::json survey_report(const SurveyResult& result, const Diagnostics& diagnostics,
                             const std::function<std::string(const std::string&)>& shown_path) {
  const ShownPath shown = [&](const std::string& f) { return shown_path ? shown_path(f) : f; };
  const SurveyedLine& L = result.line;
  nlohmann::json doc;
  doc["crs"] = L.crs;
  doc["crs_name"] = result.crs_name;
  doc["options"] = options_json(result.options);
  nlohmann::json ops = nlohmann::json::object();
  for (const auto& [crs, op] : result.operations) ops[crs] = op;
  doc["operations"] = ops;
  doc["files"] = files_json(result, shown);
  nlohmann::json pillars = nlohmann::json::array();
  for (std::size_t i = 0; i < L.pillars.size(); ++i)
    pillars.push_back(pillar_json(L.pillars[i], L.pillar_vertex[i], result.options.uere_m, shown));
  doc["pillars"] = pillars;
  doc["segments"] = segments_json(L);
  doc["unused_pillars"] = result.unused_pillars;
  doc["diagnostics"] = diagnostics_json(diagnostics, shown);
  return doc;
}

}  // namespace lodeline::survey
