// SPDX-License-Identifier: Apache-2.0
// Regular 3D block grid index math.
#include "lodeline/core/block_grid.hpp"

#include <fmt/format.h>

#include <cmath>
#include <numbers>

#include "lodeline/core/error.hpp"

namespace lodeline {

void BlockGrid::validate() const {
  static constexpr const char* kAxis[3] = {"x", "y", "z"};
  for (int a = 0; a < 3; ++a) {
    if (!(counts[a] > 0))
      throw Error("input.bad_grid",
                  fmt::format("block count along {} is {}, expected a positive integer", kAxis[a],
                              counts[a]));
    if (!(std::isfinite(block_size_m[a]) && block_size_m[a] > 0))
      throw Error("input.bad_grid",
                  fmt::format("block size along {} is {}, expected a positive number of metres",
                              kAxis[a], block_size_m[a]));
    if (!std::isfinite(origin_m[a]))
      throw Error("input.bad_grid",
                  fmt::format("origin {} is {}, expected a finite coordinate", kAxis[a],
                              origin_m[a]));
  }
  if (!std::isfinite(rotation_deg) || std::abs(rotation_deg) > 360.0)
    throw Error("input.bad_grid",
                fmt::format("rotation is {} degrees, expected a value in [-360, 360]",
                            rotation_deg));
  if (counts[0] > (std::int64_t{1} << 40) / counts[1] / counts[2])
    throw Error("input.bad_grid", fmt::format("grid of {} x {} x {} blocks is too large",
                                              counts[0], counts[1], counts[2]));
}

std::array<std::int64_t, 3> BlockGrid::ijk(std::int64_t index) const {
  const std::int64_t i = index % counts[0];
  const std::int64_t rest = index / counts[0];
  return {i, rest % counts[1], rest / counts[1]};
}

Point2 BlockGrid::to_local(Point2 world) const {
  const double dx = world.x - origin_m[0];
  const double dy = world.y - origin_m[1];
  if (rotation_deg == 0) return {dx, dy};
  const double t = rotation_deg * std::numbers::pi / 180.0;
  const double c = std::cos(t), s = std::sin(t);
  return {c * dx + s * dy, -s * dx + c * dy};
}

Point2 BlockGrid::to_world(Point2 local) const {
  if (rotation_deg == 0) return {origin_m[0] + local.x, origin_m[1] + local.y};
  const double t = rotation_deg * std::numbers::pi / 180.0;
  const double c = std::cos(t), s = std::sin(t);
  return {origin_m[0] + c * local.x - s * local.y, origin_m[1] + s * local.x + c * local.y};
}

std::array<double, 3> BlockGrid::centroid(std::int64_t i, std::int64_t j, std::int64_t k) const {
  const Point2 p = to_world({(static_cast<double>(i) + 0.5) * block_size_m[0],
                             (static_cast<double>(j) + 0.5) * block_size_m[1]});
  return {p.x, p.y, origin_m[2] + (static_cast<double>(k) + 0.5) * block_size_m[2]};
}

bool BlockGrid::locate(const std::array<double, 3>& world, std::array<std::int64_t, 3>& out) const {
  const Point2 p = to_local({world[0], world[1]});
  const double u[3] = {p.x / block_size_m[0], p.y / block_size_m[1],
                       (world[2] - origin_m[2]) / block_size_m[2]};
  for (int a = 0; a < 3; ++a) {
    const double f = std::floor(u[a]);
    if (!(f >= 0 && f < static_cast<double>(counts[a]))) return false;
    out[a] = static_cast<std::int64_t>(f);
  }
  return true;
}

}  // namespace lodeline
