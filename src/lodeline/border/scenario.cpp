// SPDX-License-Identifier: Apache-2.0
// Loading and checking scenario lines and licence polygons.
#include "lodeline/border/scenario.hpp"

#include <fmt/format.h>

#include "lodeline/geo/geos_ops.hpp"
#include "lodeline/geo/vector_file.hpp"

namespace lodeline::border {

void load_line(Scenario& scenario, const std::string& crs, Diagnostics& diagnostics) {
  geo::VectorReadOptions options;
  options.target_crs = crs;
  options.allow_datum_shift = scenario.allow_datum_shift;
  options.datum_shift_hint = scenario.datum_shift_hint;
  options.target_crs_hint = scenario.target_crs_hint;
  auto file = geo::read_vector_file(scenario.file, options, diagnostics);
  scenario.source_crs = file.source_crs;
  std::vector<const geo::LineFeature*> candidates;
  for (const auto& f : file.lines) {
    if (scenario.feature.empty()) {
      candidates.push_back(&f);
    } else {
      auto it = f.properties.find("name");
      if (it != f.properties.end() && it->second == scenario.feature) candidates.push_back(&f);
    }
  }
  if (candidates.empty())
    throw Error("geometry.empty",
                scenario.feature.empty()
                    ? std::string("file holds no line, expected a LineString or MultiLineString")
                    : fmt::format("no line feature has name '{}', expected one", scenario.feature),
                {scenario.file});
  if (candidates.size() > 1)
    throw Error("geometry.ambiguous_feature",
                fmt::format("file holds {} lines, expected one or {}", candidates.size(),
                            scenario.feature_hint),
                {scenario.file});
  const auto& feature = *candidates.front();
  Polyline line;
  std::int64_t vertex = 0;
  for (const auto& part : feature.parts) {
    if (!line.empty() && !part.empty() && !(line.back() == part.front()))
      throw Error("geometry.disconnected_parts",
                  fmt::format("part of the MultiLineString starting at vertex {} does not begin "
                              "where the previous part ends, expected one connected line",
                              vertex),
                  geo::vertex_location(scenario.file, feature.index, vertex));
    line.insert(line.end(), part.begin() + (line.empty() ? 0 : 1), part.end());
    vertex += static_cast<std::int64_t>(part.size());
  }
  if (line.size() < 2)
    throw Error("geometry.too_few_vertices",
                fmt::format("line has {} vertices, expected at least 2", line.size()),
                geo::vertex_location(scenario.file, feature.index, 0));
  if (auto hit = geo::find_self_intersection(line))
    throw Error("geometry.self_intersecting",
                fmt::format("the line crosses or touches itself at ({:.3f}, {:.3f}) between "
                            "segments {} and {}, expected a simple line",
                            hit->at.x, hit->at.y, hit->segment_a, hit->segment_b),
                geo::vertex_location(scenario.file, feature.index,
                                     static_cast<std::int64_t>(hit->segment_b)));
  scenario.line = std::move(line);
}

MultiPolygon load_polygon(const std::string& path, const std::string& crs,
                          Diagnostics& diagnostics) {
  geo::VectorReadOptions options;
  options.target_crs = crs;
  auto file = geo::read_vector_file(path, options, diagnostics);
  MultiPolygon out;
  for (const auto& f : file.polygons) out.insert(out.end(), f.polygons.begin(), f.polygons.end());
  if (out.empty())
    throw Error("geometry.empty", "file holds no polygon, expected a Polygon or MultiPolygon",
                {path});
  const std::string reason = geo::polygon_invalid_reason(out);
  if (!reason.empty())
    throw Error("geometry.invalid_polygon",
                fmt::format("polygon is not valid ({}), expected a simple polygon", reason),
                {path});
  return out;
}

}  // namespace lodeline::border
