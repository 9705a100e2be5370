// SPDX-License-Identifier: Apache-2.0
// The error-code table: sorted and unique, holds every code the sources use, and
// docs/errors.md holds exactly the table generated from it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "lodeline/core/error_codes.hpp"

namespace fs = std::filesystem;

namespace lodeline {
namespace {

const fs::path kRoot = fs::path(LODELINE_TEST_DATA).parent_path().parent_path();

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(ErrorCodes, SortedUniqueWithSummaries) {
  const auto codes = error_codes();
  ASSERT_GT(codes.size(), 100u);
  for (std::size_t i = 1; i < codes.size(); ++i)
    EXPECT_LT(codes[i - 1].code, codes[i].code) << codes[i].code;
  for (const auto& e : codes) {
    EXPECT_FALSE(e.summary.empty()) << e.code;
    EXPECT_EQ(find_error_code(e.code), &e);
  }
  EXPECT_EQ(find_error_code("input.no_such_code"), nullptr);
}

TEST(ErrorCodes, ExitStatusComesFromTheTable) {
  EXPECT_EQ(exit_status(category_of("input.bad_number")), 3);
  EXPECT_EQ(exit_status(category_of("crs.unknown")), 4);
  EXPECT_EQ(exit_status(category_of("usage.bad_option")), 2);
  EXPECT_EQ(exit_status(category_of("io.cannot_write")), 6);
  EXPECT_EQ(exit_status(category_of("numeric.fit_failed")), 5);
}

// Every string literal shaped like a code in src/ and apps/ is in the table.
TEST(ErrorCodes, EveryCodeInTheSourcesIsInTheTable) {
  const std::regex code(
      "\"((usage|input|crs|geometry|numeric|io|internal|kriging|survey|variogram)\\.[a-z0-9_]+)"
      "\"");
  const std::set<std::string> not_codes{"variogram.json"};
  std::size_t seen = 0;
  for (const char* dir : {"src", "apps"})
    for (const auto& f : fs::recursive_directory_iterator(kRoot / dir)) {
      if (f.path().extension() != ".cpp" && f.path().extension() != ".hpp") continue;
      const std::string text = slurp(f.path());
      for (std::sregex_iterator it(text.begin(), text.end(), code), end; it != end; ++it) {
        const std::string c = (*it)[1];
        if (not_codes.count(c)) continue;
        ++seen;
        EXPECT_NE(find_error_code(c), nullptr) << c << " in " << f.path();
      }
    }
  EXPECT_GT(seen, 200u);
}

TEST(ErrorCodes, DocsHoldTheGeneratedTable) {
  const std::string doc = slurp(kRoot / "docs" / "errors.md");
  const std::string begin = "<!-- error-codes -->\n", end = "<!-- /error-codes -->";
  const auto a = doc.find(begin), b = doc.find(end);
  ASSERT_NE(a, std::string::npos);
  ASSERT_NE(b, std::string::npos);
  EXPECT_EQ(doc.substr(a + begin.size(), b - a - begin.size()), error_codes_markdown())
      << "docs/errors.md differs from the table: run scripts/gen-docs.py";
}

}  // namespace
}  // namespace lodeline
