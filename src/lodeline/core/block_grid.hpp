// SPDX-License-Identifier: Apache-2.0
// Regular 3D block grid: index <-> (i,j,k) <-> centroid, optional rotation about Z.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "lodeline/core/geometry.hpp"

namespace lodeline {

/// Grid conventions (docs/conventions.md): origin is the lower-left-bottom corner; i runs
/// along the grid's x axis (east when unrotated), j along y, k up (k = 0 is the lowest bench);
/// linear index = i + nx*(j + ny*k). rotation_deg turns the grid counter-clockwise about the
/// vertical through the origin (0 = axes aligned with east/north).
struct BlockGrid {
  std::array<double, 3> origin_m{0, 0, 0};
  std::array<double, 3> block_size_m{1, 1, 1};
  std::array<std::int64_t, 3> counts{1, 1, 1};
  double rotation_deg = 0;

  /// Throws input.bad_grid for non-positive or non-finite sizes/counts.
  void validate() const;

  [[nodiscard]] std::int64_t nx() const { return counts[0]; }
  [[nodiscard]] std::int64_t ny() const { return counts[1]; }
  [[nodiscard]] std::int64_t nz() const { return counts[2]; }
  [[nodiscard]] std::int64_t column_count() const { return counts[0] * counts[1]; }
  [[nodiscard]] std::int64_t block_count() const { return counts[0] * counts[1] * counts[2]; }
  [[nodiscard]] double block_area_m2() const { return block_size_m[0] * block_size_m[1]; }
  [[nodiscard]] double block_volume_m3() const {
    return block_size_m[0] * block_size_m[1] * block_size_m[2];
  }

  [[nodiscard]] std::int64_t index(std::int64_t i, std::int64_t j, std::int64_t k) const {
    return i + counts[0] * (j + counts[1] * k);
  }
  [[nodiscard]] std::int64_t column_index(std::int64_t i, std::int64_t j) const {
    return i + counts[0] * j;
  }
  [[nodiscard]] std::array<std::int64_t, 3> ijk(std::int64_t index) const;

  /// Grid-local plan coordinates (metres from the origin along the grid axes) <-> world.
  [[nodiscard]] Point2 to_local(Point2 world) const;
  [[nodiscard]] Point2 to_world(Point2 local) const;

  /// World centroid of block (i,j,k).
  [[nodiscard]] std::array<double, 3> centroid(std::int64_t i, std::int64_t j,
                                               std::int64_t k) const;
  /// The block containing a world point, or false when outside the grid. A point on a shared
  /// face belongs to the block above/east/north of it (half-open cells).
  bool locate(const std::array<double, 3>& world, std::array<std::int64_t, 3>& out) const;
};

}  // namespace lodeline
