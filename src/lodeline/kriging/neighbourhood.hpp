// SPDX-License-Identifier: Apache-2.0
// Neighbourhood search: k nearest samples within a radius on a nanoflann kd-tree, with
// optional per-hole and per-octant limits and an excluded sample or hole (cross-validation).
//
// Octant search as in GSLIB kt3d (Deutsch & Journel 1998, sec. II.4); kd-tree: Friedman,
// Bentley & Finkel (1977), via nanoflann. Group search: one kd-tree query serves a compact
// group of query points, bounded by the triangle inequality (every point within `reach` of
// the group's centre has its k nearest within min(d_k(centre) + reach, radius) of itself).
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <utility>
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
    std::vector<std::pair<double, std::uint32_t>> found;  ///< group candidates
    std::vector<std::uint32_t> sel;                       ///< a group centre's selection
    std::vector<double> sel_d2;
  };

  /// The accepted neighbours of `q` in increasing distance (ties: as the tree finds them,
  /// deterministically), with squared distances. Samples with index `exclude_index` or hole
  /// `exclude_hole` are skipped. `bound2` is an optional squared distance believed to hold the
  /// k nearest (a speed hint, e.g. from the previous query): the result does not depend on it.
  void find(const std::array<double, 3>& q, std::vector<std::uint32_t>& out,
            std::vector<double>& out_dist2, Scratch& scratch, std::int64_t exclude_index = -1,
            std::int64_t exclude_hole = kNoHole,
            double bound2 = std::numeric_limits<double>::infinity()) const;

  /// The candidates of a compact group of query points: every point that can be among the
  /// accepted neighbours of a query within `reach` of `centre`, shell by shell outwards from
  /// the centre. Only where groups_apply().
  struct Group {
    static constexpr std::size_t kBlock = 8;  ///< candidates are padded to whole blocks
    std::array<double, 3> centre{0, 0, 0};
    double reach = 0;
    double dk = 0;  ///< the centre's k-th accepted distance (infinite when fewer)
    std::vector<std::uint32_t> index;
    std::vector<std::int64_t> hole;  ///< per candidate, with a per-hole limit
    std::vector<double> dc;          ///< lower bound of the distance to the centre, ascending
    std::vector<double> px, py, pz;  ///< the candidates' coordinates
  };

  /// True when find() has no octant limit and a finite max_samples (a per-hole limit is
  /// allowed): then find_in() over a prepared group gives exactly find()'s result.
  [[nodiscard]] bool groups_apply() const;
  void prepare(const std::array<double, 3>& centre, double reach, Group& group,
               Scratch& scratch) const;
  /// find(q) for a query within the group's reach of its centre: the same neighbours in the
  /// same order.
  void find_in(const Group& group, const std::array<double, 3>& q, std::vector<std::uint32_t>& out,
               std::vector<double>& out_dist2, Scratch& scratch) const;

  [[nodiscard]] std::size_t size() const { return points_.size(); }
  [[nodiscard]] const std::array<double, 3>& point(std::size_t i) const { return points_[i]; }

 private:
  [[nodiscard]] bool per_hole() const;
  /// With a per-hole limit: hole h already has its max_per_hole among `taken`.
  [[nodiscard]] bool hole_full(const std::vector<std::int64_t>& taken, std::int64_t h) const;
  void find_in_per_hole(const Group& group, const std::array<double, 3>& q,
                        std::vector<std::uint32_t>& out, std::vector<double>& out_dist2,
                        Scratch& scratch) const;
  struct Tree;
  std::vector<std::array<double, 3>> points_;
  std::vector<std::int64_t> hole_;
  NeighbourLimits limits_;
  double limit2_ = 0;  ///< squared radius, widened by one ulp (inclusive)
  std::unique_ptr<Tree> tree_;
};

}  // namespace lodeline::kriging
