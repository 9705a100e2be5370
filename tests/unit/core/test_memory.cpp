// SPDX-License-Identifier: Apache-2.0
// The memory budget: size texts (binary units), the refusal and its figures.
#include <gtest/gtest.h>

#include "lodeline/core/memory.hpp"

using namespace lodeline;

TEST(MemorySize, BinaryUnitsAndPercent) {
  EXPECT_EQ(parse_memory_size("8G"), std::uint64_t{8} << 30);
  EXPECT_EQ(parse_memory_size("512M"), std::uint64_t{512} << 20);
  EXPECT_EQ(parse_memory_size("1.5GiB"), std::uint64_t{3} << 29);
  EXPECT_EQ(parse_memory_size("2 tb"), std::uint64_t{2} << 40);
  EXPECT_EQ(parse_memory_size("750000000"), std::uint64_t{750000000});
  EXPECT_EQ(parse_memory_size("50%"), usable_memory_bytes() / 2);
  for (const char* bad : {"", "G", "-5G", "0", "12Q", "150%", "8 GB extra", "nan", "1e30"})
    EXPECT_FALSE(parse_memory_size(bad).has_value()) << bad;
}

TEST(MemorySize, Formatting) {
  EXPECT_EQ(format_bytes(512), "512 B");
  EXPECT_EQ(format_bytes(1536), "1.50 KiB");
  EXPECT_EQ(format_bytes(12.5 * 1024 * 1024), "12.5 MiB");
  EXPECT_EQ(format_bytes(1013.0 * 1024 * 1024 * 1024), "1013 GiB");
  EXPECT_EQ(format_bytes(3.0 * 1024 * 1024 * 1024 * 1024), "3.00 TiB");
}

TEST(MemoryBudget, RefusesAboveTheBudgetOnlyWithTheFigures) {
  set_memory_budget(std::uint64_t{1} << 20);
  EXPECT_NO_THROW(require_memory(1024.0 * 1024.0, "a job", "make it smaller"));
  try {
    require_memory(3.0 * 1024 * 1024, "a job of 3 MiB", "make it smaller", {"grid.json"});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.formatted(),
              "grid.json: error[resource.memory]: a job of 3 MiB needs about 3.00 MiB of memory, "
              "expected at most 1.00 MiB (the budget given by --max-memory): make it smaller, or "
              "raise the budget with --max-memory");
    EXPECT_EQ(exit_status(e.category()), 7);
  }
  set_memory_budget(0);
  EXPECT_EQ(memory_budget_bytes(), usable_memory_bytes() / 5 * 4);
  EXPECT_GT(usable_memory_bytes(), std::uint64_t{64} << 20);
}
