// SPDX-License-Identifier: Apache-2.0
// NMEA 0183 GGA and RMC sentences -> fixes, checksums verified.
// Reference: NMEA 0183 Standard for Interfacing Marine Electronic Devices, version 4.10
// (National Marine Electronics Association, 2012): sentence "$" + address (talker + type) +
// ","-separated fields + "*hh", hh the hexadecimal XOR of every character between "$" and
// "*"; GGA: time, lat ddmm.mm N/S, lon dddmm.mm E/W, quality 0-8, satellites, HDOP,
// altitude (MSL) M, geoid separation M, age of differential data, station id; RMC: time,
// status A/V, lat, N/S, lon, E/W, speed, course, date ddmmyy, magnetic variation, E/W
// [, mode [, navigational status]]; DTM: local datum code (W84 = WGS 84).
#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <map>

#include "lodeline/io/csv.hpp"
#include "lodeline/survey/civil_time.hpp"
#include "lodeline/survey/fix_file.hpp"
#include "lodeline/survey/survey.hpp"

namespace lodeline::survey {
namespace {

struct Field {
  std::string_view text;
  std::int64_t column = 0;  // 1-based
};

struct Rmc {
  std::size_t order = 0;  // sentence number in the file
  double tod_s = 0;
  std::optional<std::int64_t> day;  // days since 1970-01-01
  char status = 'V';
  InputLocation location;
  double lat = 0, lon = 0;
  bool has_position = false;
};

struct Gga {
  std::size_t order = 0;
  std::optional<double> tod_s;
  Fix fix;
};

FixQuality gga_quality(int q) {
  switch (q) {
    case 0:
      return FixQuality::invalid;
    case 1:
      return FixQuality::single;
    case 2:
      return FixQuality::dgps;
    case 3:
      return FixQuality::pps;
    case 4:
      return FixQuality::rtk_fixed;
    case 5:
      return FixQuality::rtk_float;
    case 6:
      return FixQuality::estimated;
    case 7:
      return FixQuality::manual;
    default:
      return FixQuality::simulated;
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

class Parser {
 public:
  Parser(const std::string& file, std::int64_t line, ErrorList& errors)
      : file_(file), line_(line), errors_(errors) {}

  InputLocation at(std::int64_t column) const { return {file_, line_, column}; }
  InputLocation at(const Field& f) const { return at(f.column); }
  void fail(const std::string& code, const std::string& message, const InputLocation& where) {
    errors_.add(Error(code, message, where));
    ok_ = false;
  }
  bool ok() const { return ok_; }

  // hhmmss(.s*) -> seconds of the day.
  std::optional<double> time_of_day(const Field& f, const char* what) {
    const std::string_view t = f.text;
    if (t.size() < 6 || t.find_first_not_of("0123456789.") != std::string_view::npos ||
        (t.size() > 6 && t[6] != '.')) {
      fail("input.bad_nmea",
           fmt::format("{} '{}' is not a UTC time, expected hhmmss or hhmmss.ss", what, t), at(f));
      return std::nullopt;
    }
    const int h = (t[0] - '0') * 10 + (t[1] - '0');
    const int m = (t[2] - '0') * 10 + (t[3] - '0');
    const auto s = io::parse_double(t.substr(4));
    if (!s || h > 23 || m > 59 || *s >= 61) {
      fail("input.bad_nmea",
           fmt::format("{} '{}' is not a UTC time, expected hhmmss or hhmmss.ss", what, t), at(f));
      return std::nullopt;
    }
    return h * 3600.0 + m * 60.0 + *s;
  }

  // (d)ddmm.mmmm + hemisphere -> signed degrees.
  std::optional<double> angle(const Field& value, const Field& hemi, bool latitude) {
    const char* what = latitude ? "latitude" : "longitude";
    const char pos = latitude ? 'N' : 'E', neg = latitude ? 'S' : 'W';
    const auto v = io::parse_double(value.text);
    const double limit = latitude ? 90 : 180;
    if (!v || *v < 0 || value.text.find('.') == std::string_view::npos ||
        value.text.find('.') < (latitude ? 4u : 5u)) {
      fail("input.bad_nmea",
           fmt::format("{} '{}' is not {}, expected degrees and minutes such as {}", what,
                       value.text, latitude ? "ddmm.mmmm" : "dddmm.mmmm",
                       latitude ? "4012.0000" : "04600.0000"),
           at(value));
      return std::nullopt;
    }
    const double deg = std::floor(*v / 100);
    const double min = *v - deg * 100;
    if (min >= 60 || deg + min / 60 > limit) {
      fail("input.bad_nmea",
           fmt::format("{} '{}' has {} degrees {} minutes, expected minutes below 60 and at most "
                       "{} degrees",
                       what, value.text, deg, min, limit),
           at(value));
      return std::nullopt;
    }
    if (hemi.text.size() != 1 || (hemi.text[0] != pos && hemi.text[0] != neg)) {
      fail("input.bad_nmea",
           fmt::format("{} hemisphere '{}', expected '{}' or '{}'", what, hemi.text, pos, neg),
           at(hemi));
      return std::nullopt;
    }
    const double out = deg + min / 60;
    return hemi.text[0] == neg ? -out : out;
  }

  std::optional<double> number(const Field& f, const char* what, const char* expected) {
    const auto v = io::parse_double(f.text);
    if (!v) {
      fail("input.bad_nmea",
           fmt::format("{} '{}' is not a number, expected {}", what, f.text, expected), at(f));
      return std::nullopt;
    }
    return v;
  }

 private:
  const std::string& file_;
  std::int64_t line_;
  ErrorList& errors_;
  bool ok_ = true;
};

std::int64_t column_number(std::size_t index) { return static_cast<std::int64_t>(index) + 1; }

/// A GGA, RMC or DTM sentence whose checksum matches, split into fields.
struct Sentence {
  std::size_t order = 0;  // sentence number in the file
  std::size_t first = 0;  // index of '$' in the line
  std::string_view address, type;
  std::vector<Field> fields;  // fields[0] is the address
};

/// The state of reading one NMEA file.
struct NmeaFile {
  explicit NmeaFile(const std::string& file_name)
      : file(file_name), stem(std::filesystem::path(file_name).stem().string()) {}

  const std::string& file;
  std::string stem;
  ErrorList errors;
  std::vector<Gga> ggas;
  std::vector<Rmc> rmcs;
  std::size_t order = 0;  // GGA, RMC and DTM sentences so far
};

Fix new_fix(const NmeaFile& nf, const InputLocation& location) {
  return detail::fix_named_after_file(nf.file, nf.stem, FixFormat::nmea, location);
}

/// Whether the line is one sentence starting with '$' (a failure otherwise).
bool is_one_sentence(std::string_view line, std::size_t first, Parser& p) {
  if (line[first] != '$') {
    p.fail("input.bad_nmea",
           fmt::format("line is not an NMEA sentence ('{}'), expected a sentence starting "
                       "with '$'",
                       line.substr(first, 20)),
           p.at(column_number(first)));
    return false;
  }
  if (const auto again = line.find('$', first + 1); again != std::string_view::npos) {
    p.fail("input.bad_nmea",
           fmt::format("a second '$' at column {}: a truncated sentence runs into the next, "
                       "expected one complete sentence per line",
                       column_number(again)),
           p.at(column_number(again)));
    return false;
  }
  return true;
}

/// Whether the sentence ends with "*hh" matching its characters (a failure otherwise).
bool checksum_matches(std::string_view line, std::size_t first, std::size_t star,
                      std::string_view address, Parser& p) {
  if (star == std::string_view::npos) {
    p.fail("input.bad_nmea",
           fmt::format("{} sentence ends without a checksum '*hh' (truncated?), expected "
                       "${},...*hh",
                       address, address),
           p.at(column_number(line.size())));
    return false;
  }
  const std::string_view hh = line.substr(star + 1);
  if (hh.size() != 2 || hex_value(hh[0]) < 0 || hex_value(hh[1]) < 0) {
    p.fail("input.bad_nmea",
           fmt::format("checksum '*{}' is not two hexadecimal digits at the end of the {} "
                       "sentence, expected '*hh'",
                       hh, address),
           p.at(column_number(star)));
    return false;
  }
  unsigned sum = 0;
  for (std::size_t i = first + 1; i < star; ++i) sum ^= static_cast<unsigned char>(line[i]);
  const unsigned given = static_cast<unsigned>(hex_value(hh[0]) * 16 + hex_value(hh[1]));
  if (sum != given) {
    p.fail("input.nmea_checksum",
           fmt::format("{} checksum is *{} but the sentence's characters give *{:02X}, "
                       "expected a matching checksum (corrupted or truncated sentence)",
                       address, hh, sum),
           p.at(column_number(star)));
    return false;
  }
  return true;
}

std::vector<Field> split_fields(std::string_view line, std::size_t first, std::size_t star) {
  std::vector<Field> f;
  for (std::size_t i = first + 1;;) {
    const std::size_t next = std::min(line.find(',', i), star);
    f.push_back({line.substr(i, next - i), column_number(i)});
    if (next == star) break;
    i = next + 1;
  }
  return f;
}

/// The GGA, RMC or DTM sentence of the line; nullopt for other sentences (GSV, GSA, VTG,
/// proprietary: not used) and for a bad checksum (a failure).
std::optional<Sentence> checked_sentence(std::string_view line, std::size_t first, Parser& p,
                                         std::size_t& order) {
  Sentence s;
  s.first = first;
  const std::size_t comma = line.find(',', first);
  const std::size_t star = line.find('*', first);
  s.address = line.substr(first + 1, std::min(comma, star) == std::string_view::npos
                                         ? line.size() - first - 1
                                         : std::min(comma, star) - first - 1);
  s.type = s.address.size() == 5 ? s.address.substr(2) : std::string_view{};
  const bool wanted = s.address.size() == 5 && s.address[0] != 'P' &&
                      (s.type == "GGA" || s.type == "RMC" || s.type == "DTM");
  if (!wanted) return std::nullopt;
  s.order = ++order;
  if (!checksum_matches(line, first, star, s.address, p)) return std::nullopt;
  s.fields = split_fields(line, first, star);
  return s;
}

/// Whether the sentence has min_fields to max_fields fields after its address (a failure
/// naming the `expected` fields otherwise).
bool has_fields(const Sentence& s, std::size_t min_fields, std::size_t max_fields,
                std::string_view expected, Parser& p) {
  const std::size_t fields = s.fields.size() - 1;
  if (fields >= min_fields && fields <= max_fields) return true;
  p.fail("input.bad_nmea",
         fmt::format("{} sentence has {} fields, expected {}", s.address, fields, expected),
         p.at(column_number(s.first)));
  return false;
}

void read_dtm(const Sentence& s, Parser& p) {
  const auto& f = s.fields;
  if (f.size() >= 2 && f[1].text != "W84")
    p.fail("input.nmea_datum",
           fmt::format("DTM sentence names local datum '{}', expected W84 (WGS 84): "
                       "positions on other datums are not read",
                       f[1].text),
           p.at(f[1]));
}

/// GGA latitude and longitude; none is a rejected fix, a failure unless the quality is 0.
void read_gga_position(const std::vector<Field>& f, std::int64_t quality, Parser& p, Fix& fx) {
  if (f[2].text.empty() && f[4].text.empty()) {
    fx.reader_reject = "no_position";
    fx.lat_deg = fx.lon_deg = std::numeric_limits<double>::quiet_NaN();
    if (quality != 0)
      p.fail("input.bad_nmea",
             fmt::format("GGA with fix quality {} has no latitude/longitude, expected a "
                         "position (or quality 0)",
                         quality),
             p.at(f[2]));
    return;
  }
  const auto lat = p.angle(f[2], f[3], true);
  const auto lon = p.angle(f[4], f[5], false);
  if (lat) fx.lat_deg = *lat;
  if (lon) fx.lon_deg = *lon;
}

/// GGA satellites and HDOP, each optional.
void read_gga_precision(const std::vector<Field>& f, Parser& p, Fix& fx) {
  if (!f[7].text.empty()) {
    const auto n = io::parse_int(f[7].text);
    if (!n || *n < 0 || *n > 999)
      p.fail("input.bad_nmea",
             fmt::format("satellites '{}' is not a count, expected 0-99", f[7].text), p.at(f[7]));
    else
      fx.satellites = static_cast<int>(*n);
  }
  if (!f[8].text.empty()) {
    const auto h = p.number(f[8], "HDOP", "a dilution of precision such as 0.9");
    if (h && *h <= 0)
      p.fail("input.bad_nmea", fmt::format("HDOP '{}' is not positive, expected > 0", f[8].text),
             p.at(f[8]));
    else if (h)
      fx.hdop = h;
  }
}

/// GGA altitude above mean sea level and geoid separation (metres), and their sum.
void read_gga_heights(const std::vector<Field>& f, Parser& p, Fix& fx) {
  if (!f[9].text.empty()) fx.alt_msl_m = p.number(f[9], "altitude", "metres");
  if (!f[11].text.empty()) fx.geoid_sep_m = p.number(f[11], "geoid separation", "metres");
  for (const std::size_t u : {std::size_t{10}, std::size_t{12}})
    if (!f[u].text.empty() && f[u].text != "M")
      p.fail("input.bad_nmea", fmt::format("unit '{}', expected 'M' (metres)", f[u].text),
             p.at(f[u]));
  if (fx.alt_msl_m && fx.geoid_sep_m) fx.h_m = *fx.alt_msl_m + *fx.geoid_sep_m;
}

void read_gga(const Sentence& s, Parser& p, NmeaFile& nf) {
  const auto& f = s.fields;
  if (!has_fields(s, 14, 14,
                  "14 (NMEA 0183 v4: time, lat, N/S, lon, E/W, quality, satellites, HDOP, "
                  "altitude, M, geoid separation, M, age, station)",
                  p))
    return;
  Gga g;
  g.order = s.order;
  Fix& fx = g.fix;
  fx = new_fix(nf, p.at(column_number(s.first)));
  fx.crs = "EPSG:4326";
  fx.quality_code = std::string(f[6].text);
  const auto q = io::parse_int(f[6].text);
  if (!q || *q < 0 || *q > 8) {
    p.fail("input.bad_nmea",
           fmt::format("fix quality '{}' is not 0-8, expected 0 invalid, 1 GPS, 2 DGPS, 3 "
                       "PPS, 4 RTK fixed, 5 RTK float, 6 estimated, 7 manual, 8 simulated",
                       f[6].text),
           p.at(f[6]));
    return;
  }
  fx.quality = gga_quality(static_cast<int>(*q));
  if (!f[1].text.empty()) g.tod_s = p.time_of_day(f[1], "GGA time");
  read_gga_position(f, *q, p, fx);
  read_gga_precision(f, p, fx);
  read_gga_heights(f, p, fx);
  if (p.ok()) nf.ggas.push_back(std::move(g));
}

/// RMC date ddmmyy as days since 1970-01-01, or nullopt (a failure).
std::optional<std::int64_t> rmc_day(const Field& field, Parser& p) {
  const std::string_view d = field.text;
  const auto v = io::parse_int(d);
  const int dd = v && d.size() == 6 ? static_cast<int>(*v / 10000) : 0;
  const int mm = v && d.size() == 6 ? static_cast<int>(*v / 100 % 100) : 0;
  const int yy = v && d.size() == 6 ? static_cast<int>(*v % 100) : 0;
  // Two-digit years: 80-99 -> 19xx (GPS began in 1980), 00-79 -> 20xx.
  const int year = yy >= 80 ? 1900 + yy : 2000 + yy;
  if (!v || d.size() != 6 || !detail::valid_date(year, mm, dd)) {
    p.fail("input.bad_nmea", fmt::format("RMC date '{}' is not ddmmyy, expected e.g. 010621", d),
           p.at(field));
    return std::nullopt;
  }
  return detail::days_from_civil(year, mm, dd);
}

void read_rmc(const Sentence& s, Parser& p, NmeaFile& nf) {
  const auto& f = s.fields;
  if (!has_fields(s, 11, 13,
                  "11 to 13 (time, status, lat, N/S, lon, E/W, speed, course, date, magnetic "
                  "variation, E/W [, mode [, navigational status]])",
                  p))
    return;
  Rmc r;
  r.order = s.order;
  r.location = p.at(column_number(s.first));
  const auto tod = p.time_of_day(f[1], "RMC time");
  if (f[2].text != "A" && f[2].text != "V") {
    p.fail("input.bad_nmea",
           fmt::format("RMC status '{}', expected A (valid) or V (void)", f[2].text), p.at(f[2]));
    return;
  }
  r.status = f[2].text[0];
  if (!f[9].text.empty()) {
    r.day = rmc_day(f[9], p);
    if (!r.day) return;
  }
  if (!f[3].text.empty() || !f[5].text.empty()) {
    const auto lat = p.angle(f[3], f[4], true);
    const auto lon = p.angle(f[5], f[6], false);
    if (lat && lon) {
      r.lat = *lat;
      r.lon = *lon;
      r.has_position = true;
    }
  }
  if (!tod || !p.ok()) return;
  r.tod_s = *tod;
  nf.rmcs.push_back(r);
}

/// One line: a GGA or RMC read, a DTM checked, other sentences left out, or a failure.
void read_line(std::string_view line, std::size_t first, Parser& p, NmeaFile& nf) {
  if (line[first] == '!') return;  // encapsulation sentences (AIS): not positions
  if (!is_one_sentence(line, first, p)) return;
  const auto s = checked_sentence(line, first, p, nf.order);
  if (!s) return;
  if (s->type == "DTM")
    read_dtm(*s, p);
  else if (s->type == "GGA")
    read_gga(*s, p, nf);
  else
    read_rmc(*s, p, nf);
}

std::size_t order_gap(std::size_t a, std::size_t b) { return a > b ? a - b : b - a; }

/// The dated RMC nearest in the file to sentence `order`, or nullptr.
const Rmc* nearest_dated_rmc(std::size_t order, const std::vector<Rmc>& rmcs) {
  const Rmc* best = nullptr;
  std::size_t best_gap = std::numeric_limits<std::size_t>::max();
  for (const auto& r : rmcs) {
    if (!r.day) continue;
    const std::size_t gap = order_gap(r.order, order);
    if (gap < best_gap) best = &r, best_gap = gap;
  }
  return best;
}

using RmcByTime = std::multimap<long long, std::size_t>;  // time of day (ms) -> index in rmcs

/// The RMC of the GGA's time nearest in the file, or nullptr.
const Rmc* same_time_rmc(const Gga& g, const std::vector<Rmc>& rmcs, const RmcByTime& by_ms) {
  const Rmc* same = nullptr;
  const auto [lo, hi] = by_ms.equal_range(std::llround(*g.tod_s * 1000));
  std::size_t best_gap = std::numeric_limits<std::size_t>::max();
  for (auto it = lo; it != hi; ++it) {
    const Rmc& r = rmcs[it->second];
    const std::size_t gap = order_gap(r.order, g.order);
    if (gap < best_gap) same = &r, best_gap = gap;
  }
  return same;
}

/// Date of a GGA epoch: the RMC of the same time nearest in the file, else the nearest dated
/// RMC with the day corrected across midnight. A void RMC of the same time rejects the fix.
void date_gga(Gga& g, const std::vector<Rmc>& rmcs, const RmcByTime& by_ms) {
  const Rmc* same = same_time_rmc(g, rmcs, by_ms);
  if (same && same->status == 'V' && g.fix.reader_reject.empty()) g.fix.reader_reject = "rmc_void";
  const Rmc* dated = same && same->day ? same : nearest_dated_rmc(g.order, rmcs);
  if (!dated) return;
  std::int64_t day = *dated->day;
  const double diff = *g.tod_s - dated->tod_s;
  if (diff > 43200) --day;
  if (diff < -43200) ++day;
  g.fix.time_utc_s = static_cast<double>(day) * 86400.0 + *g.tod_s;
}

std::vector<Fix> gga_fixes(std::vector<Gga>& ggas, const std::vector<Rmc>& rmcs) {
  RmcByTime by_ms;
  for (std::size_t i = 0; i < rmcs.size(); ++i)
    by_ms.emplace(std::llround(rmcs[i].tod_s * 1000), i);
  std::vector<Fix> out;
  for (auto& g : ggas) {
    if (g.tod_s) date_gga(g, rmcs, by_ms);
    out.push_back(std::move(g.fix));
  }
  return out;
}

/// No GGA: the RMC positions are the fixes (no HDOP, no satellite count).
std::vector<Fix> rmc_fixes(const NmeaFile& nf) {
  std::vector<Fix> out;
  for (const auto& r : nf.rmcs) {
    Fix fx = new_fix(nf, r.location);
    fx.quality = r.status == 'A' ? FixQuality::single : FixQuality::invalid;
    fx.quality_code = std::string("RMC ") + r.status;
    if (r.status == 'V') fx.reader_reject = "rmc_void";
    if (r.has_position) {
      fx.lat_deg = r.lat;
      fx.lon_deg = r.lon;
    } else {
      fx.lat_deg = fx.lon_deg = std::numeric_limits<double>::quiet_NaN();
      if (fx.reader_reject.empty()) fx.reader_reject = "no_position";
    }
    if (r.day) fx.time_utc_s = static_cast<double>(*r.day) * 86400.0 + r.tod_s;
    out.push_back(std::move(fx));
  }
  return out;
}

}  // namespace

std::vector<Fix> parse_nmea(const std::string& text, const std::string& file) {
  NmeaFile nf(file);
  std::size_t pos = 0;
  std::int64_t line_no = 0;
  while (pos < text.size()) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    ++line_no;
    std::string_view line(text.data() + pos, end - pos);
    pos = end + 1;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
      line.remove_suffix(1);
    const std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos) continue;
    Parser p(file, line_no, nf.errors);
    read_line(line, first, p, nf);
  }
  nf.errors.throw_if_any();
  if (nf.ggas.empty() && nf.rmcs.empty())
    throw Error("input.empty_file",
                "NMEA file holds no GGA or RMC sentence, expected $--GGA (and $--RMC) sentences "
                "of an occupation",
                {file});
  return nf.ggas.empty() ? rmc_fixes(nf) : gga_fixes(nf.ggas, nf.rmcs);
}

}  // namespace lodeline::survey
