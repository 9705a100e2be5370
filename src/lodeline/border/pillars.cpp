// SPDX-License-Identifier: Apache-2.0
// Surveyed-line GeoJSON pillars -> UncertainLine.
#include "lodeline/border/pillars.hpp"

#include <fmt/format.h>

#include <cmath>
#include <memory>

#include "lodeline/io/json_file.hpp"
#include "lodeline/io/json_pointer.hpp"
#include "lodeline/io/text_file.hpp"
#include "lodeline/survey/survey.hpp"

namespace lodeline::border {
namespace {

/// JSON pointer of field `key` of pillar k (pillars sit in the first feature's properties).
std::string pillar_field_pointer(std::size_t k, const char* key) {
  return fmt::format("/features/0/properties/pillars/{}/{}", k, key);
}

double number(const nlohmann::json& o, const char* key, std::size_t k,
              const io::JsonLocator& locate) {
  const auto it = o.find(key);
  if (it == o.end() || !it->is_number() || !std::isfinite(it->get<double>()))
    throw Error("input.bad_pillars",
                fmt::format("pillar {} has no finite number '{}', expected the fields a surveyed "
                            "line's pillars carry (vertex, e_m, n_m, sd_e_m, sd_n_m, cov_en_m2)",
                            k, key),
                locate(pillar_field_pointer(k, key)));
  return it->get<double>();
}

/// A standard deviation of a pillar position: from 0 to kMaxPositionSdM metres.
double checked_sd_m(double sd_m, const char* key, std::size_t k, const std::string& name,
                    const io::JsonLocator& locate) {
  if (sd_m >= 0 && sd_m <= kMaxPositionSdM) return sd_m;
  throw Error("input.bad_number",
              fmt::format("pillar '{}' has {} {} m, expected a standard deviation from 0 to {:g} m",
                          name, key, sd_m, kMaxPositionSdM),
              locate(pillar_field_pointer(k, key)));
}

/// A covariance of E and N that keeps the 2x2 covariance positive semi-definite.
double checked_cov_en_m2(double cov_m2, double sd_e_m, double sd_n_m, std::size_t k,
                         const std::string& name, const io::JsonLocator& locate) {
  if (std::fabs(cov_m2) <= sd_e_m * sd_n_m * (1 + 1e-12)) return cov_m2;
  throw Error("input.bad_covariance",
              fmt::format("pillar '{}' has cov_en_m2 {} m², expected |cov_en_m2| <= sd_e_m * "
                          "sd_n_m = {} m²",
                          name, cov_m2, sd_e_m * sd_n_m),
              locate(pillar_field_pointer(k, "cov_en_m2")));
}

/// The "pillars" list of the first feature's properties (two or more).
const nlohmann::json& pillar_list(const nlohmann::json& doc, const std::string& path) {
  const nlohmann::json* pillars = nullptr;
  if (doc.is_object() && doc.contains("features") && doc["features"].is_array() &&
      !doc["features"].empty()) {
    const auto& f = doc["features"][0];
    if (f.is_object() && f.contains("properties") && f["properties"].is_object() &&
        f["properties"].contains("pillars"))
      pillars = &f["properties"]["pillars"];
  }
  if (!pillars || !pillars->is_array() || pillars->size() < 2)
    throw Error("input.bad_pillars",
                "no 'pillars' list of two or more in the first feature's properties, expected a "
                "surveyed line written by 'lodeline survey --out'",
                {path});
  return *pillars;
}

/// One pillar as written: its name, line vertex, position and errors (checked).
struct PillarRow {
  std::string name;
  double vertex = 0, e_m = 0, n_m = 0, sd_e_m = 0, sd_n_m = 0, cov_en_m2 = 0;
};

PillarRow read_pillar(const nlohmann::json& p, std::size_t k, const io::JsonLocator& locate) {
  if (!p.is_object())
    throw Error("input.bad_pillars", fmt::format("pillar {} is not an object", k),
                locate(fmt::format("/features/0/properties/pillars/{}", k)));
  PillarRow row;
  row.vertex = number(p, "vertex", k, locate);
  row.e_m = number(p, "e_m", k, locate);
  row.n_m = number(p, "n_m", k, locate);
  row.name = p.contains("pillar") && p["pillar"].is_string() ? p["pillar"].get<std::string>()
                                                             : fmt::format("#{}", k);
  row.sd_e_m = checked_sd_m(number(p, "sd_e_m", k, locate), "sd_e_m", k, row.name, locate);
  row.sd_n_m = checked_sd_m(number(p, "sd_n_m", k, locate), "sd_n_m", k, row.name, locate);
  row.cov_en_m2 = checked_cov_en_m2(number(p, "cov_en_m2", k, locate), row.sd_e_m, row.sd_n_m, k,
                                    row.name, locate);
  return row;
}

/// The vertex of pillar k: a whole index above the previous pillar's, the first pillar on the
/// first vertex and the last on the last; the pillar on that vertex within 1 mm.
std::size_t pillar_vertex(const PillarRow& row, std::size_t k, std::int64_t prev_vertex,
                          const nlohmann::json& pillars, const Polyline& line,
                          const io::JsonLocator& locate) {
  const double v = row.vertex;
  if (v != std::floor(v) || v <= static_cast<double>(prev_vertex) ||
      v >= static_cast<double>(line.size()))
    throw Error("input.bad_pillars",
                fmt::format("pillar '{}' names vertex {}, expected increasing vertex indices "
                            "below the line's {} vertices",
                            row.name, v, line.size()),
                locate(pillar_field_pointer(k, "vertex")));
  const auto vi = static_cast<std::int64_t>(v);
  if ((k == 0 && vi != 0) ||
      (k + 1 == pillars.size() && vi != static_cast<std::int64_t>(line.size()) - 1))
    throw Error("input.pillars_mismatch",
                fmt::format("the line has {} vertices and its pillars run from vertex {} to "
                            "{}, expected pillars at its first and last vertex",
                            line.size(), pillars[0].value("vertex", -1),
                            pillars.back().value("vertex", -1)),
                locate(pillar_field_pointer(k, "vertex")));
  const Point2 at = line[static_cast<std::size_t>(vi)];
  if (std::hypot(at.x - row.e_m, at.y - row.n_m) > 1e-3)
    throw Error("input.pillars_mismatch",
                fmt::format("pillar '{}' is at E {:.3f} N {:.3f} but the line's vertex {} is at "
                            "E {:.3f} N {:.3f} as read, expected the same point (is the line "
                            "file in the project CRS?)",
                            row.name, row.e_m, row.n_m, vi, at.x, at.y),
                locate(pillar_field_pointer(k, "e_m")));
  return static_cast<std::size_t>(vi);
}

/// Interior vertices in chord coordinates: p = a + t (b - a) + s perp(b - a).
void chord_shapes(survey::SurveyedLine& layout, const Polyline& line, const std::string& path) {
  for (std::size_t k = 0; k + 1 < layout.pillars.size(); ++k) {
    const Point2 a = layout.pillars[k].en(), b = layout.pillars[k + 1].en();
    const double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
    std::vector<survey::ChordPoint> shape;
    for (std::size_t v = layout.pillar_vertex[k] + 1; v < layout.pillar_vertex[k + 1]; ++v) {
      if (!(len2 > 0))
        throw Error("input.bad_pillars",
                    fmt::format("pillars '{}' and '{}' coincide but have vertices between them",
                                layout.pillars[k].name, layout.pillars[k + 1].name),
                    {path});
      const double px = line[v].x - a.x, py = line[v].y - a.y;
      shape.push_back({(px * dx + py * dy) / len2, (dx * py - dy * px) / len2});
    }
    layout.segment_shape.push_back(std::move(shape));
  }
}

}  // namespace

UncertainLine read_pillar_errors(const std::string& path, const Polyline& line) {
  const std::string text = io::read_text(path);
  const nlohmann::json doc = io::parse_json(text, path);
  const io::JsonLocator locate = io::json_text_locator(text, path);
  const nlohmann::json& pillars = pillar_list(doc, path);
  auto layout = std::make_shared<survey::SurveyedLine>();
  layout->line = line;
  std::int64_t prev_vertex = -1;
  for (std::size_t k = 0; k < pillars.size(); ++k) {
    const PillarRow row = read_pillar(pillars[k], k, locate);
    const std::size_t vi = pillar_vertex(row, k, prev_vertex, pillars, line, locate);
    survey::Pillar pillar;
    pillar.name = row.name;
    pillar.e_m = line[vi].x;
    pillar.n_m = line[vi].y;
    pillar.cov_ee_m2 = row.sd_e_m * row.sd_e_m;
    pillar.cov_nn_m2 = row.sd_n_m * row.sd_n_m;
    pillar.cov_en_m2 = row.cov_en_m2;
    layout->pillars.push_back(pillar);
    layout->pillar_vertex.push_back(vi);
    prev_vertex = static_cast<std::int64_t>(vi);
  }
  chord_shapes(*layout, line, path);
  return survey_uncertain_line(layout, {path});
}

UncertainLine survey_uncertain_line(const std::shared_ptr<const survey::SurveyedLine>& line,
                                    const InputLocation& where) {
  UncertainLine u;
  u.where = where;
  for (const auto& p : line->pillars) {
    u.points.push_back(p.en());
    u.covariance.push_back({p.cov_ee_m2, p.cov_en_m2, p.cov_nn_m2});
  }
  u.build = [line](const std::vector<Point2>& pts) {
    return survey::line_from_pillars(pts, *line);
  };
  return u;
}

}  // namespace lodeline::border
