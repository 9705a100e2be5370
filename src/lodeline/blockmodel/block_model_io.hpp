// SPDX-License-Identifier: Apache-2.0
// Reading and writing block models: located CSV (checked against a given grid) and binary .lbm.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "lodeline/blockmodel/block_model.hpp"

namespace lodeline::blockmodel {

/// How a CSV block model is read. The grid must be given: CSV files do not carry a reliable
/// grid definition, so every row is checked against it instead.
///
/// Position columns (header names matched case-insensitively):
///   centroid/corner: x = XC, X, XCENTRE, XCENTER, X_CENTRE, X_CENTER, EAST, EASTING;
///                    y = YC, Y, YCENTRE, YCENTER, Y_CENTRE, Y_CENTER, NORTH, NORTHING;
///                    z = ZC, Z, ZCENTRE, ZCENTER, Z_CENTRE, Z_CENTER, ELEV, ELEVATION, RL.
///                    With `corner` the same columns hold the block's lower-left-bottom corner.
///   ijk:             i = I, IX; j = J, IY; k = K, IZ (0-based integers).
/// When the file also holds all three columns of the other kind (i,j,k with coordinates, or
/// centroid coordinates with ijk, as written by write_block_model_csv), they are not attributes:
/// each row is checked to name the same block (input.position_mismatch).
/// Every other column is an attribute: float64, or int64 when named (exactly, case-sensitive)
/// in `int_columns`. An empty attribute field means "no value for this block" (NaN or
/// kMissingInt); any other text must be a finite number / an integer other than INT64_MIN.
struct CsvModelOptions {
  BlockGrid grid;
  std::string crs;  ///< copied into the model
  enum Position { centroid, corner, ijk } position = centroid;
  std::vector<std::string> int_columns;
};

/// What a CSV read found besides the model itself.
struct CsvReadStats {
  std::int64_t rows = 0;                ///< data rows in the file
  std::int64_t blocks_listed = 0;       ///< grid blocks named by a row
  std::int64_t blocks_not_listed = 0;   ///< grid blocks without a row (left absent)
};

/// Reads a CSV block model. The whole file is checked; findings (input.bad_number,
/// input.bad_integer, input.off_grid, input.outside_grid, input.duplicate_block,
/// input.position_mismatch) are collected and thrown together (first error, then the rest with
/// a count). Header problems throw at once (input.missing_column, input.ambiguous_column,
/// input.duplicate_column, input.bad_column_name, input.no_attributes). Blocks without a row
/// stay absent; `stats`, when given, receives the counts.
BlockModel read_block_model_csv(const std::filesystem::path& path, const CsvModelOptions& options,
                                CsvReadStats* stats = nullptr);

struct CsvWriteOptions {
  /// false: one row per present block (a value in at least one column); true: every block.
  bool all_blocks = false;
};

/// Writes header "i,j,k,xc,yc,zc,<columns...>" and one row per block in linear-index order;
/// numbers are shortest round-trip text, missing values empty fields. Atomic: a failed write
/// leaves no file. Throws input.reserved_column when a column name would read back as a
/// position column, internal.bad_model when column lengths do not match the grid.
void write_block_model_csv(const std::filesystem::path& path, const BlockModel& model,
                           const CsvWriteOptions& options = {});

/// Binary block model (.lbm), all integers little-endian:
///   bytes 0..8   magic "LODELBM1"
///   bytes 8..16  uint64 length L of the JSON header
///   bytes 16..16+L  UTF-8 JSON: {"format":"lodeline.block_model","version":1,
///                   "grid":{"origin":[x,y,z],"block_size":[dx,dy,dz],"counts":[nx,ny,nz],
///                           "rotation_deg":r},
///                   "crs":"...","columns":[{"name":"AU","type":"float64"},...]}
///   then per column in header order: block_count values of 8 bytes (IEEE-754 double or
///   two's-complement int64), linear block index order. Nothing follows.
/// The round trip is bit-exact (NaN payloads included). Atomic write.
void write_block_model_binary(const std::filesystem::path& path, const BlockModel& model);

/// Reads a .lbm file; any structural problem (wrong magic, truncation, malformed or
/// inconsistent header, trailing bytes) is input.bad_binary with the byte offset in the message;
/// an invalid grid is input.bad_grid.
BlockModel read_block_model_binary(const std::filesystem::path& path);

}  // namespace lodeline::blockmodel
