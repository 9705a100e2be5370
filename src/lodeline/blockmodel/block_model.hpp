// SPDX-License-Identifier: Apache-2.0
// A block model: a regular grid, its CRS and named dense attribute columns (one value per block).
#pragma once

#include <cmath>
#include <cstdint>
#include <deque>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "lodeline/core/block_grid.hpp"
#include "lodeline/core/error.hpp"

namespace lodeline::blockmodel {

/// Value type of an attribute column; both store 8 bytes per block.
enum class ColumnType { float64, int64 };

/// Missing-value marker of int64 columns: INT64_MIN never stands for a real value (readers
/// reject it in input). float64 columns mark a missing value with NaN.
inline constexpr std::int64_t kMissingInt = std::numeric_limits<std::int64_t>::min();

[[nodiscard]] inline bool is_missing(double value) { return std::isnan(value); }
[[nodiscard]] inline bool is_missing(std::int64_t value) { return value == kMissingInt; }

/// "float64" or "int64" (the names used in file headers).
[[nodiscard]] std::string_view type_name(ColumnType type);

/// One named attribute. Only the vector matching `type` is used; it holds exactly one value per
/// grid block (linear index i + nx*(j + ny*k)); the other vector stays empty.
struct Column {
  std::string name;
  ColumnType type = ColumnType::float64;
  std::vector<double> f64;
  std::vector<std::int64_t> i64;

  /// True when block `index` has a value (not NaN / not kMissingInt).
  [[nodiscard]] bool present(std::int64_t index) const;
  /// Number of blocks with a value.
  [[nodiscard]] std::int64_t present_count() const;
  /// Number of values stored (block_count() of the grid the column was made for).
  [[nodiscard]] std::int64_t size() const;
};

/// A block model. A block is "present" when at least one column has a value for it; blocks with
/// no value in any column are absent (not mined, no data) and are never given invented values.
/// Columns are sized to grid.block_count() when added: set `grid` before adding columns.
/// References returned by add_column/column/f64/i64 stay valid while the model lives.
class BlockModel {
 public:
  BlockModel() = default;
  explicit BlockModel(BlockGrid grid_in, std::string crs_in = {})
      : grid(grid_in), crs(std::move(crs_in)) {}

  BlockGrid grid;
  std::string crs;  ///< e.g. "EPSG:32638"; empty when unknown

  /// Adds a column with every block missing. Throws input.duplicate_column when `name` exists,
  /// input.bad_column_name when it is empty, input.bad_grid when the grid is invalid.
  Column& add_column(const std::string& name, ColumnType type);
  [[nodiscard]] bool has_column(const std::string& name) const;
  /// Throws input.missing_column listing the available names.
  [[nodiscard]] Column& column(const std::string& name);
  [[nodiscard]] const Column& column(const std::string& name) const;
  /// Values of a float64 / int64 column; input.missing_column when absent, input.column_type
  /// when the column has the other type.
  [[nodiscard]] std::vector<double>& f64(const std::string& name);
  [[nodiscard]] const std::vector<double>& f64(const std::string& name) const;
  [[nodiscard]] std::vector<std::int64_t>& i64(const std::string& name);
  [[nodiscard]] const std::vector<std::int64_t>& i64(const std::string& name) const;

  /// Column names in the order they were added.
  [[nodiscard]] std::vector<std::string> column_names() const;
  [[nodiscard]] const std::deque<Column>& columns() const { return columns_; }

  /// Blocks with a value in column `name`.
  [[nodiscard]] std::int64_t present_count(const std::string& name) const;
  /// True when any column has a value for block `index`.
  [[nodiscard]] bool block_present(std::int64_t index) const;
  /// Blocks with a value in at least one column.
  [[nodiscard]] std::int64_t present_block_count() const;

  /// Throws internal.bad_model when a column's length differs from grid.block_count() (the
  /// grid was changed after columns were added); writers call it before writing.
  void check_consistent() const;

 private:
  const Column* find(const std::string& name) const;
  std::deque<Column> columns_;
};

}  // namespace lodeline::blockmodel
