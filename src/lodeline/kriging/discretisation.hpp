// SPDX-License-Identifier: Apache-2.0
// Block discretisation: regular n-per-axis grids or Gauss-Legendre points with weights.
//
// Gauss-Legendre quadrature nodes and weights: Abramowitz & Stegun (1964), Table 25.4;
// gstat's default block discretisation (4 points per axis, float32 weights): Pebesma (2004).
#pragma once

#include <array>
#include <vector>

#include "lodeline/kriging/estimate.hpp"

namespace lodeline::kriging {

struct Discretisation {
  std::vector<std::array<double, 3>> offsets_m;  ///< from the block centre, world axes
  std::vector<double> weights;                   ///< ~1 in sum (float32-rounded, as gstat)
};

/// Points of a block of `options.size_m`: per axis n = options.discretization[a] (z only when
/// `three_d`). regular: offsets (-0.5 + (k + 0.5)/n) * size, weight 1/n^dim. gauss: the n-point
/// Gauss-Legendre nodes (n = 1..5) scaled to [-size/2, size/2], point weight = product of the
/// axis weights / 2^dim. Both schemes round each point weight to float32 as gstat stores it
/// (their sum then differs from 1 by ~1e-8; matching gstat's block estimates to 1e-15). Offsets are
/// turned by options.rotation_deg about z. Throws input.bad_option for sizes <= 0 or n out of
/// range.
[[nodiscard]] Discretisation discretise(const BlockOptions& options, bool three_d);

}  // namespace lodeline::kriging
