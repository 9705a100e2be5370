// SPDX-License-Identifier: Apache-2.0
// Test helpers for the blockmodel tests: a per-test temporary folder and the hand-checked grid.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "lodeline/core/block_grid.hpp"

namespace lodeline::blockmodel::testing {

/// A fresh folder under the system temp dir, removed after the test.
class TempDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           (std::string("lodeline_bm_") + info->test_suite_name() + "_" + info->name() + "_" +
            std::to_string(static_cast<long>(::getpid())));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  /// Writes `text` to dir/name and returns the path as a string.
  std::string write(const std::string& name, const std::string& text) const {
    const auto path = dir_ / name;
    std::ofstream out(path, std::ios::binary);
    out << text;
    return path.string();
  }

  [[nodiscard]] std::string path(const std::string& name) const { return (dir_ / name).string(); }

  /// Names of every entry in the folder (to check that failed writes leave nothing behind).
  [[nodiscard]] std::vector<std::string> entries() const {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(dir_))
      out.push_back(e.path().filename().string());
    return out;
  }

  std::filesystem::path dir_;
};

/// origin (100, 200, 300), blocks 10 x 20 x 5 m, 4 x 3 x 2 blocks, unrotated. Hand values:
/// centroid(2,1,0) = (100+2.5*10, 200+1.5*20, 300+0.5*5) = (125, 230, 302.5), index 2+4*1 = 6;
/// centroid(0,0,1) = (105, 210, 307.5), index 0+4*(0+3*1) = 12; corner(2,1,0) = (120, 220, 300).
inline BlockGrid small_grid() {
  BlockGrid g;
  g.origin_m = {100, 200, 300};
  g.block_size_m = {10, 20, 5};
  g.counts = {4, 3, 2};
  return g;
}

/// origin (1000, 2000, 0), 10 m cubes, 3 x 2 x 1 blocks, rotated 30 degrees counter-clockwise.
/// Block (1,0,0) has local centre (15, 5); with cos 30 = 0.86602540378, sin 30 = 0.5 its world
/// centre is (1000 + 15*0.8660254 - 5*0.5, 2000 + 15*0.5 + 5*0.8660254, 5)
/// = (1010.490381057, 2011.830127019, 5).
inline BlockGrid rotated_grid() {
  BlockGrid g;
  g.origin_m = {1000, 2000, 0};
  g.block_size_m = {10, 10, 10};
  g.counts = {3, 2, 1};
  g.rotation_deg = 30;
  return g;
}

}  // namespace lodeline::blockmodel::testing
