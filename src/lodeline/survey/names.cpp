// SPDX-License-Identifier: Apache-2.0
// Names of formats, qualities and segment types; option validation; pillar accessors.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "lodeline/survey/survey.hpp"

namespace lodeline::survey {

const char* to_string(FixFormat format) {
  switch (format) {
    case FixFormat::gpx:
      return "gpx";
    case FixFormat::nmea:
      return "nmea";
    case FixFormat::rtklib_pos:
      return "pos";
    case FixFormat::csv:
      return "csv";
  }
  return "?";
}

FixFormat format_from_path(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".gpx") return FixFormat::gpx;
  if (ext == ".nmea" || ext == ".nma" || ext == ".log" || ext == ".txt") return FixFormat::nmea;
  if (ext == ".pos") return FixFormat::rtklib_pos;
  if (ext == ".csv") return FixFormat::csv;
  throw Error("input.unknown_format",
              fmt::format("file extension '{}' is not a fix format, expected .gpx (GPX 1.1), "
                          ".nmea/.nma/.log/.txt (NMEA 0183), .pos (RTKLIB) or .csv",
                          ext),
              {path});
}

namespace {
constexpr std::pair<FixQuality, const char*> kQualityNames[] = {
    {FixQuality::invalid, "invalid"},
    {FixQuality::single, "single"},
    {FixQuality::dgps, "dgps"},
    {FixQuality::sbas, "sbas"},
    {FixQuality::pps, "pps"},
    {FixQuality::rtk_float, "rtk_float"},
    {FixQuality::rtk_fixed, "rtk_fixed"},
    {FixQuality::ppp, "ppp"},
    {FixQuality::estimated, "estimated"},
    {FixQuality::manual, "manual"},
    {FixQuality::simulated, "simulated"},
    {FixQuality::unknown, "unknown"},
    {FixQuality::given, "given"}};
}  // namespace

const char* to_string(FixQuality quality) {
  for (const auto& [q, name] : kQualityNames)
    if (q == quality) return name;
  return "?";
}

std::optional<FixQuality> quality_from_string(const std::string& text) {
  for (const auto& [q, name] : kQualityNames)
    if (text == name) return q;
  return std::nullopt;
}

const char* to_string(SegmentType type) {
  return type == SegmentType::straight ? "straight" : "geodesic";
}

double Pillar::sd_e_m() const { return std::sqrt(cov_ee_m2); }
double Pillar::sd_n_m() const { return std::sqrt(cov_nn_m2); }

void SurveyOptions::validate(bool require_crs) const {
  auto bad = [](const std::string& what) { throw Error("input.bad_option", what); };
  auto positive = [&](double v, const char* name, const char* expected) {
    if (!std::isfinite(v) || !(v > 0))
      bad(fmt::format("option {} is {}, expected {}", name, v, expected));
  };
  if (require_crs && crs.empty())
    bad(fmt::format("no project CRS given, expected {} EPSG:32638 or similar", crs_hint));
  positive(uere_m, "uere_m", "a positive user equivalent range error in metres (e.g. 3)");
  positive(assumed_sd_m, "assumed_sd_m", "a positive 1-sigma in metres (e.g. 5)");
  positive(outlier_k, "outlier_k", "a positive number of robust standard deviations (e.g. 3.5)");
  positive(outlier_floor_m, "outlier_floor_m", "a positive robust-sd floor in metres (e.g. 0.02)");
  positive(max_spacing_m, "max_spacing_m", "a positive densification spacing in metres (e.g. 50)");
  if (!std::isfinite(sd_floor_m) || sd_floor_m < 0)
    bad(fmt::format("option sd_floor_m is {}, expected 0 or a positive sd in metres", sd_floor_m));
  if (!std::isfinite(gpst_minus_utc_s) || gpst_minus_utc_s < 0 || gpst_minus_utc_s > 100)
    bad(
        fmt::format("option gpst_minus_utc_s is {}, expected the GPS-UTC leap seconds (18 since "
                    "2017-01-01)",
                    gpst_minus_utc_s));
  if (min_satellites < 0 || min_satellites > 200)
    bad(fmt::format("option min_satellites is {}, expected 0 (off) to 200", min_satellites));
  for (const auto q : reject_qualities)
    if (q == FixQuality::given)
      bad("option reject_qualities holds 'given', expected qualities of GPS solutions (CSV rows "
          "are given coordinates)");
}

}  // namespace lodeline::survey
