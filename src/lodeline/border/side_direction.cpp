// SPDX-License-Identifier: Apache-2.0
// Compass directions of the two sides of a line.
#include "lodeline/border/side_direction.hpp"

#include <array>
#include <cctype>
#include <cmath>
#include <numbers>

#include "lodeline/geo/geos_ops.hpp"

namespace lodeline::border {

namespace {

double bearing_of(double dx, double dy) {
  double deg = std::atan2(dx, dy) * 180.0 / std::numbers::pi;
  if (deg < 0) deg += 360;
  return deg >= 360 ? deg - 360 : deg;
}

/// The words of a name, lower case, split at anything that is not a letter.
std::vector<std::string> lower_words(std::string_view name) {
  std::vector<std::string> words(1);
  for (const char ch : name) {
    if (std::isalpha(static_cast<unsigned char>(ch)) != 0)
      words.back() += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    else if (!words.back().empty())
      words.emplace_back();
  }
  if (words.back().empty()) words.pop_back();
  return words;
}

}  // namespace

std::optional<double> side_a_bearing_deg(const MultiPolygon& territory_a,
                                         const MultiPolygon& extent) {
  const double area_a = geo::area_m2(territory_a), area_all = geo::area_m2(extent);
  const double area_b = area_all - area_a;
  const auto ca = geo::centroid(territory_a), call = geo::centroid(extent);
  if (!ca || !call || !(area_a > 1e-9 * area_all) || !(area_b > 1e-9 * area_all))
    return std::nullopt;
  // Side B's centre from the whole and side A's: area-weighted centres add up.
  const Point2 cb{(call->x * area_all - ca->x * area_a) / area_b,
                  (call->y * area_all - ca->y * area_a) / area_b};
  return bearing_of(ca->x - cb.x, ca->y - cb.y);
}

double opposite_deg(double bearing_deg) { return std::fmod(bearing_deg + 180, 360); }

std::string compass_word(double bearing_deg) {
  static const std::array<const char*, 8> words{"north", "north-east", "east", "south-east",
                                                "south", "south-west", "west", "north-west"};
  const auto sector = static_cast<std::size_t>(std::floor(std::fmod(bearing_deg + 22.5, 360) / 45));
  return words[sector % 8];
}

std::optional<double> named_bearing_deg(std::string_view side_name) {
  double east = 0, north = 0;
  for (const auto& w : lower_words(side_name)) {
    if (w == "north" || w == "northern" || w == "northeast" || w == "northwest") north += 1;
    if (w == "south" || w == "southern" || w == "southeast" || w == "southwest") north -= 1;
    if (w == "east" || w == "eastern" || w == "northeast" || w == "southeast") east += 1;
    if (w == "west" || w == "western" || w == "northwest" || w == "southwest") east -= 1;
  }
  if (east == 0 && north == 0) return std::nullopt;
  return bearing_of(east, north);
}

bool contradicts(double named_deg, double found_deg) {
  double diff = std::fabs(named_deg - found_deg);
  if (diff > 180) diff = 360 - diff;
  return diff > 90;
}

}  // namespace lodeline::border
