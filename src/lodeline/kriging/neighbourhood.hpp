// SPDX-License-Identifier: Apache-2.0
// Neighbourhood search: k nearest samples within a radius on a nanoflann kd-tree, with
// optional per-hole and per-octant limits and an excluded sample or hole (cross-validation).
//
// Octant search as in GSLIB kt3d (Deutsch & Journel 1998, sec. II.4); kd-tree: Friedman,
// Bentley & Finkel (1977), via nanoflann.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

namespace lodeline::kriging {

struct NeighbourLimits {
  std::size_t max_samples = 0;                              ///< 0 = every sample within the radius
  double radius = std::numeric_limits<double>::infinity();  ///< inclusive, search-space units
  std::size_t max_per_hole = 0;                             ///< 0 = no limit
  std::size_t max_per_octant = 0;                           ///< 0 = no octants
};

/// Points live in a "search space" chosen by the caller (plain or anisotropy-transformed
/// coordinates); distances are Euclidean there.
class NeighbourSearch {
 public:
  static constexpr std::int64_t kNoHole = std::numeric_limits<std::int64_t>::min();

  /// `hole` may be empty (then max_per_hole and hole exclusion do nothing).
  NeighbourSearch(std::vector<std::array<double, 3>> points, std::vector<std::int64_t> hole,
                  NeighbourLimits limits);
  ~NeighbourSearch();
  NeighbourSearch(const NeighbourSearch&) = delete;
  NeighbourSearch& operator=(const NeighbourSearch&) = delete;

  /// Per-thread buffers.
  struct Scratch {
    std::vector<std::uint32_t> index;
    std::vector<double> dist2;
    std::vector<std::int64_t> holes;
  };

  /// The accepted neighbours of `q` in increasing distance (ties: as the tree finds them,
  /// deterministically), with squared distances. Samples with index `exclude_index` or hole
  /// `exclude_hole` are skipped. `bound2` is an optional squared distance believed to hold the
  /// k nearest (a speed hint, e.g. from the previous query): the result does not depend on it.
  void find(const std::array<double, 3>& q, std::vector<std::uint32_t>& out,
            std::vector<double>& out_dist2, Scratch& scratch, std::int64_t exclude_index = -1,
            std::int64_t exclude_hole = kNoHole,
            double bound2 = std::numeric_limits<double>::infinity()) const;

  [[nodiscard]] std::size_t size() const { return points_.size(); }
  [[nodiscard]] const std::array<double, 3>& point(std::size_t i) const { return points_[i]; }

 private:
  struct Tree;
  std::vector<std::array<double, 3>> points_;
  std::vector<std::int64_t> hole_;
  NeighbourLimits limits_;
  std::unique_ptr<Tree> tree_;
};

}  // namespace lodeline::kriging
