// SPDX-License-Identifier: Apache-2.0
// Fitting variogram models (nugget + nested structures) to experimental variograms by
// weighted least squares, isotropic or with ranges per direction and shared sills.
//
// References:
//   N. Cressie (1985), "Fitting variogram models by weighted least squares", Mathematical
//   Geology 17:563-586 (weights N_j / gamma(h_j)^2; weighted least squares in general).
//   E. J. Pebesma (2004), "Multivariable geostatistics in S: the gstat package", Computers &
//   Geosciences 30:683-691 (fit.variogram: fit.method 7, weights N_j / h_j^2, is its default;
//   negative sills are set to zero and fixed, then the fit is repeated).
//   J. J. More (1978), "The Levenberg-Marquardt algorithm: implementation and theory", Lecture
//   Notes in Mathematics 630 (MINPACK lmdif, as in Eigen's unsupported LevenbergMarquardt).
//
// Objective. Over the lags j with pairs (N_j > 0) of the experimental variogram(s), with mean
// distance h_j and semivariance g_j, minimise
//     S = sum_j w_j (g_j - gamma(h_j))^2
// with w_j = N_j / h_j^2 (npairs_over_h2, the default, gstat fit.method 7), N_j (npairs, gstat
// 1), 1 (ols, gstat 6) or N_j / gamma(h_j)^2 (cressie, gstat 2; the weight moves with the
// model). gamma(h) = nugget [h > 0] + sum_k sill_k f_k(h / range_k) along one direction.
//
// Method. Levenberg-Marquardt (Eigen unsupported/NonLinearOptimization, central-difference
// Jacobian) over the free sills and the logarithms of the free ranges (ranges stay > 0).
// When a sill or the nugget ends negative it is set to 0 and fixed and the fit repeated, until
// none is negative. fit_variogram(types) starts from a fixed set of ranges (fractions 0.1,
// 0.2, 0.35, 0.5, 0.75 and 1 of the largest lag distance, increasing across nested
// structures) and keeps the fit with the smallest S (the first on ties), so the result is
// deterministic.
//
// Anisotropy. fit_anisotropic fits 2 or 3 mutually perpendicular directional variograms at
// once: one nugget and one sill per structure for all directions, one range per structure and
// direction. Each structure's axes are then ordered by range: major, semi-major, minor, and
// its GSLIB angles (ang1 azimuth and ang2 dip of the major axis, ang3 rotation of the other two
// about it; see model.hpp) are computed from the axes. With two directions the third axis (their
// cross product) gets the largest fitted range, as gstat's 2D anis = c(p, s) leaves the
// vertical at the major range.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "lodeline/variogram/experimental.hpp"
#include "lodeline/variogram/model.hpp"

namespace lodeline::variogram {

enum class FitWeighting {
  npairs_over_h2,  ///< N_j / h_j^2 (gstat fit.method 7, the default)
  npairs,          ///< N_j (gstat fit.method 1)
  cressie,         ///< N_j / gamma(h_j)^2 (Cressie 1985; gstat fit.method 2)
  ols,             ///< 1 (gstat fit.method 6)
};

/// "npairs-h2", "npairs", "cressie", "ols".
[[nodiscard]] const char* to_string(FitWeighting w);
[[nodiscard]] std::optional<FitWeighting> fit_weighting_from_string(std::string_view name);

struct FitOptions {
  FitWeighting weighting = FitWeighting::npairs_over_h2;
  bool fit_nugget = true;               ///< false: the nugget stays at its initial value
  bool fit_sills = true;                ///< false: the structure sills stay at their initial values
  bool fit_ranges = true;               ///< false: the ranges stay at their initial values
  std::int32_t max_evaluations = 4000;  ///< objective evaluations per Levenberg-Marquardt run
};

struct FitResult {
  VariogramModel model;
  double weighted_sse = 0;  ///< S at the result
  bool converged = false;   ///< Levenberg-Marquardt stopped on a tolerance, not a budget
  std::int32_t evaluations = 0;
  std::vector<std::size_t> zeroed;  ///< sills set to 0 and fixed: 0 = nugget, k + 1 = structure k
};

/// Checks options (input.bad_option: max_evaluations >= 1).
void validate(const FitOptions& options);

/// Isotropic fit starting from `initial` (its structure types, sills, nugget, and
/// ranges_m[0] as the range; angles ignored). The result has equal ranges and zero angles.
/// input.too_few_lags when fewer lags have pairs than there are free parameters;
/// numeric.zero_lag_distance for npairs_over_h2 with a lag at mean distance 0;
/// input.bad_variogram when `initial` is invalid.
FitResult fit_variogram(const ExperimentalVariogram& experimental, const VariogramModel& initial,
                        const FitOptions& options = {});

/// Isotropic fit of a nugget plus structures of these types, from the fixed set of starting
/// points described above (input.bad_option when `types` is empty).
FitResult fit_variogram(const ExperimentalVariogram& experimental,
                        const std::vector<StructureType>& types, const FitOptions& options = {});

/// Anisotropic fit to 2 or 3 directional variograms of mutually perpendicular directions
/// (input.bad_option otherwise: |u_a . u_b| <= 1e-6 for their unit vectors), with shared
/// nugget and sills, from the fixed set of starting points (same range fraction in every
/// direction).
FitResult fit_anisotropic(const std::vector<ExperimentalVariogram>& directional,
                          const std::vector<StructureType>& types, const FitOptions& options = {});

/// Unit vector (x east, y north, z up) of a direction's azimuth and dip.
[[nodiscard]] std::array<double, 3> direction_vector(const Direction& d);

/// GSLIB angles {ang1, ang2, ang3} (degrees, ranges of model.hpp) of the frame whose major axis
/// is `major` and semi-major axis is `semi` (unit vectors, perpendicular).
[[nodiscard]] std::array<double, 3> gslib_angles(const std::array<double, 3>& major,
                                                 const std::array<double, 3>& semi);

}  // namespace lodeline::variogram
