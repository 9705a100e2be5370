// SPDX-License-Identifier: Apache-2.0
// GPX reading with OGR's GPX driver (layers waypoints, route_points, track_points); element
// locations from a scan of the start tags, matched to OGR features by order within each kind.
#include "lodeline/geo/gpx.hpp"

#include <cpl_error.h>
#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <array>
#include <cmath>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string_view>

#include "lodeline/geo/gdal_init.hpp"
#include "lodeline/io/csv.hpp"
#include "lodeline/io/text_file.hpp"

namespace lodeline::geo {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (era-based civil-to-days formula).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? static_cast<unsigned>(-3) : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// Start tags of the three point elements, in file order, skipping comments and CDATA.
std::array<std::vector<std::size_t>, 3> scan_point_tags(std::string_view text) {
  std::array<std::vector<std::size_t>, 3> out;
  constexpr std::array<std::string_view, 3> names{"wpt", "rtept", "trkpt"};
  std::size_t i = 0;
  while ((i = text.find('<', i)) != std::string_view::npos) {
    if (text.substr(i, 4) == "<!--") {
      const auto end = text.find("-->", i + 4);
      if (end == std::string_view::npos) break;
      i = end + 3;
      continue;
    }
    if (text.substr(i, 9) == "<![CDATA[") {
      const auto end = text.find("]]>", i + 9);
      if (end == std::string_view::npos) break;
      i = end + 3;
      continue;
    }
    for (std::size_t k = 0; k < names.size(); ++k) {
      const auto n = names[k];
      if (text.substr(i + 1, n.size()) == n && i + 1 + n.size() < text.size()) {
        const char c = text[i + 1 + n.size()];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '>' || c == '/')
          out[k].push_back(i);
      }
    }
    ++i;
  }
  return out;
}

/// The value of attribute `name` in the start tag at `tag` (up to its '>'), with the value's
/// offset; nothing when the tag has no such attribute.
std::optional<std::pair<std::string_view, std::size_t>> tag_attribute(std::string_view text,
                                                                      std::size_t tag,
                                                                      std::string_view name) {
  const std::size_t end = std::min(text.find('>', tag), text.size());
  // An attribute follows white space inside the tag: from the character after its '<' (a tag
  // at the start of the file has nothing before it).
  for (std::size_t i = tag + 1; i + name.size() + 2 < end; ++i) {
    const bool starts =
        text[i - 1] == ' ' || text[i - 1] == '\t' || text[i - 1] == '\n' || text[i - 1] == '\r';
    if (!starts || text.substr(i, name.size()) != name) continue;
    std::size_t j = text.find_first_not_of(" \t\r\n", i + name.size());
    if (j >= end || text[j] != '=') continue;
    j = text.find_first_not_of(" \t\r\n", j + 1);
    if (j >= end || (text[j] != '"' && text[j] != '\'')) continue;
    const std::size_t close = text.find(text[j], j + 1);
    if (close >= end) continue;
    return std::make_pair(text.substr(j + 1, close - j - 1), j + 1);
  }
  return std::nullopt;
}

/// GDAL's GPX driver reads lat="forty" as 0 degrees: every point's lat and lon must be
/// numbers, refused at the attribute otherwise.
void check_point_coordinates(std::string_view text,
                             const std::array<std::vector<std::size_t>, 3>& tags,
                             const io::LineIndex& lines, const std::string& path) {
  constexpr std::array<const char*, 3> kinds{"waypoint", "route point", "track point"};
  for (std::size_t k = 0; k < tags.size(); ++k)
    for (std::size_t n = 0; n < tags[k].size(); ++n)
      for (const char* name : {"lat", "lon"}) {
        const auto value = tag_attribute(text, tags[k][n], name);
        if (!value) continue;  // no position: refused below with the feature
        std::string trimmed(value->first);
        trimmed.erase(0, trimmed.find_first_not_of(" \t"));
        trimmed.erase(trimmed.find_last_not_of(" \t") + 1);
        if (io::parse_double(trimmed)) continue;
        throw Error("input.bad_gpx",
                    fmt::format("{} {} has {}=\"{}\", expected a number of degrees", kinds[k],
                                n + 1, name, value->first),
                    lines.location(value->second, path));
      }
}

std::optional<double> real_field(OGRFeature& f, const char* name) {
  const int idx = f.GetFieldIndex(name);
  if (idx < 0 || !f.IsFieldSetAndNotNull(idx)) return std::nullopt;
  return f.GetFieldAsDouble(idx);
}

std::string string_field(OGRFeature& f, const char* name) {
  const int idx = f.GetFieldIndex(name);
  if (idx < 0 || !f.IsFieldSetAndNotNull(idx)) return {};
  return f.GetFieldAsString(idx);
}

// OGR DateTime -> seconds since the epoch, UTC. GPX 1.1 times are UTC by definition, so a
// time without a zone (OGR tz flag 0 or 1) is taken as UTC; explicit offsets are applied.
std::optional<double> time_field(OGRFeature& f) {
  const int idx = f.GetFieldIndex("time");
  if (idx < 0 || !f.IsFieldSetAndNotNull(idx)) return std::nullopt;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, tz = 0;
  float s = 0;
  if (!f.GetFieldAsDateTime(idx, &y, &mo, &d, &h, &mi, &s, &tz)) return std::nullopt;
  double t =
      static_cast<double>(days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d))) *
          86400.0 +
      h * 3600.0 + mi * 60.0;
  // Seconds with the millisecond resolution GDAL parses (float keeps ~7 digits).
  t += std::round(static_cast<double>(s) * 1000.0) / 1000.0;
  if (tz > 1) t -= (tz - 100) * 15 * 60.0;
  return t;
}

}  // namespace

const char* to_string(GpxPoint::Kind kind) {
  switch (kind) {
    case GpxPoint::Kind::waypoint:
      return "waypoint";
    case GpxPoint::Kind::route_point:
      return "route point";
    case GpxPoint::Kind::track_point:
      return "track point";
  }
  return "point";
}

std::vector<GpxPoint> read_gpx_points(const std::string& path) {
  init_gdal();
  const std::string text = io::read_text(path);  // io.cannot_open
  const auto tags = scan_point_tags(text);
  const io::LineIndex lines(text);
  if (text.find_first_not_of(" \t\r\n") == std::string::npos ||
      (tags[0].empty() && tags[1].empty() && tags[2].empty()))
    throw Error("input.empty_file",
                "GPX file holds no waypoint, route point or track point, expected at least one "
                "<wpt>, <rtept> or <trkpt> element",
                {path});
  check_point_coordinates(text, tags, lines, path);
  std::unique_ptr<GDALDataset> ds(
      GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                        std::array<const char*, 2>{"GPX", nullptr}.data()));
  if (!ds)
    throw Error("input.bad_gpx",
                fmt::format("GDAL's GPX driver cannot read the file: {}, expected GPX 1.1 XML",
                            CPLGetLastErrorMsg()),
                {path});
  std::vector<GpxPoint> out;
  const std::array<std::pair<const char*, GpxPoint::Kind>, 3> layers{
      {{"waypoints", GpxPoint::Kind::waypoint},
       {"route_points", GpxPoint::Kind::route_point},
       {"track_points", GpxPoint::Kind::track_point}}};
  for (std::size_t k = 0; k < layers.size(); ++k) {
    OGRLayer* layer = ds->GetLayerByName(layers[k].first);
    if (!layer) continue;
    std::int64_t index = 0;
    for (auto& feature : *layer) {
      GpxPoint p;
      p.kind = layers[k].second;
      p.index = index;
      const auto& offsets = tags[k];
      p.location = static_cast<std::size_t>(index) < offsets.size()
                       ? lines.location(offsets[static_cast<std::size_t>(index)], path)
                       : InputLocation{path};
      const OGRGeometry* g = feature->GetGeometryRef();
      if (g == nullptr || wkbFlatten(g->getGeometryType()) != wkbPoint || g->IsEmpty())
        throw Error("input.bad_gpx",
                    fmt::format("{} {} has no position, expected lat and lon attributes",
                                to_string(p.kind), index + 1),
                    p.location);
      const OGRPoint* pt = g->toPoint();
      p.lon_deg = pt->getX();
      p.lat_deg = pt->getY();
      if (!std::isfinite(p.lat_deg) || !std::isfinite(p.lon_deg) || std::abs(p.lat_deg) > 90 ||
          std::abs(p.lon_deg) > 360)
        throw Error("input.bad_gpx",
                    fmt::format("{} {} has lat {} lon {}, expected -90..90 and -180..180",
                                to_string(p.kind), index + 1, p.lat_deg, p.lon_deg),
                    p.location);
      p.ele_m = real_field(*feature, "ele");
      p.geoid_height_m = real_field(*feature, "geoidheight");
      p.time_utc_s = time_field(*feature);
      p.hdop = real_field(*feature, "hdop");
      p.vdop = real_field(*feature, "vdop");
      p.pdop = real_field(*feature, "pdop");
      if (auto s = real_field(*feature, "sat")) p.sat = static_cast<int>(*s);
      p.fix = string_field(*feature, "fix");
      p.name = string_field(*feature, "name");
      out.push_back(std::move(p));
      ++index;
    }
  }
  if (out.empty())
    throw Error("input.empty_file",
                "GPX file holds no waypoint, route point or track point, expected at least one "
                "<wpt>, <rtept> or <trkpt> element",
                {path});
  return out;
}

}  // namespace lodeline::geo
