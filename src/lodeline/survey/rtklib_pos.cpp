// SPDX-License-Identifier: Apache-2.0
// RTKLIB solution files (.pos) -> fixes. Reference: T. Takasu, RTKLIB ver. 2.4.2 Manual
// (2013), Appendix B "Output file formats", solution format: '%' header lines, the last of
// which names the columns; time as "yyyy/mm/dd hh:mm:ss.sss" or "week tow" in GPST, UTC or
// JST; position as lat/lon/height in degrees or in degrees-minutes-seconds, or x/y/z-ecef;
// Q (1 fix, 2 float, 3 sbas, 4 dgps, 5 single, 6 ppp), ns, standard deviations sdn/sde/sdu
// (or sdx/sdy/sdz) and the covariance terms sdne/sdeu/sdun (sdxy/sdyz/sdzx) written as
// sign(c) * sqrt(|c|); age and ratio. GPST = UTC + leap seconds (18 s since 2017-01-01).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <map>
#include <numbers>

#include "lodeline/geo/projection.hpp"
#include "lodeline/io/csv.hpp"
#include "lodeline/survey/civil_time.hpp"
#include "lodeline/survey/fix_file.hpp"
#include "lodeline/survey/survey.hpp"

namespace lodeline::survey {
namespace {

enum class Layout { deg, dms, ecef };

struct Token {
  std::string_view text;
  std::int64_t column = 0;
};

std::vector<Token> split_ws(std::string_view line) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (true) {
    i = line.find_first_not_of(" \t\r", i);
    if (i == std::string_view::npos) break;
    const std::size_t end = std::min(line.find_first_of(" \t\r", i), line.size());
    out.push_back({line.substr(i, end - i), static_cast<std::int64_t>(i) + 1});
    i = end;
  }
  return out;
}

FixQuality rtklib_quality(std::int64_t q) {
  switch (q) {
    case 1:
      return FixQuality::rtk_fixed;
    case 2:
      return FixQuality::rtk_float;
    case 3:
      return FixQuality::sbas;
    case 4:
      return FixQuality::dgps;
    case 5:
      return FixQuality::single;
    default:
      return FixQuality::ppp;
  }
}

// Legend: time system, position layout, and the data-token index of each named column.
struct Legend {
  std::int64_t line = 0;
  std::string time_system;  // GPST, UTC, JST
  Layout layout = Layout::deg;
  std::size_t tokens = 0;                    // tokens per data line
  std::map<std::string, std::size_t> index;  // column name (lower case, no unit) -> token
};

std::string column_key(std::string_view name) {
  std::string s(name.substr(0, name.find('(')));
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// How reading goes on after a solution line: with the next line, or not at all (the legend
/// lacks a column every line needs, or there is no legend: one error is enough).
enum class Next { line, stop };

/// What became of one part of a solution line.
enum class Read { good, bad_line, bad_legend };

/// An ECEF solution, converted to geodetic once every line is read.
struct EcefSolution {
  std::size_t fix_index = 0;  // index into the fixes read
  std::array<double, 3> xyz_m{};
  std::array<double, 6> cov_m2{-1, 0, 0, 0, 0, 0};  // xx yy zz xy yz zx; xx < 0: no deviations
};

/// The state of reading one .pos file.
struct PosFile {
  PosFile(const std::string& file_name, const SurveyOptions& survey_options)
      : file(file_name),
        options(survey_options),
        stem(std::filesystem::path(file_name).stem().string()) {}

  const std::string& file;
  const SurveyOptions& options;
  std::string stem;
  ErrorList errors;
  std::vector<Fix> fixes;
  std::optional<Legend> legend;
  bool ellipsoidal = true;
  std::vector<EcefSolution> ecef;
};

double signed_square(double v) { return std::copysign(v * v, v); }

bool is_legend(const std::vector<Token>& head) {
  return head.size() >= 2 &&
         (head[0].text == "GPST" || head[0].text == "UTC" || head[0].text == "JST");
}

/// The legend's columns, or nullopt (with an error) for a position layout not supported.
std::optional<Legend> parse_legend(const std::vector<Token>& head, const std::string& file,
                                   std::int64_t line_no, ErrorList& errors) {
  Legend lg;
  lg.line = line_no;
  lg.time_system = std::string(head[0].text);
  const std::string second = column_key(head[1].text);
  if (head[1].text.starts_with("latitude(deg)")) {
    lg.layout = Layout::deg;
  } else if (head[1].text.starts_with("latitude(d")) {
    lg.layout = Layout::dms;
  } else if (second == "x-ecef") {
    lg.layout = Layout::ecef;
  } else {
    errors.add(Error("input.bad_pos",
                     fmt::format("position columns '{}' are not supported, expected "
                                 "latitude(deg)/longitude(deg)/height(m), latitude(d'\")/"
                                 "longitude(d'\") or x-ecef(m)/y-ecef(m)/z-ecef(m) (e/n/u "
                                 "baselines need the base position)",
                                 head[1].text),
                     {file, line_no, head[1].column + 1}));
    return std::nullopt;
  }
  std::size_t t = 2;  // the time takes two tokens
  for (std::size_t k = 1; k < head.size(); ++k) {
    const std::string key = column_key(head[k].text);
    const bool dms_angle = lg.layout == Layout::dms && (key == "latitude" || key == "longitude");
    lg.index[key] = t;
    t += dms_angle ? 3 : 1;
  }
  lg.tokens = t;
  return lg;
}

/// A '%' header line: the datum of "lat/lon/height=" and the column legend.
void read_header_line(std::string_view line, const InputLocation& here, PosFile& pf) {
  const std::string_view body = line.substr(line.find('%') + 1);
  if (const auto at = body.find("lat/lon/height="); at != std::string_view::npos) {
    const std::string_view rest = body.substr(at + 15);
    const std::string_view datum = rest.substr(0, rest.find('/'));
    if (datum != "WGS84")
      pf.errors.add(Error("input.bad_pos",
                          fmt::format("positions are on datum '{}', expected WGS84", datum), here));
    pf.ellipsoidal = rest.find("ellipsoidal") != std::string_view::npos;
  }
  const auto head = split_ws(body);
  if (!is_legend(head)) return;
  if (auto lg = parse_legend(head, pf.file, here.line, pf.errors)) pf.legend = std::move(*lg);
}

/// One solution line being read; `ok` turns false at the first bad value.
struct SolutionLine {
  const std::vector<Token>& tok;
  const Legend& lg;
  const std::string& file;
  std::int64_t line_no = 0;
  ErrorList& errors;
  bool ok = true;

  [[nodiscard]] InputLocation at(std::size_t i) const { return {file, line_no, tok[i].column}; }

  [[nodiscard]] std::optional<std::size_t> column(const char* key) const {
    const auto it = lg.index.find(key);
    if (it == lg.index.end()) return std::nullopt;
    return it->second;
  }

  double number(std::size_t i, const char* what) {
    const auto v = io::parse_double(tok[i].text);
    if (!v) {
      errors.add(Error("input.bad_pos",
                       fmt::format("{} '{}' is not a number, expected a number", what, tok[i].text),
                       at(i)));
      ok = false;
      return 0;
    }
    return *v;
  }

  /// An angle in degrees, written as degrees or as degrees minutes seconds (three tokens).
  double angle_deg(std::size_t i, const char* what, double limit_deg) {
    if (lg.layout == Layout::deg) {
      const double v = number(i, what);
      if (ok && std::abs(v) > limit_deg) {
        errors.add(Error(
            "input.bad_pos",
            fmt::format("{} {} is outside -{}..{} degrees", what, v, limit_deg, limit_deg), at(i)));
        ok = false;
      }
      return v;
    }
    const double d = number(i, what), m = number(i + 1, what), s = number(i + 2, what);
    if (ok && (m < 0 || m >= 60 || s < 0 || s >= 60 || std::abs(d) > limit_deg)) {
      errors.add(Error("input.bad_pos",
                       fmt::format("{} '{} {} {}' is not degrees minutes seconds, expected "
                                   "minutes and seconds in 0..60",
                                   what, tok[i].text, tok[i + 1].text, tok[i + 2].text),
                       at(i)));
      ok = false;
    }
    const double mag = std::abs(d) + m / 60 + s / 3600;
    return tok[i].text.front() == '-' ? -mag : mag;
  }
};

/// The line's time as "yyyy/mm/dd hh:mm:ss.sss", in seconds since 1970 in its time system.
std::optional<double> calendar_time_s(const SolutionLine& sl, const InputLocation& here) {
  std::string iso(sl.tok[0].text);
  std::replace(iso.begin(), iso.end(), '/', '-');
  iso += "T";
  iso += sl.tok[1].text;
  const auto t = detail::parse_iso8601_utc(iso);
  if (!t)
    sl.errors.add(Error("input.bad_pos",
                        fmt::format("time '{} {}' is not yyyy/mm/dd hh:mm:ss.sss, expected e.g. "
                                    "2021/06/01 10:00:00.000",
                                    sl.tok[0].text, sl.tok[1].text),
                        here));
  return t;
}

/// The line's time as "week tow", in seconds since 1970 in GPST.
std::optional<double> gps_week_time_s(const SolutionLine& sl, const InputLocation& here) {
  const auto week = io::parse_int(sl.tok[0].text);
  const auto tow = io::parse_double(sl.tok[1].text);
  if (!week || !tow || *week < 0 || *tow < 0 || *tow >= 604800 || sl.lg.time_system != "GPST") {
    sl.errors.add(Error("input.bad_pos",
                        fmt::format("time '{} {}' is not a GPS week and time of week in GPST, "
                                    "expected e.g. 2160 201600.000",
                                    sl.tok[0].text, sl.tok[1].text),
                        here));
    return std::nullopt;
  }
  return static_cast<double>(detail::days_from_civil(1980, 1, 6)) * 86400.0 +
         static_cast<double>(*week) * 604800.0 + *tow;
}

/// The line's time in UTC seconds, or nullopt (with an error) for a time not understood.
std::optional<double> solution_time_utc_s(const SolutionLine& sl, const InputLocation& here,
                                          const SurveyOptions& options) {
  auto t_s = sl.tok[0].text.find('/') != std::string_view::npos ? calendar_time_s(sl, here)
                                                                : gps_week_time_s(sl, here);
  if (!t_s) return std::nullopt;
  if (sl.lg.time_system == "GPST") *t_s -= options.gpst_minus_utc_s;
  if (sl.lg.time_system == "JST") *t_s -= 9 * 3600.0;
  return t_s;
}

/// Q (quality) and ns (satellites) into the fix.
Read read_quality(const SolutionLine& sl, Fix& fx) {
  const auto qi = sl.column("q");
  if (!qi) {
    sl.errors.add(Error("input.bad_pos", "the legend has no Q column, expected Q (quality)",
                        {sl.file, sl.lg.line, 1}));
    return Read::bad_legend;
  }
  const auto q = io::parse_int(sl.tok[*qi].text);
  if (!q || *q < 1 || *q > 6) {
    sl.errors.add(Error("input.bad_pos",
                        fmt::format("Q '{}' is not 1-6, expected 1 fix, 2 float, 3 sbas, 4 dgps, "
                                    "5 single, 6 ppp",
                                    sl.tok[*qi].text),
                        sl.at(*qi)));
    return Read::bad_line;
  }
  fx.quality = rtklib_quality(*q);
  fx.quality_code = std::string(sl.tok[*qi].text);
  if (const auto ns = sl.column("ns")) {
    const auto n = io::parse_int(sl.tok[*ns].text);
    if (!n || *n < 0) {
      sl.errors.add(Error(
          "input.bad_pos",
          fmt::format("ns '{}' is not a satellite count, expected 0 or more", sl.tok[*ns].text),
          sl.at(*ns)));
      return Read::bad_line;
    }
    fx.satellites = static_cast<int>(*n);
  }
  return Read::good;
}

/// x/y/z-ecef and, when all six are given, sdx..sdzx.
Read read_ecef_position(SolutionLine& sl, EcefSolution& solution) {
  const auto ix = sl.column("x-ecef"), iy = sl.column("y-ecef"), iz = sl.column("z-ecef");
  if (!ix || !iy || !iz) {
    sl.errors.add(Error("input.bad_pos", "the legend lacks y-ecef(m) or z-ecef(m)",
                        {sl.file, sl.lg.line, 1}));
    return Read::bad_legend;
  }
  solution.xyz_m = {sl.number(*ix, "x-ecef"), sl.number(*iy, "y-ecef"), sl.number(*iz, "z-ecef")};
  std::array<double, 6> c{};
  const std::array<const char*, 6> keys = {"sdx", "sdy", "sdz", "sdxy", "sdyz", "sdzx"};
  bool have_sd = true;
  for (std::size_t k = 0; k < keys.size(); ++k) {
    const auto i = sl.column(keys[k]);
    if (!i) {
      have_sd = false;
      continue;
    }
    const double v = sl.number(*i, keys[k]);
    c[k] = k < 3 ? v * v : signed_square(v);
  }
  if (have_sd) solution.cov_m2 = c;
  return sl.ok ? Read::good : Read::bad_line;
}

/// sdn, sde and sdne into the fix, when the legend has sdn and sde.
void read_en_deviations(SolutionLine& sl, Fix& fx) {
  const auto isn = sl.column("sdn"), ise = sl.column("sde"), isne = sl.column("sdne");
  if (!isn || !ise) return;
  fx.sd_n_m = sl.number(*isn, "sdn");
  fx.sd_e_m = sl.number(*ise, "sde");
  fx.cov_en_m2 = isne ? signed_square(sl.number(*isne, "sdne")) : 0.0;
  if (sl.ok && (*fx.sd_n_m < 0 || *fx.sd_e_m < 0)) {
    sl.errors.add(Error("input.bad_pos",
                        fmt::format("negative standard deviation (sdn {}, sde {}), expected >= 0",
                                    *fx.sd_n_m, *fx.sd_e_m),
                        sl.at(*isn)));
    sl.ok = false;
  }
}

/// Latitude, longitude (degrees or d m s), height and the east/north deviations.
Read read_geodetic_position(SolutionLine& sl, bool ellipsoidal, Fix& fx) {
  const auto ilat = sl.column("latitude"), ilon = sl.column("longitude"), ih = sl.column("height");
  if (!ilat || !ilon) {
    sl.errors.add(
        Error("input.bad_pos", "the legend lacks the longitude column", {sl.file, sl.lg.line, 1}));
    return Read::bad_legend;
  }
  fx.lat_deg = sl.angle_deg(*ilat, "latitude", 90);
  fx.lon_deg = sl.angle_deg(*ilon, "longitude", 180);
  if (ih) {
    const double h = sl.number(*ih, "height");
    if (ellipsoidal)
      fx.h_m = h;
    else
      fx.alt_msl_m = h;
  }
  read_en_deviations(sl, fx);
  return sl.ok ? Read::good : Read::bad_line;
}

Fix new_fix(const PosFile& pf, const InputLocation& here) {
  Fix fx = detail::fix_named_after_file(pf.file, pf.stem, FixFormat::rtklib_pos, here);
  fx.crs = "EPSG:4326";
  return fx;
}

/// A solution line: one fix, or an error.
Next read_solution_line(const std::vector<Token>& tok, std::int64_t line_no, PosFile& pf) {
  const InputLocation here{pf.file, line_no, tok[0].column};
  if (!pf.legend) {
    pf.errors.add(Error("input.bad_pos",
                        "solution line before the column legend, expected RTKLIB's header "
                        "ending with a line such as '%  GPST  latitude(deg) longitude(deg) "
                        "height(m)  Q  ns  sdn(m) ...' (output with header on)",
                        here));
    return Next::stop;
  }
  const Legend& lg = *pf.legend;
  if (tok.size() != lg.tokens) {
    pf.errors.add(Error("input.bad_pos",
                        fmt::format("solution line has {} values, expected {} as the legend at "
                                    "line {} says",
                                    tok.size(), lg.tokens, lg.line),
                        here));
    return Next::line;
  }
  SolutionLine sl{tok, lg, pf.file, line_no, pf.errors};
  Fix fx = new_fix(pf, here);
  const auto t_s = solution_time_utc_s(sl, here, pf.options);
  if (!t_s) return Next::line;
  fx.time_utc_s = *t_s;
  Read read = read_quality(sl, fx);
  if (read == Read::good && lg.layout == Layout::ecef) {
    EcefSolution solution;
    read = read_ecef_position(sl, solution);
    solution.fix_index = pf.fixes.size();
    if (read == Read::good) pf.ecef.push_back(solution);
  } else if (read == Read::good) {
    read = read_geodetic_position(sl, pf.ellipsoidal, fx);
  }
  if (read == Read::bad_legend) return Next::stop;
  if (read == Read::good) pf.fixes.push_back(std::move(fx));
  return Next::line;
}

/// The fix's east/north deviations and covariance from its ECEF covariance.
void set_en_covariance(Fix& fx, const std::array<double, 6>& c) {
  constexpr double kDeg = std::numbers::pi / 180;
  // Local east/north rows of the ECEF -> ENU rotation at (lat, lon).
  const double sl = std::sin(fx.lon_deg * kDeg), cl = std::cos(fx.lon_deg * kDeg);
  const double sp = std::sin(fx.lat_deg * kDeg), cp = std::cos(fx.lat_deg * kDeg);
  const double e[3] = {-sl, cl, 0};
  const double n[3] = {-sp * cl, -sp * sl, cp};
  const double C[3][3] = {{c[0], c[3], c[5]}, {c[3], c[1], c[4]}, {c[5], c[4], c[2]}};
  auto quad = [&](const double* a, const double* b) {
    double s = 0;
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j) s += a[i] * C[i][j] * b[j];
    return s;
  };
  fx.sd_e_m = std::sqrt(std::max(0.0, quad(e, e)));
  fx.sd_n_m = std::sqrt(std::max(0.0, quad(n, n)));
  fx.cov_en_m2 = quad(e, n);
}

/// ECEF solutions to longitude, latitude, ellipsoidal height and east/north deviations.
void convert_ecef(const std::vector<EcefSolution>& ecef, std::vector<Fix>& fixes) {
  if (ecef.empty()) return;
  std::vector<std::array<double, 3>> xyz;
  xyz.reserve(ecef.size());
  for (const auto& solution : ecef) xyz.push_back(solution.xyz_m);
  const auto geodetic = geo::ecef_to_geodetic(xyz);
  for (std::size_t r = 0; r < ecef.size(); ++r) {
    Fix& fx = fixes[ecef[r].fix_index];
    fx.lon_deg = geodetic[r][0];
    fx.lat_deg = geodetic[r][1];
    fx.h_m = geodetic[r][2];
    if (!(ecef[r].cov_m2[0] < 0)) set_en_covariance(fx, ecef[r].cov_m2);
  }
}

}  // namespace

std::vector<Fix> parse_rtklib_pos(const std::string& text, const std::string& file,
                                  const SurveyOptions& options) {
  PosFile pf(file, options);
  std::size_t pos = 0;
  std::int64_t line_no = 0;
  while (pos < text.size()) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    ++line_no;
    const std::string_view line(text.data() + pos, end - pos);
    pos = end + 1;
    const auto tok = split_ws(line);
    if (tok.empty()) continue;
    if (tok[0].text.front() == '%') {
      read_header_line(line, {file, line_no, tok[0].column}, pf);
      continue;
    }
    if (read_solution_line(tok, line_no, pf) == Next::stop) break;
  }
  pf.errors.throw_if_any();
  if (pf.fixes.empty())
    throw Error("input.empty_file",
                "RTKLIB solution file holds no solution line, expected lines after the '%' "
                "header",
                {file});
  convert_ecef(pf.ecef, pf.fixes);
  return std::move(pf.fixes);
}

}  // namespace lodeline::survey
