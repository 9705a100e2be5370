// SPDX-License-Identifier: Apache-2.0
// The in-process CLI runner shared by the CLI contract tests.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include "cli.hpp"

namespace lodeline::test {

struct CliResult {
  int rc;
  std::string out, err;
};

/// Runs `lodeline ARGS...` in-process and captures exit status, stdout and stderr.
inline CliResult run_lodeline(const std::vector<std::string>& args) {
  std::ostringstream o, e;
  const int rc = lodeline::cli::run_cli(args, o, e);
  return {rc, o.str(), e.str()};
}

/// The whole file as bytes ("" when it cannot be read).
inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// A fresh folder per test (suite, test name and process id under the system temp folder),
/// removed afterwards. Expected messages are built from its path.
class TempFolderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           (std::string("lodeline-cli-") + info->test_suite_name() + "-" + info->name() + "-" +
            std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  [[nodiscard]] std::string path(const std::string& name) const { return (dir_ / name).string(); }
  /// Writes `text` to `name` in the test folder (creating sub-folders); returns its path.
  std::string put(const std::string& name, const std::string& text) const {
    const std::filesystem::path p = dir_ / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
  std::filesystem::path dir_;
};

}  // namespace lodeline::test
