// SPDX-License-Identifier: Apache-2.0
// The estimation engine shared by run_estimate and cross_validate (not a public API).
#pragma once

#include <array>
#include <memory>
#include <vector>

#include "lodeline/kriging/estimate.hpp"
#include "lodeline/kriging/neighbourhood.hpp"

namespace lodeline::kriging::detail {

/// One nested structure: its reduced-distance matrix and every sample (and discretisation
/// offset) mapped into its space, so a covariance is sill * shape(|p - q|) there.
struct Space {
  variogram::StructureType type = variogram::StructureType::spherical;
  double sill = 0;
  variogram::Matrix3 a{};
  std::vector<double> sx, sy, sz;  ///< samples (relative to the engine's centre)
  std::vector<double> dx, dy, dz;  ///< block discretisation offsets
  double disc_reach = 0;           ///< largest |offset| (structure units)
  [[nodiscard]] std::array<double, 3> apply(const std::array<double, 3>& h) const;
};

/// out[k] (+)= sill * covariance shape(|p_k - q|) for k < n (no nugget), vectorised; `tmp`
/// holds n doubles of scratch; assign = overwrite instead of add.
void add_covariances(const Space& sp, const double* px, const double* py, const double* pz,
                     std::size_t n, const std::array<double, 3>& q, double* out, double* tmp,
                     bool assign);

/// sill * sum_j weights[j] * shape(|d_j - q|) over the nd discretisation offsets d_j of `sp`
/// (a point-to-block covariance); `tmp` holds nd doubles of scratch.
double weighted_covariance(const Space& sp, const double* weights, std::size_t nd,
                           const std::array<double, 3>& q, double* tmp);

/// out[k] += the point-to-block covariance of sample k (p_k) with the block at q, for k < n:
/// sill * sum_j weights[j] * shape(|d_j - (p_k - q)|); `tmp` holds nd doubles of scratch.
void add_block_covariances(const Space& sp, const double* weights, std::size_t nd, const double* px,
                           const double* py, const double* pz, std::size_t n,
                           const std::array<double, 3>& q, double* out, double* tmp);

struct Engine {
 private:
  /// Estimates from the neighbours in the work buffers (distance order and system order).
  void solve(const std::array<double, 3>& t, TargetResult& result, void* work) const;
  /// The kriging part of solve (OK, SK): system, right-hand side, weights.
  void solve_kriging(const std::array<double, 3>& t, TargetResult& result, void* work) const;

 public:
  Engine(const Samples& samples, const EstimateOptions& options, Diagnostics* diag);

  /// Per-thread work buffers (opaque).
  [[nodiscard]] std::unique_ptr<void, void (*)(void*)> make_work() const;
  /// Estimates one target; exclude_* drop a sample or a hole (cross-validation).
  void estimate(const std::array<double, 3>& target, TargetResult& result, void* work,
                std::int64_t exclude_index, std::int64_t exclude_hole) const;
  /// Group search (search->groups_apply()): estimates targets ids[0..count), all within
  /// `reach` of `centre` in search space, from one set of candidates, into results[id].
  void estimate_group(const std::array<double, 3>& centre, double reach, const Targets& targets,
                      const std::uint32_t* ids, std::size_t count, TargetResult* results,
                      void* work) const;
  /// Target i's coordinates (z = 0 for 2D data or targets without z).
  [[nodiscard]] std::array<double, 3> point(const Targets& targets, std::size_t i) const;
  [[nodiscard]] std::array<double, 3> to_search(const std::array<double, 3>& p) const;

  const EstimateOptions& opt;
  bool three_d = false;
  // Samples after merging duplicates (input order of first occurrence).
  std::vector<double> x, y, z, v;
  std::vector<std::int64_t> hole;
  std::vector<std::size_t> source;
  std::size_t duplicates_merged = 0;
  std::array<double, 3> centre{0, 0, 0};
  double nugget = 0, sill = 0, block_variance = 0;
  double max_diag = 0;  ///< C(0) + nugget, the diagonal of every kriging matrix
  std::vector<Space> spaces;
  variogram::Matrix3 search_matrix{};
  std::unique_ptr<NeighbourSearch> search;
  bool block = false;
  std::vector<double> disc_w;
};

}  // namespace lodeline::kriging::detail
