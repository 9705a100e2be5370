// SPDX-License-Identifier: Apache-2.0
// Unit tests of BlockModel: columns, types, missing values and presence counts.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <cmath>

#include "lodeline/blockmodel/block_model.hpp"
#include "temp_dir.hpp"

namespace lodeline::blockmodel {
namespace {

using testing::small_grid;

template <typename F>
Error thrown(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "expected a lodeline::Error";
  return Error("none", "none");
}

TEST(BlockModel, NewColumnsAreDenseAndMissing) {
  BlockModel model(small_grid(), "EPSG:32638");
  model.add_column("AU", ColumnType::float64);
  model.add_column("CODE", ColumnType::int64);
  ASSERT_EQ(model.f64("AU").size(), 24u);  // 4 x 3 x 2 blocks
  ASSERT_EQ(model.i64("CODE").size(), 24u);
  for (double v : model.f64("AU")) EXPECT_TRUE(std::isnan(v));
  for (std::int64_t v : model.i64("CODE")) EXPECT_EQ(v, kMissingInt);
  EXPECT_EQ(kMissingInt, INT64_MIN);
  EXPECT_EQ(model.present_count("AU"), 0);
  EXPECT_EQ(model.present_block_count(), 0);
  EXPECT_EQ(model.column_names(), (std::vector<std::string>{"AU", "CODE"}));
  EXPECT_EQ(model.crs, "EPSG:32638");
  EXPECT_EQ(type_name(ColumnType::float64), "float64");
  EXPECT_EQ(type_name(ColumnType::int64), "int64");
}

TEST(BlockModel, PresenceCountsPerColumnAndBlock) {
  BlockModel model(small_grid());
  auto& au = model.add_column("AU", ColumnType::float64).f64;
  auto& code = model.add_column("CODE", ColumnType::int64).i64;
  au[6] = 1.5;
  au[12] = 0.0;  // zero is a value, not missing
  code[12] = 3;
  code[23] = -7;
  EXPECT_EQ(model.present_count("AU"), 2);
  EXPECT_EQ(model.present_count("CODE"), 2);
  EXPECT_TRUE(model.block_present(6));
  EXPECT_TRUE(model.block_present(23));
  EXPECT_FALSE(model.block_present(0));
  EXPECT_EQ(model.present_block_count(), 3);  // blocks 6, 12, 23
  EXPECT_TRUE(model.has_column("AU"));
  EXPECT_FALSE(model.has_column("au"));  // names are case-sensitive
}

TEST(BlockModel, ReferencesStayValidWhenColumnsAreAdded) {
  BlockModel model(small_grid());
  auto& au = model.add_column("AU", ColumnType::float64).f64;
  for (int c = 0; c < 50; ++c) model.add_column(fmt::format("C{}", c), ColumnType::int64);
  au[6] = 2.25;
  EXPECT_EQ(model.f64("AU")[6], 2.25);
  EXPECT_EQ(&au, &model.f64("AU"));
}

TEST(BlockModel, DuplicateColumnIsAnError) {
  BlockModel model(small_grid());
  model.add_column("AU", ColumnType::float64);
  const Error e = thrown([&] { model.add_column("AU", ColumnType::int64); });
  EXPECT_EQ(e.code(), "input.duplicate_column");
  EXPECT_EQ(e.headline(), "error[input.duplicate_column]: column 'AU' already exists, expected a "
                          "new name");
}

TEST(BlockModel, EmptyColumnNameIsAnError) {
  BlockModel model(small_grid());
  const Error e = thrown([&] { model.add_column("", ColumnType::float64); });
  EXPECT_EQ(e.headline(),
            "error[input.bad_column_name]: column name is empty, expected a non-empty name");
}

TEST(BlockModel, MissingColumnListsAvailableNames) {
  BlockModel model(small_grid());
  EXPECT_EQ(thrown([&] { (void)model.column("AG"); }).headline(),
            "error[input.missing_column]: no column 'AG' in the block model, expected one of: "
            "(none)");
  model.add_column("AU", ColumnType::float64);
  model.add_column("CODE", ColumnType::int64);
  EXPECT_EQ(thrown([&] { (void)model.f64("AG"); }).headline(),
            "error[input.missing_column]: no column 'AG' in the block model, expected one of: "
            "AU, CODE");
}

TEST(BlockModel, WrongTypeAccessIsAnError) {
  BlockModel model(small_grid());
  model.add_column("AU", ColumnType::float64);
  model.add_column("CODE", ColumnType::int64);
  EXPECT_EQ(thrown([&] { (void)model.f64("CODE"); }).headline(),
            "error[input.column_type]: column 'CODE' is int64, expected float64");
  EXPECT_EQ(thrown([&] { (void)model.i64("AU"); }).headline(),
            "error[input.column_type]: column 'AU' is float64, expected int64");
}

TEST(BlockModel, InvalidGridIsRejectedWhenAddingColumns) {
  BlockGrid g = small_grid();
  g.counts[1] = 0;
  BlockModel model(g);
  const Error e = thrown([&] { model.add_column("AU", ColumnType::float64); });
  EXPECT_EQ(e.code(), "input.bad_grid");
}

TEST(BlockModel, GridChangedAfterColumnsIsInconsistent) {
  BlockModel model(small_grid());
  model.add_column("AU", ColumnType::float64);
  model.grid.counts[2] = 3;  // now 36 blocks, the column still has 24
  EXPECT_EQ(thrown([&] { model.check_consistent(); }).headline(),
            "error[internal.bad_model]: column 'AU' has 24 values, expected 36 (one per grid "
            "block)");
}

}  // namespace
}  // namespace lodeline::blockmodel
