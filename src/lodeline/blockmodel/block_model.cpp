// SPDX-License-Identifier: Apache-2.0
// Block model columns: creation, lookup and presence counts.
#include "lodeline/blockmodel/block_model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "lodeline/core/memory.hpp"

namespace lodeline::blockmodel {

std::string_view type_name(ColumnType type) {
  return type == ColumnType::int64 ? "int64" : "float64";
}

bool Column::present(std::int64_t index) const {
  const auto at = static_cast<std::size_t>(index);
  return type == ColumnType::int64 ? !is_missing(i64[at]) : !is_missing(f64[at]);
}

std::int64_t Column::present_count() const {
  if (type == ColumnType::int64)
    return std::count_if(i64.begin(), i64.end(), [](std::int64_t v) { return !is_missing(v); });
  return std::count_if(f64.begin(), f64.end(), [](double v) { return !is_missing(v); });
}

std::int64_t Column::size() const {
  return static_cast<std::int64_t>(type == ColumnType::int64 ? i64.size() : f64.size());
}

Column& BlockModel::add_column(const std::string& name, ColumnType type) {
  if (name.empty())
    throw Error("input.bad_column_name", "column name is empty, expected a non-empty name");
  if (has_column(name))
    throw Error("input.duplicate_column",
                fmt::format("column '{}' already exists, expected a new name", name));
  grid.validate();
  require_memory(
      8.0 * static_cast<double>(grid.block_count()) * static_cast<double>(columns().size() + 1),
      fmt::format("a block model of {} blocks and {} columns", grid.block_count(),
                  columns().size() + 1),
      "use larger blocks, a smaller grid or fewer columns");
  Column col;
  col.name = name;
  col.type = type;
  const auto n = static_cast<std::size_t>(grid.block_count());
  if (type == ColumnType::int64)
    col.i64.assign(n, kMissingInt);
  else
    col.f64.assign(n, std::numeric_limits<double>::quiet_NaN());
  columns_.push_back(std::move(col));
  return columns_.back();
}

const Column* BlockModel::find(const std::string& name) const {
  for (const auto& c : columns_)
    if (c.name == name) return &c;
  return nullptr;
}

bool BlockModel::has_column(const std::string& name) const { return find(name) != nullptr; }

const Column& BlockModel::column(const std::string& name) const {
  if (const Column* c = find(name)) return *c;
  const auto names = column_names();
  throw Error("input.missing_column",
              fmt::format("no column '{}' in the block model, expected one of: {}", name,
                          names.empty() ? std::string("(none)")
                                        : fmt::format("{}", fmt::join(names, ", "))));
}

Column& BlockModel::column(const std::string& name) {
  return const_cast<Column&>(std::as_const(*this).column(name));
}

namespace {

const Column& typed(const Column& c, ColumnType want) {
  if (c.type != want)
    throw Error("input.column_type", fmt::format("column '{}' is {}, expected {}", c.name,
                                                 type_name(c.type), type_name(want)));
  return c;
}

}  // namespace

const std::vector<double>& BlockModel::f64(const std::string& name) const {
  return typed(column(name), ColumnType::float64).f64;
}

std::vector<double>& BlockModel::f64(const std::string& name) {
  return const_cast<std::vector<double>&>(std::as_const(*this).f64(name));
}

const std::vector<std::int64_t>& BlockModel::i64(const std::string& name) const {
  return typed(column(name), ColumnType::int64).i64;
}

std::vector<std::int64_t>& BlockModel::i64(const std::string& name) {
  return const_cast<std::vector<std::int64_t>&>(std::as_const(*this).i64(name));
}

std::vector<std::string> BlockModel::column_names() const {
  std::vector<std::string> names;
  names.reserve(columns_.size());
  for (const auto& c : columns_) names.push_back(c.name);
  return names;
}

std::int64_t BlockModel::present_count(const std::string& name) const {
  return column(name).present_count();
}

bool BlockModel::block_present(std::int64_t index) const {
  return std::any_of(columns_.begin(), columns_.end(),
                     [index](const Column& c) { return c.present(index); });
}

std::int64_t BlockModel::present_block_count() const {
  check_consistent();
  std::int64_t n = 0;
  for (std::int64_t b = 0; b < grid.block_count(); ++b)
    if (block_present(b)) ++n;
  return n;
}

void BlockModel::check_consistent() const {
  const std::int64_t want = grid.block_count();
  for (const auto& c : columns_)
    if (c.size() != want)
      throw Error("internal.bad_model",
                  fmt::format("column '{}' has {} values, expected {} (one per grid block)", c.name,
                              c.size(), want));
}

}  // namespace lodeline::blockmodel
