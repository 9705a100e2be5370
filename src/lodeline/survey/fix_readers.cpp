// SPDX-License-Identifier: Apache-2.0
// CSV pillar/fix tables and GPX points as fixes; dispatch of a fix file by its extension.
#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <optional>

#include "lodeline/geo/gpx.hpp"
#include "lodeline/io/csv.hpp"
#include "lodeline/io/text_file.hpp"
#include "lodeline/survey/civil_time.hpp"
#include "lodeline/survey/fix_file.hpp"
#include "lodeline/survey/survey.hpp"

namespace lodeline::survey {

namespace {

/// The columns of a fix table; the optional ones may be absent.
struct FixColumns {
  std::size_t pillar = 0, lat = 0, lon = 0;
  std::optional<std::size_t> h, sd_e, sd_n, cov_ee, cov_nn, cov_en, time;
  InputLocation header;
};

/// The columns by name: pillar, lat and lon required; sd_e_m and sd_n_m together or neither,
/// cov_ee_m2 and cov_nn_m2 together or neither, not both pairs.
FixColumns fix_columns(const io::CsvTable& t, const std::string& file) {
  FixColumns c;
  c.pillar = t.require_column({"pillar", "name", "point", "id"}, "pillar name");
  c.lat = t.require_column({"lat", "latitude", "lat_deg"}, "latitude (degrees)");
  c.lon = t.require_column({"lon", "lng", "long", "longitude", "lon_deg"}, "longitude (degrees)");
  c.h = t.find_column({"h", "h_m", "height", "height_m", "ellipsoidal_height_m"});
  c.sd_e = t.find_column({"sd_e_m", "sd_e", "sde"});
  c.sd_n = t.find_column({"sd_n_m", "sd_n", "sdn"});
  c.cov_ee = t.find_column({"cov_ee_m2", "cov_ee"});
  c.cov_nn = t.find_column({"cov_nn_m2", "cov_nn"});
  c.cov_en = t.find_column({"cov_en_m2", "cov_en", "cov_ne_m2"});
  c.time = t.find_column({"time", "time_utc"});
  c.header = {file, t.header_line(), 1};
  if (c.sd_e.has_value() != c.sd_n.has_value())
    throw Error("input.missing_column",
                fmt::format("the table has {} but not {}, expected both sd_e_m and sd_n_m or "
                            "neither",
                            c.sd_e ? "sd_e_m" : "sd_n_m", c.sd_e ? "sd_n_m" : "sd_e_m"),
                c.header);
  if (c.cov_ee.has_value() != c.cov_nn.has_value() || (c.cov_ee && c.sd_e))
    throw Error("input.missing_column",
                "expected either sd_e_m, sd_n_m (and optional cov_en_m2) or cov_ee_m2, "
                "cov_nn_m2 (and optional cov_en_m2)",
                c.header);
  return c;
}

/// Pillar name, latitude and longitude (degrees), and the optional height (m).
void read_pillar_position(const io::CsvTable& t, const io::CsvRow& row, const FixColumns& c,
                          Fix& fx) {
  fx.pillar = row.fields[c.pillar].text;
  if (fx.pillar.empty())
    throw Error("input.bad_csv", "empty pillar name, expected a name", t.location(row, c.pillar));
  fx.lat_deg = t.number(row, c.lat);
  fx.lon_deg = t.number(row, c.lon);
  if (std::abs(fx.lat_deg) > 90)
    throw Error(
        "input.bad_csv",
        fmt::format("latitude {} is outside -90..90 degrees (columns swapped?)", fx.lat_deg),
        t.location(row, c.lat));
  if (std::abs(fx.lon_deg) > 180)
    throw Error("input.bad_csv",
                fmt::format("longitude {} is outside -180..180 degrees", fx.lon_deg),
                t.location(row, c.lon));
  if (c.h) fx.h_m = t.number(row, *c.h);
}

/// The largest standard deviation a fix may state (m).
constexpr double kMaxFixSdM = 1e4;

/// sd_e_m and sd_n_m, or the square roots of cov_ee_m2 and cov_nn_m2 (each > 0, at most
/// kMaxFixSdM).
void read_sd_m(const io::CsvTable& t, const io::CsvRow& row, const FixColumns& c, Fix& fx) {
  if (c.sd_e) {
    fx.sd_e_m = t.number(row, *c.sd_e);
    fx.sd_n_m = t.number(row, *c.sd_n);
    for (const auto& [v, col] : {std::pair{*fx.sd_e_m, *c.sd_e}, std::pair{*fx.sd_n_m, *c.sd_n}}) {
      if (!(v > 0))
        throw Error("input.bad_csv",
                    fmt::format("standard deviation {} is not positive, expected > 0 m", v),
                    t.location(row, col));
      if (!(v <= kMaxFixSdM))  // a fix 10 km uncertain is no fix: a unit or column mix-up
        throw Error("input.bad_csv",
                    fmt::format("standard deviation {} m is beyond {:g} m, expected the fix's sd "
                                "in metres",
                                v, kMaxFixSdM),
                    t.location(row, col));
    }
  }
  if (c.cov_ee) {
    const double ee = t.number(row, *c.cov_ee), nn = t.number(row, *c.cov_nn);
    for (const auto& [v, col] : {std::pair{ee, *c.cov_ee}, std::pair{nn, *c.cov_nn}}) {
      if (!(v > 0))
        throw Error("input.bad_csv", fmt::format("variance {} is not positive, expected > 0 m2", v),
                    t.location(row, col));
      if (!(v <= kMaxFixSdM * kMaxFixSdM))
        throw Error("input.bad_csv",
                    fmt::format("variance {} m2 is beyond {:g} m2, expected the fix's variance in "
                                "square metres",
                                v, kMaxFixSdM * kMaxFixSdM),
                    t.location(row, col));
    }
    fx.sd_e_m = std::sqrt(ee);
    fx.sd_n_m = std::sqrt(nn);
  }
}

/// cov_en_m2, below sd_e * sd_n (a positive definite covariance).
void read_cov_en_m2(const io::CsvTable& t, const io::CsvRow& row, const FixColumns& c, Fix& fx) {
  if (!fx.sd_e_m)
    throw Error("input.missing_column",
                "cov_en_m2 given without sd_e_m/sd_n_m or cov_ee_m2/cov_nn_m2, expected "
                "the variances too",
                c.header);
  fx.cov_en_m2 = t.number(row, *c.cov_en);
  if (std::abs(*fx.cov_en_m2) >= *fx.sd_e_m * *fx.sd_n_m)
    throw Error("input.bad_csv",
                fmt::format("covariance {} m2 is not below sd_e * sd_n = {} m2, expected a "
                            "positive definite 2x2 covariance",
                            *fx.cov_en_m2, *fx.sd_e_m * *fx.sd_n_m),
                t.location(row, *c.cov_en));
}

/// The time (UTC seconds) of an ISO 8601 time field.
void read_time_utc_s(const io::CsvTable& t, const io::CsvRow& row, std::size_t col, Fix& fx) {
  fx.time_utc_s = detail::parse_iso8601_utc(row.fields[col].text);
  if (!fx.time_utc_s)
    throw Error("input.bad_time",
                fmt::format("'{}' is not a time, expected ISO 8601 UTC such as "
                            "2021-06-01T10:00:00Z",
                            row.fields[col].text),
                t.location(row, col));
}

Fix fix_from_row(const io::CsvTable& t, const io::CsvRow& row, const FixColumns& c,
                 const std::string& file, const SurveyOptions& options) {
  Fix fx;
  fx.file = file;
  fx.location = t.location(row, 0);
  fx.format = FixFormat::csv;
  fx.crs = options.csv_crs;
  fx.quality = FixQuality::given;
  fx.quality_code = "given";
  read_pillar_position(t, row, c, fx);
  read_sd_m(t, row, c, fx);
  if (c.cov_en) read_cov_en_m2(t, row, c, fx);
  if (c.time && !row.fields[*c.time].text.empty()) read_time_utc_s(t, row, *c.time, fx);
  return fx;
}

/// The row's fix into out, or its error into errors; a missing column ends the reading.
void add_row_fix(const io::CsvTable& t, const io::CsvRow& row, const FixColumns& c,
                 const std::string& file, const SurveyOptions& options, std::vector<Fix>& out,
                 ErrorList& errors) {
  try {
    out.push_back(fix_from_row(t, row, c, file, options));
  } catch (Error& e) {
    if (e.code() == "input.missing_column") throw;
    errors.add(std::move(e));
  }
}

}  // namespace

std::vector<Fix> parse_fix_csv(const std::string& text, const std::string& file,
                               const SurveyOptions& options) {
  const auto t = io::CsvTable::parse(text, file);
  const FixColumns c = fix_columns(t, file);
  std::vector<Fix> out;
  ErrorList errors;
  for (const auto& row : t.rows()) add_row_fix(t, row, c, file, options, out, errors);
  errors.throw_if_any();
  if (out.empty())
    throw Error("input.empty_file", "fix table holds no row, expected pillar,lat,lon rows", {file});
  return out;
}

std::vector<Fix> read_gpx(const std::string& path) {
  const std::string stem = std::filesystem::path(path).stem().string();
  const auto points = geo::read_gpx_points(path);
  std::vector<Fix> out;
  out.reserve(points.size());
  ErrorList errors;
  for (const auto& p : points) {
    Fix fx;
    fx.file = path;
    fx.location = p.location;
    fx.format = FixFormat::gpx;
    fx.crs = "EPSG:4326";
    const bool named_waypoint = p.kind == geo::GpxPoint::Kind::waypoint && !p.name.empty();
    fx.pillar = named_waypoint ? p.name : stem;
    fx.pillar_from_file_stem = !named_waypoint;
    fx.lat_deg = p.lat_deg;
    fx.lon_deg = p.lon_deg;
    fx.alt_msl_m = p.ele_m;
    fx.geoid_sep_m = p.geoid_height_m;
    if (p.ele_m && p.geoid_height_m) fx.h_m = *p.ele_m + *p.geoid_height_m;
    fx.time_utc_s = p.time_utc_s;
    fx.hdop = p.hdop;
    fx.vdop = p.vdop;
    fx.pdop = p.pdop;
    fx.satellites = p.sat;
    fx.quality_code = p.fix;
    if (p.fix.empty()) {
      fx.quality = FixQuality::unknown;
    } else if (p.fix == "none") {
      fx.quality = FixQuality::invalid;
    } else if (p.fix == "2d" || p.fix == "3d") {
      fx.quality = FixQuality::single;
    } else if (p.fix == "dgps") {
      fx.quality = FixQuality::dgps;
    } else if (p.fix == "pps") {
      fx.quality = FixQuality::pps;
    } else {
      errors.add(Error("input.bad_gpx",
                       fmt::format("<fix> '{}' of {} {}, expected none, 2d, 3d, dgps or pps", p.fix,
                                   geo::to_string(p.kind), p.index + 1),
                       p.location));
      continue;
    }
    if (fx.hdop && !(*fx.hdop > 0)) {
      errors.add(Error("input.bad_gpx",
                       fmt::format("<hdop> {} of {} {} is not positive, expected > 0", *fx.hdop,
                                   geo::to_string(p.kind), p.index + 1),
                       p.location));
      continue;
    }
    out.push_back(std::move(fx));
  }
  errors.throw_if_any();
  return out;
}

Fix detail::fix_named_after_file(const std::string& file, const std::string& stem, FixFormat format,
                                 const InputLocation& location) {
  Fix fx;
  fx.file = file;
  fx.pillar = stem;
  fx.pillar_from_file_stem = true;
  fx.location = location;
  fx.format = format;
  return fx;
}

std::vector<Fix> read_fix_file(const std::string& path, const SurveyOptions& options) {
  switch (format_from_path(path)) {
    case FixFormat::gpx:
      return read_gpx(path);
    case FixFormat::nmea:
      return parse_nmea(io::read_text(path), path);
    case FixFormat::rtklib_pos:
      return parse_rtklib_pos(io::read_text(path), path, options);
    case FixFormat::csv:
      return parse_fix_csv(io::read_text(path), path, options);
  }
  return {};
}

}  // namespace lodeline::survey
