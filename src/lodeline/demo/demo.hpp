// SPDX-License-Identifier: Apache-2.0
// The built-in synthetic straddling gold deposit behind `lodeline demo`.
#pragma once

#include <cstdint>
#include <filesystem>

#include "lodeline/blockmodel/block_model.hpp"
#include "lodeline/core/geometry.hpp"

namespace lodeline::demo {

/// Calibration targets of the demo (see docs/demo.md).
struct DemoTargets {
  double metal_t = 125.0;          ///< gold above the cut-off, t (public figure: 120-130 t)
  double cutoff_gpt = 0.8;         ///< public minimum profitable grade
  double licence_share_a = 0.50;   ///< licence area on side A under the surveyed line
  double metal_share_a = 0.26;     ///< gold above cut-off on side A under the surveyed line
};

struct DemoDeposit {
  blockmodel::BlockModel model;  ///< columns au_gpt, density_t_m3 (EPSG:32638)
  MultiPolygon licence;
  Polyline surveyed, claim_a, claim_b;  ///< project CRS
};

/// Builds the deposit deterministically from `seed` and calibrates it to `targets`.
DemoDeposit make_demo_deposit(std::uint64_t seed, const DemoTargets& targets = {});

/// Writes the deposit and its project file into `dir` (model.lbm, licence.geojson,
/// lines/*.geojson, project.toml, README.txt); returns the project file path.
std::filesystem::path write_demo_project(const std::filesystem::path& dir, const DemoDeposit& demo,
                                         std::uint64_t seed);

}  // namespace lodeline::demo
