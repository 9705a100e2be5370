// SPDX-License-Identifier: Apache-2.0
// The bad-input catalogue (tests/bad_inputs/, see its README.md): one folder per case holding
// its input files, `cmd` (the arguments, one a line) and `expected` (the exit status, the first
// line of stderr, optionally `outputs: PATH...`). Each case is copied to a fresh temporary
// folder, `{dir}` is replaced by that folder's path, the command runs in-process, and the test
// checks the exit status, the first stderr line, an empty stdout, and that no output appeared.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include "cli_harness.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kCatalogue = fs::path(LODELINE_TEST_DATA).parent_path() / "bad_inputs";

// The files of a case folder that describe the case and are not copied as inputs.
const char* const kCmdFile = "cmd";
const char* const kExpectedFile = "expected";
const std::string kOutputsPrefix = "outputs:";

/// Every case folder name under tests/bad_inputs, sorted.
std::vector<std::string> case_names() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(kCatalogue, ec))
    if (e.is_directory()) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

/// The lines of a text file, without their '\n'.
std::vector<std::string> read_lines(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

/// `text` with every "{dir}" replaced by `dir`.
std::string substitute(std::string text, const std::string& dir) {
  const std::string token = "{dir}";
  for (auto at = text.find(token); at != std::string::npos; at = text.find(token, at + dir.size()))
    text.replace(at, token.size(), dir);
  return text;
}

/// The text before the first '\n' ("" when `text` is empty).
std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

std::vector<std::string> split_words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

struct Expected {
  int rc = -1;
  std::string first_err_line;
  std::vector<std::string> outputs;  // empty: nothing at all may appear or change
};

/// Reads `expected`: the exit status, the first stderr line, then optionally "outputs: A B".
Expected read_expected(const fs::path& file, const std::string& dir) {
  const auto lines = read_lines(file);
  Expected e;
  if (lines.size() < 2) {
    ADD_FAILURE() << file << ": expected an exit status line and a stderr line";
    return e;
  }
  e.rc = std::stoi(lines[0]);
  e.first_err_line = substitute(lines[1], dir);
  for (std::size_t k = 2; k < lines.size(); ++k) {
    if (lines[k].rfind(kOutputsPrefix, 0) != 0) {
      ADD_FAILURE() << file << ":" << k + 1 << ": unexpected line '" << lines[k]
                    << "', expected 'outputs: PATH...'";
      continue;
    }
    for (const auto& p : split_words(lines[k].substr(kOutputsPrefix.size())))
      e.outputs.push_back(p);
  }
  return e;
}

/// Every file and folder under `root`, by relative path, with its bytes ("<dir>" for folders).
std::map<std::string, std::string> snapshot(const fs::path& root) {
  std::map<std::string, std::string> entries;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    const auto rel = fs::relative(e.path(), root).generic_string();
    entries[rel] = e.is_directory() ? std::string("<dir>") : lodeline::test::slurp(e.path());
  }
  return entries;
}

/// One line per entry that was added, removed or changed between `before` and `after`.
std::string tree_changes(const std::map<std::string, std::string>& before,
                         const std::map<std::string, std::string>& after) {
  std::string changes;
  for (const auto& [path, bytes] : after) {
    const auto was = before.find(path);
    if (was == before.end())
      changes += "  appeared: " + path + "\n";
    else if (was->second != bytes)
      changes += "  changed: " + path + "\n";
  }
  for (const auto& [path, bytes] : before)
    if (!after.contains(path)) changes += "  removed: " + path + "\n";
  return changes;
}

/// Paths under `root` whose name holds ".tmp-" (a temporary file left by a failed write).
std::string temp_leftovers(const fs::path& root) {
  std::string found;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.path().filename().string().find(".tmp-") != std::string::npos)
      found += "  " + e.path().string() + "\n";
  return found;
}

class BadInput : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    source_ = kCatalogue / GetParam();
    dir_ = fs::temp_directory_path() /
           ("lodeline-bad-input-" + GetParam() + "-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    copy_inputs();
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  /// The case folder without `cmd` and `expected`, copied to the temporary folder.
  void copy_inputs() const {
    fs::create_directories(dir_);
    for (const auto& e : fs::directory_iterator(source_)) {
      const auto name = e.path().filename().string();
      if (name == kCmdFile || name == kExpectedFile) continue;
      fs::copy(e.path(), dir_ / name, fs::copy_options::recursive);
    }
  }

  [[nodiscard]] std::vector<std::string> arguments() const {
    std::vector<std::string> args;
    for (const auto& line : read_lines(source_ / kCmdFile)) args.push_back(substitute(line, dir()));
    return args;
  }

  [[nodiscard]] std::string dir() const { return dir_.string(); }

  /// The listed outputs are absent, and no temporary file is left anywhere.
  void expect_no_listed_output(const std::vector<std::string>& outputs) const {
    for (const auto& p : outputs) EXPECT_FALSE(fs::exists(dir_ / p)) << p << " was left behind";
    EXPECT_EQ(temp_leftovers(dir_), "") << "temporary files were left behind";
  }

  fs::path source_, dir_;
};

TEST_P(BadInput, FailsWithItsMessageAndNoOutput) {
  ASSERT_TRUE(fs::exists(source_ / kCmdFile)) << source_ << " has no 'cmd' file";
  ASSERT_TRUE(fs::exists(source_ / kExpectedFile)) << source_ << " has no 'expected' file";
  const auto args = arguments();
  const auto want = read_expected(source_ / kExpectedFile, dir());
  const auto before = snapshot(dir_);

  const auto r = lodeline::test::run_lodeline(args);

  EXPECT_EQ(r.rc, want.rc) << "stderr:\n" << r.err;
  EXPECT_EQ(first_line(r.err), want.first_err_line) << "stderr:\n" << r.err;
  EXPECT_EQ(r.out, "") << "a failed command must print nothing on stdout";
  if (want.outputs.empty())
    EXPECT_EQ(tree_changes(before, snapshot(dir_)), "") << "the folder changed";
  else
    expect_no_listed_output(want.outputs);
}

/// The gtest (and ctest) name of a case: its folder name.
std::string folder_name(const ::testing::TestParamInfo<std::string>& case_info) {
  return case_info.param;
}

INSTANTIATE_TEST_SUITE_P(Catalogue, BadInput, ::testing::ValuesIn(case_names()), folder_name);

// A wrong catalogue path would silently run no case at all.
TEST(BadInputCatalogue, HoldsTheCases) { EXPECT_GE(case_names().size(), 80u) << kCatalogue; }

}  // namespace
