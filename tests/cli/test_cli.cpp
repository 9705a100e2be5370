// SPDX-License-Identifier: Apache-2.0
// CLI contracts: arguments -> stdout/stderr/exit status, exact messages, no partial outputs.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli_harness.hpp"

namespace fs = std::filesystem;

namespace {

using Result = lodeline::test::CliResult;
Result run(const std::vector<std::string>& args) { return lodeline::test::run_lodeline(args); }

}  // namespace

TEST(Cli, Help) {
  const auto r = run({"--help"});
  EXPECT_EQ(r.rc, 0);
  EXPECT_NE(r.out.find("split"), std::string::npos);
  EXPECT_NE(r.out.find("demo"), std::string::npos);
}

TEST(Cli, Version) {
  const auto r = run({"--version"});
  EXPECT_EQ(r.rc, 0);
  EXPECT_EQ(r.out, std::string("lodeline ") + "0.1.0\n");
}

TEST(Cli, UnknownOption) {
  const auto r = run({"split", "--bogus"});
  EXPECT_EQ(r.rc, 2);
  EXPECT_NE(r.err.find("error[usage.bad_argument]"), std::string::npos);
}
