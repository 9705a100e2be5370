// SPDX-License-Identifier: Apache-2.0
// Seeded synthetic occupations (SplitMix64 noise in local east/north metres) written as GPX
// 1.1, NMEA 0183 GGA+RMC, RTKLIB .pos and CSV text.
#include "lodeline/survey/synthetic.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "lodeline/core/random.hpp"
#include "lodeline/geo/projection.hpp"
#include "lodeline/survey/civil_time.hpp"

namespace lodeline::survey {
namespace {

constexpr double kDeg = std::numbers::pi / 180;

struct Offset {
  double e = 0, n = 0;
};

// Position moved by (e, n) metres in the local frame of the WGS 84 ellipsoid.
void moved(const SyntheticPillar& p, Offset d, double& lat, double& lon) {
  const geo::Ellipsoid ell;
  lat = p.lat_deg + d.n / (ell.meridian_radius_m(p.lat_deg) * kDeg);
  lon = p.lon_deg +
        d.e / (ell.prime_vertical_radius_m(p.lat_deg) * std::cos(p.lat_deg * kDeg) * kDeg);
}

std::string nmea_angle(double v, bool latitude) {
  const double a = std::abs(v);
  double deg = std::floor(a);
  double min = (a - deg) * 60;
  if (std::round(min * 1e6) >= 60e6) deg += 1, min = 0;
  const char hemi = latitude ? (v < 0 ? 'S' : 'N') : (v < 0 ? 'W' : 'E');
  return latitude ? fmt::format("{:02.0f}{:09.6f},{}", deg, min, hemi)
                  : fmt::format("{:03.0f}{:09.6f},{}", deg, min, hemi);
}

std::string sentence(const std::string& body) {
  unsigned sum = 0;
  for (const char c : body) sum ^= static_cast<unsigned char>(c);
  return fmt::format("${}*{:02X}\r\n", body, sum);
}

struct Clock {
  std::string hhmmss;
  std::string ddmmyy;
  std::string iso;
  std::string rtklib;  // yyyy/mm/dd hh:mm:ss.sss
};

Clock clock_of(double t) {
  Clock c;
  c.iso = detail::format_iso8601_utc(t);  // 2021-06-01T06:00:00.000Z
  c.hhmmss = c.iso.substr(11, 2) + c.iso.substr(14, 2) + c.iso.substr(17, 5);
  c.hhmmss = c.hhmmss.substr(0, 9);  // hhmmss.ss
  c.ddmmyy = c.iso.substr(8, 2) + c.iso.substr(5, 2) + c.iso.substr(2, 2);
  c.rtklib = c.iso.substr(0, 4) + "/" + c.iso.substr(5, 2) + "/" + c.iso.substr(8, 2) + " " +
             c.iso.substr(11, 12);
  return c;
}

Offset gross(SplitMix64& rng, double m) {
  const double a = rng.uniform(0, 2 * std::numbers::pi);
  return {m * std::cos(a), m * std::sin(a)};
}

// One NMEA occupation: epochs from t0; returns the sentences.
std::string nmea_occupation(const SyntheticPillar& p, const SyntheticOptions& o, SplitMix64& rng,
                            double t0, const std::string& talker, std::size_t epochs) {
  std::string out;
  // Outlier epochs spread through the occupation.
  std::vector<std::size_t> outlier_at;
  for (std::size_t k = 0; k < o.outliers_per_file; ++k)
    outlier_at.push_back(2 + (k + 1) * (epochs - 2) / (o.outliers_per_file + 1));
  for (std::size_t i = 0; i < epochs; ++i) {
    const Clock c = clock_of(t0 + static_cast<double>(i));
    const double alt = p.h_m - o.geoid_sep_m + o.single_sd_m * 2 * rng.normal();
    if (i == 0) {  // no position yet
      out += sentence(fmt::format("{}GGA,{},,,,,0,00,,,M,,M,,", talker, c.hhmmss));
      out += sentence(fmt::format("{}RMC,{},V,,,,,,,{},,,N", talker, c.hhmmss, c.ddmmyy));
      continue;
    }
    Offset d{o.single_sd_m * rng.normal(), o.single_sd_m * rng.normal()};
    if (std::find(outlier_at.begin(), outlier_at.end(), i) != outlier_at.end()) {
      const Offset g = gross(rng, o.outlier_m);
      d.e += g.e, d.n += g.n;
    }
    double lat = 0, lon = 0;
    moved(p, d, lat, lon);
    const bool void_epoch = i == 1;  // RMC says void: the GGA of this epoch is not used
    out += sentence(fmt::format("{}GGA,{},{},{},1,{:02},{:.1f},{:.3f},M,{:.3f},M,,", talker,
                                c.hhmmss, nmea_angle(lat, true), nmea_angle(lon, false),
                                o.satellites, o.hdop, alt, o.geoid_sep_m));
    out += sentence(fmt::format("{}RMC,{},{},{},{},0.02,0.0,{},,,{}", talker, c.hhmmss,
                                void_epoch ? 'V' : 'A', nmea_angle(lat, true),
                                nmea_angle(lon, false), c.ddmmyy, void_epoch ? 'N' : 'A'));
    out += sentence(
        fmt::format("{}GSA,A,3,01,03,07,08,11,14,17,22,28,,,,1.6,{:.1f},1.3", talker, o.hdop));
  }
  return out;
}

double occupation_s(const SyntheticOptions& o) { return static_cast<double>(o.epochs) + o.gap_s; }

/// GPX waypoints: o.waypoints per pillar, one gross outlier on the first pillar.
std::string gpx_waypoints(const std::vector<SyntheticPillar>& pillars, const SyntheticOptions& o,
                          SplitMix64& rng) {
  std::string gpx =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<gpx version=\"1.1\" creator=\"lodeline synthetic\" "
      "xmlns=\"http://www.topografix.com/GPX/1/1\">\n";
  for (std::size_t k = 0; k < pillars.size(); ++k) {
    const auto& p = pillars[k];
    for (std::size_t w = 0; w < o.waypoints; ++w) {
      Offset d{o.single_sd_m * rng.normal(), o.single_sd_m * rng.normal()};
      if (k == 0 && w == o.waypoints - 1 && o.waypoints >= 3 && o.outliers_per_file > 0) {
        const Offset g = gross(rng, o.outlier_m);
        d.e += g.e, d.n += g.n;
      }
      double lat = 0, lon = 0;
      moved(p, d, lat, lon);
      const double t =
          o.start_utc_s + static_cast<double>(k) * occupation_s(o) + static_cast<double>(w) * 20.0;
      gpx += fmt::format(
          "  <wpt lat=\"{:.9f}\" lon=\"{:.9f}\">\n    <ele>{:.2f}</ele>\n    <time>{}</time>\n"
          "    <geoidheight>{:.2f}</geoidheight>\n    <name>{}</name>\n    <fix>3d</fix>\n"
          "    <sat>{}</sat>\n    <hdop>{:.1f}</hdop>\n  </wpt>\n",
          lat, lon, p.h_m - o.geoid_sep_m, detail::format_iso8601_utc(t).substr(0, 19) + "Z",
          o.geoid_sep_m, p.name, o.satellites, o.hdop);
    }
  }
  gpx += "</gpx>\n";
  return gpx;
}

/// RTKLIB .pos of one pillar: fixed, some float, a few single, gross float outliers.
std::string rtklib_pos(const SyntheticPillar& p, const SyntheticOptions& o, SplitMix64& rng,
                       double t0) {
  std::string pos = fmt::format(
      "% program   : lodeline synthetic (RTKLIB solution format)\n"
      "% obs start : {} GPST\n"
      "% pos mode  : static\n"
      "%\n"
      "% (lat/lon/height=WGS84/ellipsoidal,Q=1:fix,2:float,3:sbas,4:dgps,5:single,6:ppp,ns=# "
      "of satellites)\n"
      "%  GPST                  latitude(deg) longitude(deg)  height(m)   Q  ns   sdn(m)   "
      "sde(m)   sdu(m)  sdne(m)  sdeu(m)  sdun(m) age(s)  ratio\n",
      clock_of(t0 + 18).rtklib);
  std::vector<std::size_t> outlier_at;
  for (std::size_t j = 0; j < o.outliers_per_file; ++j)
    outlier_at.push_back((j + 1) * o.epochs / (o.outliers_per_file + 1) + 1);
  for (std::size_t i = 0; i < o.epochs; ++i) {
    int q = rng.uniform() < o.float_fraction ? 2 : 1;
    if (i < o.singles_per_pos) q = 5;
    const bool outlier = std::find(outlier_at.begin(), outlier_at.end(), i) != outlier_at.end();
    if (outlier) q = 2;
    const double sd = q == 1 ? o.fixed_sd_m : q == 2 ? o.float_sd_m : o.single_sd_m;
    Offset d{sd * rng.normal(), sd * rng.normal()};
    if (outlier) {
      const Offset g = gross(rng, o.outlier_m);
      d.e += g.e, d.n += g.n;
    }
    double lat = 0, lon = 0;
    moved(p, d, lat, lon);
    const double sde = sd * (1 + 0.1 * rng.uniform()), sdn = sd * (1 + 0.1 * rng.uniform());
    const double cov_ne = 0.2 * sde * sdn;
    pos += fmt::format(
        "{}   {:.9f}   {:.9f} {:10.4f} {:3} {:3} {:8.4f} {:8.4f} {:8.4f} {:8.4f} {:8.4f} "
        "{:8.4f} {:6.2f} {:6.1f}\n",
        clock_of(t0 + static_cast<double>(i) + 18).rtklib, lat, lon, p.h_m + 2 * sd * rng.normal(),
        q, o.satellites + 3, sdn, sde, 2 * sd, std::sqrt(cov_ne), 0.0, 0.0, 0.0,
        q == 1 ? 12.5 : 1.8);
  }
  return pos;
}

/// CSV pillar list.
std::string pillars_csv(const std::vector<SyntheticPillar>& pillars, const SyntheticOptions& o,
                        SplitMix64& rng) {
  std::string csv = "# synthetic pillar coordinates (WGS 84)\npillar,lat,lon,h,sd_e_m,sd_n_m\n";
  for (const auto& p : pillars) {
    double lat = 0, lon = 0;
    moved(p, {o.csv_sd_m * rng.normal(), o.csv_sd_m * rng.normal()}, lat, lon);
    csv += fmt::format("{},{:.9f},{:.9f},{:.3f},{},{}\n", p.name, lat, lon, p.h_m, o.csv_sd_m,
                       o.csv_sd_m);
  }
  return csv;
}

/// One continuous log through every occupation (continuous.nmea), cut by sessions.csv.
void continuous_log(const std::vector<SyntheticPillar>& pillars, const SyntheticOptions& o,
                    SplitMix64& rng, std::vector<SyntheticFile>& files) {
  std::string log, sessions = "pillar,start,end\n";
  for (std::size_t k = 0; k < pillars.size(); ++k) {
    const double t0 = o.start_utc_s + static_cast<double>(k) * occupation_s(o);
    log += nmea_occupation(pillars[k], o, rng, t0, "GN", o.epochs);
    sessions += fmt::format(
        "{},{},{}\n", pillars[k].name, detail::format_iso8601_utc(t0).substr(0, 19) + "Z",
        detail::format_iso8601_utc(t0 + static_cast<double>(o.epochs)).substr(0, 19) + "Z");
    if (k + 1 < pillars.size()) {  // walking to the next pillar: timed fixes in no session
      SyntheticPillar mid = pillars[k];
      mid.lat_deg = 0.5 * (pillars[k].lat_deg + pillars[k + 1].lat_deg);
      mid.lon_deg = 0.5 * (pillars[k].lon_deg + pillars[k + 1].lon_deg);
      SyntheticOptions walk = o;
      walk.outliers_per_file = 0;
      log += nmea_occupation(mid, walk, rng, t0 + static_cast<double>(o.epochs) + 1, "GN", 5);
    }
  }
  files.push_back({"continuous.nmea", log});
  files.push_back({"sessions.csv", sessions});
}

}  // namespace

std::vector<SyntheticFile> synthetic_occupations(const std::vector<SyntheticPillar>& pillars,
                                                 const SyntheticOptions& o) {
  SplitMix64 rng(o.seed);
  std::vector<SyntheticFile> files;
  files.push_back({"waypoints.gpx", gpx_waypoints(pillars, o, rng)});
  // NMEA, one file per pillar.
  for (std::size_t k = 0; k < pillars.size(); ++k) {
    const double t0 = o.start_utc_s + static_cast<double>(k) * occupation_s(o);
    files.push_back({pillars[k].name + ".nmea",
                     nmea_occupation(pillars[k], o, rng, t0, k % 2 ? "GN" : "GP", o.epochs)});
  }
  for (std::size_t k = 0; k < pillars.size(); ++k) {
    const double t0 = o.start_utc_s + static_cast<double>(k) * occupation_s(o);
    files.push_back({pillars[k].name + ".pos", rtklib_pos(pillars[k], o, rng, t0)});
  }
  files.push_back({"pillars.csv", pillars_csv(pillars, o, rng)});
  continuous_log(pillars, o, rng, files);
  std::string order = "# pillar order along the line (synthetic)\n";
  for (const auto& p : pillars) order += p.name + "\n";
  files.push_back({"ORDER.txt", order});
  return files;
}

}  // namespace lodeline::survey
