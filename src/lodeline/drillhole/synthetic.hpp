// SPDX-License-Identifier: Apache-2.0
// Synthetic drilling of a block model: collar, survey and assay tables as CSV text, seeded.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "lodeline/core/block_grid.hpp"

namespace lodeline::drillhole {

/// A planned straight hole; dip negative downward.
struct PlannedHole {
  std::string hole_id;
  double x_m = 0, y_m = 0, z_m = 0;
  double azimuth_deg = 0, dip_deg = -90;
  double length_m = 0;
};

struct SyntheticDrillingOptions {
  double sample_length_m = 2;
  /// Sampling noise: each sample is the block grade times exp(sd z - sd^2/2), z standard
  /// normal (a lognormal factor of mean 1).
  double noise_log_sd = 0.25;
  double detection_limit_gpt = 0.01;  ///< samples below it are written as "<limit"
  double survey_step_m = 50;          ///< survey stations every this many metres from 0
  std::uint64_t seed = 1;
  std::string value_name = "au";  ///< the assay column (g/t)
  /// Throws input.bad_option for a non-positive length, step or limit or a negative sd.
  void validate() const;
};

struct SyntheticDrilling {
  std::string collars_csv;  ///< hole_id,x,y,z,depth
  std::string surveys_csv;  ///< hole_id,at,azimuth,dip (dip negative down)
  std::string assays_csv;   ///< hole_id,from,to,<value_name>; blank where there is no block
  std::size_t samples = 0;
  std::size_t below_detection = 0;
  std::size_t without_block = 0;  ///< sample centre outside the grid or in a NaN block
};

/// Drills `holes` through the model: 2 m (sample_length_m) samples from the collar, the last
/// one shorter when the length is not a multiple; each sample takes the grade of the block
/// its centre falls in (NaN = no block: blank value) times the lognormal noise drawn from one
/// SplitMix64(seed) stream in hole and sample order. Grades are written with 3 decimals.
/// Throws input.bad_count when grade_gpt.size() != grid.block_count() and input.bad_option
/// for a hole with an empty id, a non-positive length, an azimuth outside [0,360) or a dip
/// outside [-90,90].
SyntheticDrilling synthesize_drilling(const BlockGrid& grid, std::span<const double> grade_gpt,
                                      const std::vector<PlannedHole>& holes,
                                      const SyntheticDrillingOptions& options);

}  // namespace lodeline::drillhole
