// SPDX-License-Identifier: Apache-2.0
// Synthetic drilling: straight holes sampled through a block model with lognormal noise.
#include "lodeline/drillhole/synthetic.hpp"

#include <fmt/format.h>

#include <cmath>
#include <iterator>

#include "lodeline/core/error.hpp"
#include "lodeline/core/random.hpp"
#include "lodeline/drillhole/desurvey.hpp"

namespace lodeline::drillhole {

void SyntheticDrillingOptions::validate() const {
  auto positive = [](double v, const char* what) {
    if (!std::isfinite(v) || v <= 0)
      throw Error("input.bad_option", fmt::format("{} is {}, expected a value > 0", what, v));
  };
  positive(sample_length_m, "sample length (m)");
  positive(survey_step_m, "survey step (m)");
  positive(detection_limit_gpt, "detection limit (g/t)");
  if (!std::isfinite(noise_log_sd) || noise_log_sd < 0)
    throw Error("input.bad_option",
                fmt::format("noise log sd is {}, expected a value >= 0", noise_log_sd));
  if (value_name.empty())
    throw Error("input.bad_option", "assay column name is empty, expected a name");
}

SyntheticDrilling synthesize_drilling(const BlockGrid& grid, std::span<const double> grade_gpt,
                                      const std::vector<PlannedHole>& holes,
                                      const SyntheticDrillingOptions& options) {
  options.validate();
  grid.validate();
  if (static_cast<std::int64_t>(grade_gpt.size()) != grid.block_count())
    throw Error("input.bad_count", fmt::format("{} grades for a grid of {} blocks, expected one "
                                               "per block",
                                               grade_gpt.size(), grid.block_count()));
  for (const auto& h : holes) {
    if (h.hole_id.empty())
      throw Error("input.bad_option", "planned hole id is empty, expected a name");
    if (!std::isfinite(h.length_m) || h.length_m <= 0)
      throw Error("input.bad_option", fmt::format("planned hole '{}' is {} m long, expected > 0",
                                                  h.hole_id, h.length_m));
    if (!(h.azimuth_deg >= 0 && h.azimuth_deg < 360))
      throw Error("input.bad_option",
                  fmt::format("planned hole '{}' azimuth is {}, expected 0 <= azimuth < 360",
                              h.hole_id, h.azimuth_deg));
    if (!(h.dip_deg >= -90 && h.dip_deg <= 90))
      throw Error("input.bad_option", fmt::format("planned hole '{}' dip is {}, expected -90..90",
                                                  h.hole_id, h.dip_deg));
    if (!std::isfinite(h.x_m) || !std::isfinite(h.y_m) || !std::isfinite(h.z_m))
      throw Error("input.bad_option",
                  fmt::format("planned hole '{}' collar is not finite", h.hole_id));
  }
  SyntheticDrilling out;
  out.collars_csv = "hole_id,x,y,z,depth\n";
  out.surveys_csv = "hole_id,at,azimuth,dip\n";
  out.assays_csv = fmt::format("hole_id,from,to,{}\n", options.value_name);
  auto collars = std::back_inserter(out.collars_csv);
  auto surveys = std::back_inserter(out.surveys_csv);
  auto assays = std::back_inserter(out.assays_csv);
  SplitMix64 rng(options.seed);
  const double sd = options.noise_log_sd;
  for (const auto& h : holes) {
    fmt::format_to(collars, "{},{},{},{},{}\n", h.hole_id, h.x_m, h.y_m, h.z_m, h.length_m);
    for (std::int64_t k = 0;; ++k) {
      const double at = static_cast<double>(k) * options.survey_step_m;
      if (at >= h.length_m) break;
      fmt::format_to(surveys, "{},{},{},{}\n", h.hole_id, at, h.azimuth_deg, h.dip_deg);
    }
    const Vec3 t = direction_of(h.azimuth_deg, h.dip_deg);
    for (std::int64_t k = 0;; ++k) {
      const double from = static_cast<double>(k) * options.sample_length_m;
      if (from >= h.length_m - 1e-9) break;
      const double to = std::min(h.length_m, from + options.sample_length_m);
      const double mid = (from + to) / 2;
      const std::array<double, 3> centre{h.x_m + mid * t[0], h.y_m + mid * t[1],
                                         h.z_m + mid * t[2]};
      ++out.samples;
      std::array<std::int64_t, 3> ijk{};
      double grade = std::numeric_limits<double>::quiet_NaN();
      if (grid.locate(centre, ijk))
        grade = grade_gpt[static_cast<std::size_t>(grid.index(ijk[0], ijk[1], ijk[2]))];
      if (std::isnan(grade)) {
        ++out.without_block;
        fmt::format_to(assays, "{},{},{},\n", h.hole_id, from, to);
        continue;
      }
      const double value = grade * std::exp(sd * rng.normal() - sd * sd / 2);
      if (value < options.detection_limit_gpt) {
        ++out.below_detection;
        fmt::format_to(assays, "{},{},{},<{}\n", h.hole_id, from, to, options.detection_limit_gpt);
      } else {
        fmt::format_to(assays, "{},{},{},{:.3f}\n", h.hole_id, from, to, value);
      }
    }
  }
  return out;
}

}  // namespace lodeline::drillhole
