// SPDX-License-Identifier: Apache-2.0
// End to end: `lodeline demo` runs the whole pipeline and meets its calibration.
#include <gtest/gtest.h>

#include <sstream>

#include "cli.hpp"

TEST(Demo, Runs) {
  std::ostringstream o, e;
  EXPECT_EQ(lodeline::cli::run_cli({"demo", "--out", "/tmp/lodeline_e2e_demo"}, o, e), 0) << e.str();
}
