// SPDX-License-Identifier: Apache-2.0
// Synthetic GPS occupations of known pillars in all four fix formats, for the demo and tests.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace lodeline::survey {

struct SyntheticPillar {
  std::string name;
  double lon_deg = 0;
  double lat_deg = 0;
  double h_m = 1500;  ///< ellipsoidal height
};

struct SyntheticOptions {
  std::uint64_t seed = 1;
  std::size_t epochs = 120;   ///< 1 Hz epochs per pillar in the NMEA and .pos files
  std::size_t waypoints = 5;  ///< GPX waypoints per pillar
  double single_sd_m = 1.5;   ///< per-axis noise of autonomous fixes (NMEA, GPX)
  double hdop = 0.9;          ///< HDOP written for autonomous fixes
  int satellites = 9;
  double fixed_sd_m = 0.01;           ///< RTKLIB fixed solutions
  double float_sd_m = 0.25;           ///< RTKLIB float solutions
  double float_fraction = 0.2;        ///< share of float epochs in the .pos files
  std::size_t singles_per_pos = 3;    ///< Q=5 epochs per .pos file (dropped when better exist)
  std::size_t outliers_per_file = 2;  ///< gross errors per NMEA/.pos file (one GPX waypoint)
  double outlier_m = 50;
  double csv_sd_m = 0.05;  ///< noise and stated sd of the CSV pillar list
  double geoid_sep_m = -20;
  double start_utc_s = 1622527200;  ///< 2021-06-01T06:00:00Z
  double gap_s = 600;               ///< walk between occupations
};

struct SyntheticFile {
  std::string name;  ///< file name (no folder)
  std::string text;
};

/// Files: "waypoints.gpx", "<pillar>.nmea" and "<pillar>.pos" per pillar, "pillars.csv",
/// "continuous.nmea" (one log through every occupation) with "sessions.csv", and
/// "ORDER.txt". Each NMEA file begins with one quality-0 epoch (no position) and one RMC
/// void epoch; outliers are outlier_m away in a random direction. Same seed, same bytes.
std::vector<SyntheticFile> synthetic_occupations(const std::vector<SyntheticPillar>& pillars,
                                                 const SyntheticOptions& options);

}  // namespace lodeline::survey
