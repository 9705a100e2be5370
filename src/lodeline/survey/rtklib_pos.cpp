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

}  // namespace

std::vector<Fix> parse_rtklib_pos(const std::string& text, const std::string& file,
                                  const SurveyOptions& options) {
  const std::string stem = std::filesystem::path(file).stem().string();
  ErrorList errors;
  std::vector<Fix> out;
  std::optional<Legend> legend;
  bool ellipsoidal = true;
  std::vector<std::size_t> ecef_rows;  // indices into out
  std::vector<std::array<double, 3>> ecef_xyz;
  std::vector<std::array<double, 6>> ecef_cov;  // xx yy zz xy yz zx
  std::size_t pos = 0;
  std::int64_t line_no = 0;
  while (pos < text.size()) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    ++line_no;
    const std::string_view line(text.data() + pos, end - pos);
    pos = end + 1;
    const auto tok = split_ws(line);
    if (tok.empty()) continue;
    const InputLocation here{file, line_no, tok[0].column};
    if (tok[0].text.front() == '%') {
      const std::string_view body = line.substr(line.find('%') + 1);
      if (const auto at = body.find("lat/lon/height="); at != std::string_view::npos) {
        const std::string_view rest = body.substr(at + 15);
        const std::string_view datum = rest.substr(0, rest.find('/'));
        if (datum != "WGS84")
          errors.add(Error("input.bad_pos",
                           fmt::format("positions are on datum '{}', expected WGS84", datum),
                           here));
        ellipsoidal = rest.find("ellipsoidal") != std::string_view::npos;
      }
      const auto head = split_ws(body);
      if (head.size() >= 2 &&
          (head[0].text == "GPST" || head[0].text == "UTC" || head[0].text == "JST")) {
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
          continue;
        }
        std::size_t t = 2;  // the time takes two tokens
        for (std::size_t k = 1; k < head.size(); ++k) {
          const std::string key = column_key(head[k].text);
          const bool dms_angle =
              lg.layout == Layout::dms && (key == "latitude" || key == "longitude");
          lg.index[key] = t;
          t += dms_angle ? 3 : 1;
        }
        lg.tokens = t;
        legend = lg;
      }
      continue;
    }
    if (!legend) {
      errors.add(Error("input.bad_pos",
                       "solution line before the column legend, expected RTKLIB's header "
                       "ending with a line such as '%  GPST  latitude(deg) longitude(deg) "
                       "height(m)  Q  ns  sdn(m) ...' (output with header on)",
                       here));
      break;
    }
    const Legend& lg = *legend;
    if (tok.size() != lg.tokens) {
      errors.add(Error("input.bad_pos",
                       fmt::format("solution line has {} values, expected {} as the legend at "
                                   "line {} says",
                                   tok.size(), lg.tokens, lg.line),
                       here));
      continue;
    }
    bool ok = true;
    auto num = [&](std::size_t i, const char* what) -> double {
      const auto v = io::parse_double(tok[i].text);
      if (!v) {
        errors.add(
            Error("input.bad_pos",
                  fmt::format("{} '{}' is not a number, expected a number", what, tok[i].text),
                  {file, line_no, tok[i].column}));
        ok = false;
        return 0;
      }
      return *v;
    };
    auto col = [&](const char* key) -> std::optional<std::size_t> {
      const auto it = lg.index.find(key);
      if (it == lg.index.end()) return std::nullopt;
      return it->second;
    };
    Fix fx;
    fx.file = file;
    fx.pillar = stem;
    fx.pillar_from_file_stem = true;
    fx.location = here;
    fx.format = FixFormat::rtklib_pos;
    fx.crs = "EPSG:4326";
    // Time.
    double t_s = 0;
    if (tok[0].text.find('/') != std::string_view::npos) {
      std::string iso(tok[0].text);
      std::replace(iso.begin(), iso.end(), '/', '-');
      iso += "T";
      iso += tok[1].text;
      const auto t = detail::parse_iso8601_utc(iso);
      if (!t) {
        errors.add(Error("input.bad_pos",
                         fmt::format("time '{} {}' is not yyyy/mm/dd hh:mm:ss.sss, expected e.g. "
                                     "2021/06/01 10:00:00.000",
                                     tok[0].text, tok[1].text),
                         here));
        continue;
      }
      t_s = *t;
    } else {
      const auto week = io::parse_int(tok[0].text);
      const auto tow = io::parse_double(tok[1].text);
      if (!week || !tow || *week < 0 || *tow < 0 || *tow >= 604800 || lg.time_system != "GPST") {
        errors.add(Error("input.bad_pos",
                         fmt::format("time '{} {}' is not a GPS week and time of week in GPST, "
                                     "expected e.g. 2160 201600.000",
                                     tok[0].text, tok[1].text),
                         here));
        continue;
      }
      t_s = static_cast<double>(detail::days_from_civil(1980, 1, 6)) * 86400.0 +
            static_cast<double>(*week) * 604800.0 + *tow;
    }
    if (lg.time_system == "GPST") t_s -= options.gpst_minus_utc_s;
    if (lg.time_system == "JST") t_s -= 9 * 3600.0;
    fx.time_utc_s = t_s;
    // Quality and satellites.
    const auto qi = col("q");
    if (!qi) {
      errors.add(Error("input.bad_pos", "the legend has no Q column, expected Q (quality)",
                       {file, lg.line, 1}));
      break;
    }
    const auto q = io::parse_int(tok[*qi].text);
    if (!q || *q < 1 || *q > 6) {
      errors.add(Error("input.bad_pos",
                       fmt::format("Q '{}' is not 1-6, expected 1 fix, 2 float, 3 sbas, 4 dgps, "
                                   "5 single, 6 ppp",
                                   tok[*qi].text),
                       {file, line_no, tok[*qi].column}));
      continue;
    }
    fx.quality = rtklib_quality(*q);
    fx.quality_code = std::string(tok[*qi].text);
    if (const auto ns = col("ns")) {
      const auto n = io::parse_int(tok[*ns].text);
      if (!n || *n < 0) {
        errors.add(Error(
            "input.bad_pos",
            fmt::format("ns '{}' is not a satellite count, expected 0 or more", tok[*ns].text),
            {file, line_no, tok[*ns].column}));
        continue;
      }
      fx.satellites = static_cast<int>(*n);
    }
    auto signed_square = [](double v) { return std::copysign(v * v, v); };
    if (lg.layout == Layout::ecef) {
      const auto ix = col("x-ecef"), iy = col("y-ecef"), iz = col("z-ecef");
      if (!ix || !iy || !iz) {
        errors.add(
            Error("input.bad_pos", "the legend lacks y-ecef(m) or z-ecef(m)", {file, lg.line, 1}));
        break;
      }
      std::array<double, 3> xyz{num(*ix, "x-ecef"), num(*iy, "y-ecef"), num(*iz, "z-ecef")};
      std::array<double, 6> c{};
      const char* keys[6] = {"sdx", "sdy", "sdz", "sdxy", "sdyz", "sdzx"};
      bool have_sd = true;
      for (int k = 0; k < 6; ++k) {
        const auto i = col(keys[k]);
        if (!i) {
          have_sd = false;
          continue;
        }
        const double v = num(*i, keys[k]);
        c[static_cast<std::size_t>(k)] = k < 3 ? v * v : signed_square(v);
      }
      if (!ok) continue;
      ecef_rows.push_back(out.size());
      ecef_xyz.push_back(xyz);
      ecef_cov.push_back(have_sd ? c : std::array<double, 6>{-1, 0, 0, 0, 0, 0});
      out.push_back(std::move(fx));
      continue;
    }
    const auto ilat = col("latitude"), ilon = col("longitude"), ih = col("height");
    if (!ilat || !ilon) {
      errors.add(
          Error("input.bad_pos", "the legend lacks the longitude column", {file, lg.line, 1}));
      break;
    }
    auto angle = [&](std::size_t i, const char* what, double limit) {
      if (lg.layout == Layout::deg) {
        const double v = num(i, what);
        if (ok && std::abs(v) > limit) {
          errors.add(Error("input.bad_pos",
                           fmt::format("{} {} is outside -{}..{} degrees", what, v, limit, limit),
                           {file, line_no, tok[i].column}));
          ok = false;
        }
        return v;
      }
      const double d = num(i, what), m = num(i + 1, what), s = num(i + 2, what);
      if (ok && (m < 0 || m >= 60 || s < 0 || s >= 60 || std::abs(d) > limit)) {
        errors.add(Error("input.bad_pos",
                         fmt::format("{} '{} {} {}' is not degrees minutes seconds, expected "
                                     "minutes and seconds in 0..60",
                                     what, tok[i].text, tok[i + 1].text, tok[i + 2].text),
                         {file, line_no, tok[i].column}));
        ok = false;
      }
      const double mag = std::abs(d) + m / 60 + s / 3600;
      return tok[i].text.front() == '-' ? -mag : mag;
    };
    fx.lat_deg = angle(*ilat, "latitude", 90);
    fx.lon_deg = angle(*ilon, "longitude", 180);
    if (ih) {
      const double h = num(*ih, "height");
      if (ellipsoidal)
        fx.h_m = h;
      else
        fx.alt_msl_m = h;
    }
    const auto isn = col("sdn"), ise = col("sde"), isne = col("sdne");
    if (isn && ise) {
      fx.sd_n_m = num(*isn, "sdn");
      fx.sd_e_m = num(*ise, "sde");
      fx.cov_en_m2 = isne ? signed_square(num(*isne, "sdne")) : 0.0;
      if (ok && (*fx.sd_n_m < 0 || *fx.sd_e_m < 0)) {
        errors.add(Error("input.bad_pos",
                         fmt::format("negative standard deviation (sdn {}, sde {}), expected >= 0",
                                     *fx.sd_n_m, *fx.sd_e_m),
                         {file, line_no, tok[*isn].column}));
        ok = false;
      }
    }
    if (ok) out.push_back(std::move(fx));
  }
  errors.throw_if_any();
  if (out.empty())
    throw Error("input.empty_file",
                "RTKLIB solution file holds no solution line, expected lines after the '%' "
                "header",
                {file});
  if (!ecef_rows.empty()) {
    const auto geodetic = geo::ecef_to_geodetic(ecef_xyz);
    constexpr double kDeg = std::numbers::pi / 180;
    for (std::size_t r = 0; r < ecef_rows.size(); ++r) {
      Fix& fx = out[ecef_rows[r]];
      fx.lon_deg = geodetic[r][0];
      fx.lat_deg = geodetic[r][1];
      fx.h_m = geodetic[r][2];
      const auto& c = ecef_cov[r];
      if (c[0] < 0) continue;
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
  }
  return out;
}

}  // namespace lodeline::survey
