// SPDX-License-Identifier: Apache-2.0
// Names of formats, qualities and segment types; option validation; pillar accessors.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "lodeline/survey/option_table.hpp"
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

const char* to_string(SegmentType type) { return segment_names().name(type).c_str(); }

double Pillar::sd_e_m() const { return std::sqrt(cov_ee_m2); }
double Pillar::sd_n_m() const { return std::sqrt(cov_nn_m2); }

void SurveyOptions::validate(bool require_crs) const {
  if (require_crs && crs.empty())
    throw Error("input.bad_option",
                fmt::format("no project CRS given, expected {} EPSG:32638 or similar", crs_hint));
  if (const auto message = options::out_of_range(survey_table(), *this))
    throw Error("input.bad_option", *message);
  for (const auto q : reject_qualities)
    if (q == FixQuality::given)
      throw Error("input.bad_option",
                  "option reject_qualities holds 'given', expected qualities of GPS solutions (CSV "
                  "rows are given coordinates)");
}

}  // namespace lodeline::survey
