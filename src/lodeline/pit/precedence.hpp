// SPDX-License-Identifier: Apache-2.0
// Readers for pit inputs (block values, explicit precedence, regular models, offset
// patterns) and the minimum-search slope pattern generator.
//
// Reference for minimum-search patterns: M. Deutsch, K. Dagdelen, T. Johnson (2022), "An
// open-source program for efficiently computing ultimate pit limits: MineFlow", Natural
// Resources Research.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lodeline/pit/closure.hpp"

namespace lodeline::pit {

/// Values file: one `id value` per line (0-based ids, each exactly once, any order; blank
/// lines and lines starting with '#' skipped). The block count is the number of lines.
/// Errors with file:line:col: input.bad_integer, input.bad_count (not two fields),
/// input.bad_id (id out of range), input.duplicate_id, input.empty_file.
std::vector<std::int64_t> parse_values(std::string_view text, const std::string& file);
std::vector<std::int64_t> read_values(const std::string& path);

/// Precedence file: one `id n p1 ... pn` per line: block id requires blocks p1..pn. Blocks
/// without a line require nothing. Errors: input.bad_integer, input.bad_count (n negative
/// or not the number of ids listed), input.bad_id, input.duplicate_id (a second line for an
/// id), input.precedence_cycle (at the line of one block on the cycle).
ExplicitPrecedence parse_precedence(std::string_view text, const std::string& file,
                                    std::int64_t block_count);
ExplicitPrecedence read_precedence(const std::string& path, std::int64_t block_count);

/// Regular model values: one integer per line, x fastest, then y, then z (z index 0 lowest);
/// exactly nx * ny * nz lines (input.bad_count otherwise). Blank lines are skipped.
std::vector<std::int64_t> parse_regular_values(std::string_view text, const std::string& file,
                                               std::int64_t nx, std::int64_t ny,
                                               std::int64_t nz);
std::vector<std::int64_t> read_regular_values(const std::string& path, std::int64_t nx,
                                              std::int64_t ny, std::int64_t nz);

/// Offsets file: one `dx dy dz` per line; dz <= 0 is input.bad_pattern.
std::vector<Offset> parse_offsets(std::string_view text, const std::string& file);
std::vector<Offset> read_offsets(const std::string& path);

/// Block dimensions in metres, for slope patterns.
struct BlockSize {
  double x_m = 1;
  double y_m = 1;
  double z_m = 1;
};

/// The smallest set of offsets whose transitive closure is the slope cone over `benches`
/// levels: all (dx, dy, dz), 1 <= dz <= benches, with the horizontal distance between block
/// centres at most dz * z_m / tan(slope) (1e-9 relative tolerance, so 45 degrees on unit
/// cubes includes the diagonal (1, 0, 1)). The cone is convex, so sums of offsets stay
/// inside it, and the minimal generating set is exactly the offsets that are not the sum of
/// two cone offsets; returned sorted by (dz, dx, dy). slope_deg must be in (0, 90)
/// (input.bad_slope), benches >= 1 and block sizes > 0 (input.bad_option).
std::vector<Offset> minimum_search_pattern(double slope_deg, std::int64_t benches,
                                           BlockSize block = {});

/// A slope that holds for azimuths from azimuth_from_deg to azimuth_to_deg (degrees clockwise
/// from grid north = +y, so east = +x is 90). Both ends in [0, 360]; the sector is
/// [from, to) and wraps past 360 when to < from (315 -> 45 is north-west to north-east).
struct SlopeSector {
  double azimuth_from_deg = 0;
  double azimuth_to_deg = 360;
  double slope_deg = 45;
};

/// A minimum-search pattern for sector slopes and how exactly its closure follows the cone.
struct SectorPattern {
  std::vector<Offset> offsets;   ///< the pattern, sorted by (dz, dx, dy)
  std::int64_t cone_size = 0;    ///< offsets in the cone over the benches
  std::int64_t missed = 0;       ///< cone offsets the pattern's closure lacks (under-mining)
  std::int64_t added = 0;        ///< non-cone offsets the pattern's closure has (over-mining)
};

/// The minimum-search pattern of a slope that varies by azimuth sector. An offset (dx, dy,
/// dz), 1 <= dz <= benches, is in the cone when dx = dy = 0, or when the horizontal distance
/// between block centres is at most dz * z_m / tan(slope at the azimuth of (dx * x_m,
/// dy * y_m)), with the 1e-9 tolerance of minimum_search_pattern; an azimuth on a sector
/// boundary (within 1e-9 degrees) takes the gentler of the two slopes. Such a cone need not
/// be convex, so the pattern is built bench by bench: a cone offset joins it when it is not
/// already a sum of pattern offsets of lower benches. Every pattern offset is then needed,
/// and every cone offset is reached (missed == 0); sums that leave the cone cannot be
/// avoided by any generating set and are counted in `added` by recomputing the transitive
/// closure of the pattern over `benches` levels and comparing it with the cone. With one
/// slope everywhere this equals minimum_search_pattern. Sectors must cover [0, 360) without
/// gaps or overlaps, with slopes in (0, 90) (input.bad_slope); benches >= 1 and block sizes
/// > 0 (input.bad_option).
SectorPattern minimum_search_pattern_sectors(const std::vector<SlopeSector>& sectors,
                                             std::int64_t benches, BlockSize block = {});

/// `dx dy dz` lines, one per offset.
std::string format_offsets(const std::vector<Offset>& offsets);

}  // namespace lodeline::pit
