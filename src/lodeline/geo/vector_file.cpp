// SPDX-License-Identifier: Apache-2.0
// GDAL/OGR vector reading and PROJ transformation (through OGRCoordinateTransformation).
#include "lodeline/geo/vector_file.hpp"

#include <cpl_error.h>
#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>

#include "lodeline/core/names.hpp"
#include "lodeline/geo/gdal_init.hpp"
#include "lodeline/geo/ogr_srs.hpp"
#include "lodeline/io/csv.hpp"
#include "lodeline/io/json_file.hpp"
#include "lodeline/io/text_file.hpp"

namespace lodeline::geo {

void init_gdal() {
  static std::once_flag once;
  std::call_once(once, [] {
    GDALAllRegister();
    CPLSetErrorHandler(CPLQuietErrorHandler);
  });
}

namespace {

std::string strip_remark(const std::string& text) {
  std::string s = text;
  const auto paren = s.find(" (");
  if (paren != std::string::npos && !s.empty() && s.back() == ')') s = s.substr(0, paren);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  return s;
}

std::string lower_ext(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

std::string describe(const OGRSpatialReference& srs) {
  const char* name = srs.GetName();
  const char* auth = srs.GetAuthorityName(nullptr);
  const char* code = srs.GetAuthorityCode(nullptr);
  std::string out = name ? name : "unnamed CRS";
  if (auth && code) out += fmt::format(" ({}:{})", auth, code);
  return out;
}

Polyline read_curve(const OGRLineString& ls) {
  Polyline out;
  out.reserve(static_cast<std::size_t>(ls.getNumPoints()));
  for (int i = 0; i < ls.getNumPoints(); ++i) out.push_back({ls.getX(i), ls.getY(i)});
  return out;
}

Polygon read_polygon(const OGRPolygon& poly) {
  Polygon out;
  if (poly.IsEmpty()) return out;
  out.push_back(read_curve(*poly.getExteriorRing()));
  for (int r = 0; r < poly.getNumInteriorRings(); ++r)
    out.push_back(read_curve(*poly.getInteriorRing(r)));
  return out;
}

// Adds one OGR geometry to `file` as a line or polygon feature; other types are refused.
void add_geometry(const OGRGeometry* geom, std::int64_t index,
                  std::map<std::string, std::string> props, const std::string& path,
                  VectorFile& file) {
  if (geom == nullptr || geom->IsEmpty())
    throw Error("geometry.empty",
                fmt::format("feature {} has an empty geometry, expected a line or polygon", index),
                vertex_location(path, index, 0));
  switch (wkbFlatten(geom->getGeometryType())) {
    case wkbLineString:
      file.lines.push_back({index, std::move(props), {read_curve(*geom->toLineString())}});
      return;
    case wkbMultiLineString: {
      LineFeature f{index, std::move(props), {}};
      for (const auto* part : *geom->toMultiLineString()) f.parts.push_back(read_curve(*part));
      file.lines.push_back(std::move(f));
      return;
    }
    case wkbPolygon:
      file.polygons.push_back({index, std::move(props), {read_polygon(*geom->toPolygon())}});
      return;
    case wkbMultiPolygon: {
      PolygonFeature f{index, std::move(props), {}};
      for (const auto* part : *geom->toMultiPolygon()) f.polygons.push_back(read_polygon(*part));
      file.polygons.push_back(std::move(f));
      return;
    }
    default:
      throw Error("geometry.unsupported_type",
                  fmt::format("feature {} is a {}, expected a LineString, MultiLineString, "
                              "Polygon or MultiPolygon",
                              index, geom->getGeometryName()),
                  vertex_location(path, index, 0));
  }
}

// The first vertex of `points` with a non-finite coordinate (WKT "1e400" reads as infinity),
// counted from `first`; nothing when all are finite.
std::optional<std::pair<std::int64_t, Point2>> first_not_finite(const Polyline& points,
                                                                std::int64_t first) {
  for (std::size_t v = 0; v < points.size(); ++v)
    if (!std::isfinite(points[v].x) || !std::isfinite(points[v].y))
      return std::make_pair(first + static_cast<std::int64_t>(v), points[v]);
  return std::nullopt;
}

[[noreturn]] void throw_not_finite(const std::string& path, std::int64_t feature,
                                   std::pair<std::int64_t, Point2> hit) {
  throw Error("geometry.not_finite",
              fmt::format("feature {} vertex {} is ({}, {}), expected finite coordinates", feature,
                          hit.first, hit.second.x, hit.second.y),
              vertex_location(path, feature, hit.first));
}

// Refuses a vertex with an infinite or NaN coordinate, which GEOS and PROJ cannot work with.
// Vertices are counted through the parts (rings) of a feature, as vertex_location counts them.
void check_finite(const VectorFile& file, const std::string& path) {
  for (const auto& f : file.lines) {
    std::int64_t first = 0;
    for (const auto& part : f.parts) {
      if (auto hit = first_not_finite(part, first)) throw_not_finite(path, f.index, *hit);
      first += static_cast<std::int64_t>(part.size());
    }
  }
  for (const auto& f : file.polygons) {
    std::int64_t first = 0;
    for (const auto& poly : f.polygons)
      for (const auto& ring : poly) {
        if (auto hit = first_not_finite(ring, first)) throw_not_finite(path, f.index, *hit);
        first += static_cast<std::int64_t>(ring.size());
      }
  }
}

template <typename Fn>
void for_each_point(VectorFile& file, Fn&& fn) {
  for (auto& f : file.lines)
    for (auto& part : f.parts)
      for (auto& p : part) fn(p);
  for (auto& f : file.polygons)
    for (auto& poly : f.polygons)
      for (auto& ring : poly)
        for (auto& p : ring) fn(p);
}

void transform(VectorFile& file, const OGRSpatialReference& src, const OGRSpatialReference& dst,
               const VectorReadOptions& options, Diagnostics& diagnostics) {
  if (src.IsSame(&dst)) return;
  if (!src.IsSameGeogCS(&dst)) {
    const char* a = src.GetAttrValue("DATUM");
    const char* b = dst.GetAttrValue("DATUM");
    const std::string msg = fmt::format(
        "'{}' is on datum {} but the project CRS '{}' is on datum {}; a datum shift of up to "
        "hundreds of metres would be applied",
        describe(src), a ? a : "?", describe(dst), b ? b : "?");
    if (!options.allow_datum_shift)
      throw Error("crs.datum_mismatch",
                  msg + ", expected the same datum or " + options.datum_shift_hint, {file.path});
    diagnostics.warn("crs.datum_shift", msg + " (allowed by " + options.datum_shift_hint + ")",
                     {file.path});
  }
  std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&src, &dst));
  if (!ct)
    throw Error("crs.transform_failed",
                fmt::format("PROJ has no transformation from '{}' to '{}': {}", describe(src),
                            describe(dst), CPLGetLastErrorMsg()),
                {file.path});
  bool ok = true;
  for_each_point(file, [&](Point2& p) {
    double x = p.x, y = p.y;
    if (!ct->Transform(1, &x, &y) || !std::isfinite(x) || !std::isfinite(y)) ok = false;
    p = {x, y};
  });
  if (!ok)
    throw Error("crs.transform_failed",
                fmt::format("some coordinates could not be transformed from '{}' to '{}' "
                            "(outside the CRS's area of use or lon/lat axes swapped?)",
                            describe(src), describe(dst)),
                {file.path});
}

}  // namespace

OGRSpatialReference make_srs(const std::string& text, const InputLocation& where) {
  init_gdal();
  OGRSpatialReference srs;
  if (text.empty() || srs.SetFromUserInput(strip_remark(text).c_str()) != OGRERR_NONE)
    throw Error("crs.unknown",
                fmt::format("CRS '{}' is not known to PROJ, expected an EPSG code such as "
                            "'EPSG:32638', a WKT or a PROJ string",
                            text),
                where);
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

std::string canonical_crs(const std::string& text, const InputLocation& where) {
  make_srs(text, where);
  return strip_remark(text);
}

namespace {

/// "text 'LINSTRING (0 0, 1 1)' is not a WKT geometry, expected ...", or the empty file.
/// Bytes outside printable ASCII shown as \xHH (a WKT holds none; a terminal should not get
/// raw invalid UTF-8).
std::string shown_bytes(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7f)
      out += c;
    else
      out += fmt::format("\\x{:02x}", u);
  }
  return out;
}

std::string not_wkt_message(const std::string& text, std::size_t start) {
  const std::size_t first = text.find_first_not_of(" \t\r\n", start);
  if (first == std::string::npos)
    return "the file holds no geometry, expected e.g. 'LINESTRING (x1 y1, x2 y2, ...)'";
  std::string shown = shown_bytes(
      text.substr(first, std::min<std::size_t>(40, text.find_first_of("\r\n", first) - first)));
  return fmt::format(
      "text '{}' is not a WKT geometry, expected e.g. 'LINESTRING (x1 y1, x2 y2, "
      "...)'",
      shown);
}

bool is_wkt_word(std::string_view word) {
  constexpr std::array<std::string_view, 11> kWords{"point",
                                                    "linestring",
                                                    "polygon",
                                                    "multipoint",
                                                    "multilinestring",
                                                    "multipolygon",
                                                    "geometrycollection",
                                                    "empty",
                                                    "z",
                                                    "m",
                                                    "zm"};
  return std::any_of(kWords.begin(), kWords.end(),
                     [&](std::string_view w) { return equal_ignoring_case(w, word); });
}

/// "a WKT word: LINESTRING?" for a misspelt geometry word, else what may stand there.
std::string wkt_word_hint(std::string_view word) {
  const std::vector<std::string> words{
      "POINT",           "LINESTRING",   "POLYGON",           "MULTIPOINT",
      "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION"};
  std::string upper(word);
  for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  const std::string closest = closest_name(upper, words);
  return closest.empty() ? "a finite number, a WKT word such as LINESTRING, or one of ( ) ,"
                         : fmt::format("the WKT word '{}'", closest);
}

/// Where a WKT that OGR refused goes wrong: the first token that is neither a WKT word, a
/// number nor '(', ')' or ','; an unmatched parenthesis; else the geometry's first word.
Error wkt_syntax_error(const std::string& text, std::size_t start, const std::string& path) {
  const io::LineIndex lines(text);
  int depth = 0;
  std::size_t i = text.find_first_not_of(" \t\r\n", start);
  if (i == std::string::npos) return Error("input.bad_wkt", not_wkt_message(text, start), {path});
  const std::size_t first = i;
  auto refuse = [&](std::size_t at, const std::string& what) {
    return Error("input.bad_wkt", what, lines.location(at, path));
  };
  while (i < text.size()) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',') {
      ++i;
    } else if (c == '(' || c == ')') {
      depth += c == '(' ? 1 : -1;
      if (depth < 0) return refuse(i, "found ')' with no '(' open, expected a WKT geometry");
      ++i;
    } else {
      const std::size_t end = std::min(text.find_first_of(" \t\r\n,()", i), text.size());
      const std::string_view token(text.data() + i, end - i);
      const bool letters = std::all_of(token.begin(), token.end(), [](char ch) {
        return std::isalpha(static_cast<unsigned char>(ch)) != 0;
      });
      if (!(letters && is_wkt_word(token)) && !io::parse_double(token))
        return refuse(i, fmt::format("found '{}', expected {}", shown_bytes(token),
                                     letters ? wkt_word_hint(token)
                                             : "a finite number, a WKT word such as LINESTRING, or "
                                               "one of ( ) ,"));
      i = end;
    }
  }
  if (depth > 0)
    return refuse(text.find_last_not_of(" \t\r\n"),
                  fmt::format("the geometry ends with {} '(' not closed, expected ')'", depth));
  return refuse(first, not_wkt_message(text, start));
}

}  // namespace

std::string crs_name(const std::string& text) { return describe(make_srs(text, {})); }

VectorFile read_vector_file(const std::string& path, const VectorReadOptions& options,
                            Diagnostics& diagnostics) {
  init_gdal();
  VectorFile file;
  file.path = path;
  const std::string ext = lower_ext(path);
  std::optional<OGRSpatialReference> src;

  if (!std::filesystem::exists(path))
    throw Error("io.cannot_open", fmt::format("cannot open '{}': no such file", path), {path});

  if (ext == ".wkt") {
    const std::string text = io::read_text(path);
    // A UTF-8 byte order mark (Notepad writes one) is no part of the geometry.
    const std::size_t start = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
    OGRGeometry* raw = nullptr;
    const char* cursor = text.c_str() + start;
    if (OGRGeometryFactory::createFromWkt(&cursor, nullptr, &raw) != OGRERR_NONE || !raw)
      throw wkt_syntax_error(text, start, path);
    std::unique_ptr<OGRGeometry> geom(raw);
    const std::size_t rest =
        text.find_first_not_of(" \t\r\n", static_cast<std::size_t>(cursor - text.c_str()));
    if (rest != std::string::npos)
      throw Error("input.bad_wkt",
                  fmt::format("unexpected text '{}' after the WKT geometry, expected one geometry",
                              text.substr(rest, text.find_first_of("\r\n", rest) - rest)),
                  io::location_of(text, rest, path));
    add_geometry(geom.get(), 0, {}, path, file);
  } else {
    if (ext == ".geojson" || ext == ".json") io::read_json(path);  // syntax errors with line:col
    std::unique_ptr<GDALDataset> ds(
        GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds)
      throw Error(
          "input.bad_vector",
          fmt::format("GDAL cannot read '{}' as vector data: {}", path, CPLGetLastErrorMsg()),
          {path});
    std::int64_t index = 0;
    for (auto* layer : ds->GetLayers()) {
      if (!src && layer->GetSpatialRef()) {
        src = *layer->GetSpatialRef();
        src->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
      }
      for (auto& feature : *layer) {
        std::map<std::string, std::string> props;
        for (int f = 0; f < feature->GetFieldCount(); ++f)
          if (feature->IsFieldSetAndNotNull(f))
            props[feature->GetFieldDefnRef(f)->GetNameRef()] = feature->GetFieldAsString(f);
        add_geometry(feature->GetGeometryRef(), index++, std::move(props), path, file);
      }
    }
  }
  if (file.lines.empty() && file.polygons.empty())
    throw Error("geometry.empty", "file holds no features, expected a line or polygon", {path});
  check_finite(file, path);

  if (!src && !options.assume_crs.empty()) src = make_srs(options.assume_crs, {path});
  if (src) file.source_crs = describe(*src);
  if (options.target_crs.empty()) {
    if (src && src->IsGeographic())
      throw Error("crs.missing",
                  fmt::format("'{}' is in geographic coordinates ({}) but no target CRS is "
                              "given, expected a projected CRS such as EPSG:32638 in {}",
                              path, describe(*src), options.target_crs_hint),
                  {path});
    return file;
  }
  const OGRSpatialReference dst = make_srs(options.target_crs, {});
  if (!src) {
    diagnostics.warn("geometry.crs_assumed",
                     fmt::format("'{}' declares no CRS; its coordinates are taken to be in the "
                                 "project CRS {}",
                                 path, describe(dst)),
                     {path});
    file.source_crs = describe(dst);
    return file;
  }
  transform(file, *src, dst, options, diagnostics);
  return file;
}

InputLocation vertex_location(const std::string& path, std::int64_t feature, std::int64_t vertex) {
  const std::string ext = lower_ext(path);
  if (ext != ".geojson" && ext != ".json") return {path};
  std::string text;
  try {
    text = io::read_text(path);
  } catch (const Error&) {
    return {path};
  }
  // Find the feature-th "coordinates" member, then the vertex-th innermost array in it.
  std::size_t pos = 0;
  for (std::int64_t f = 0; f <= feature; ++f) {
    pos = text.find("\"coordinates\"", pos == 0 ? 0 : pos + 1);
    if (pos == std::string::npos) return {path};
  }
  std::size_t i = text.find('[', pos);
  if (i == std::string::npos) return {path};
  int depth = 0;
  std::int64_t seen = 0;
  for (; i < text.size(); ++i) {
    if (text[i] == '[') {
      ++depth;
      const std::size_t next = text.find_first_not_of(" \t\r\n", i + 1);
      if (next != std::string::npos && text[next] != '[') {
        if (seen == vertex) return io::location_of(text, i, path);
        ++seen;
      }
    } else if (text[i] == ']') {
      if (--depth == 0) break;
    }
  }
  return {path};
}

}  // namespace lodeline::geo

namespace lodeline::geo {

std::vector<Point2> transform_points(const std::vector<Point2>& points, const std::string& from_crs,
                                     const std::string& to_crs) {
  const OGRSpatialReference src = make_srs(from_crs, {});
  const OGRSpatialReference dst = make_srs(to_crs, {});
  std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&src, &dst));
  if (!ct)
    throw Error("crs.transform_failed",
                fmt::format("PROJ has no transformation from '{}' to '{}'", from_crs, to_crs));
  std::vector<Point2> out;
  for (const auto& p : points) {
    double x = p.x, y = p.y;
    if (!ct->Transform(1, &x, &y))
      throw Error("crs.transform_failed",
                  fmt::format("point ({}, {}) cannot be transformed from '{}' to '{}'", p.x, p.y,
                              from_crs, to_crs));
    out.push_back({x, y});
  }
  return out;
}

}  // namespace lodeline::geo
