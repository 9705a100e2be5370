// SPDX-License-Identifier: Apache-2.0
// `lodeline options`: every option of every stage; the committed docs hold exactly the tables
// generated from the option tables; the named surfaces agree (composite length, desurvey names).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "cli_harness.hpp"

namespace fs = std::filesystem;

namespace {

std::string slurp_file(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(CliOptions, JsonListsEveryOptionWithUnitDefaultAndHelp) {
  const auto r = lodeline::test::run_lodeline({"options", "--json"});
  ASSERT_EQ(r.rc, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  std::size_t n = 0;
  bool saw_max_samples = false;
  for (const auto& table : doc)
    for (const auto& o : table["options"]) {
      ++n;
      EXPECT_FALSE(o["help"].get<std::string>().empty()) << o;
      EXPECT_TRUE(o.contains("unit") && o.contains("default") && o.contains("flag")) << o;
      if (o["key"] == "max_samples") {
        saw_max_samples = true;
        EXPECT_EQ(o["default"], "24");
        EXPECT_EQ(o["expected"], "a whole number >= 0 (0 = all)");
      }
    }
  EXPECT_TRUE(saw_max_samples);
  EXPECT_GE(n, 25u);
}

TEST(CliOptions, UnknownSectionIsAUsageError) {
  const auto r = lodeline::test::run_lodeline({"options", "estimat"});
  EXPECT_EQ(r.rc, 2);
  EXPECT_NE(r.err.find("did you mean 'estimate'?"), std::string::npos) << r.err;
}

// Every "<!-- options: S -->...<!-- /options -->" block of docs/*.md is exactly the output of
// `lodeline options S --markdown` (regenerate with scripts/gen-docs.py).
TEST(CliOptions, CommittedDocsMatchTheTables) {
  const fs::path docs = fs::path(LODELINE_TEST_DATA).parent_path().parent_path() / "docs";
  const std::regex block("<!-- options: ([\\w.]+) -->\n([\\s\\S]*?)<!-- /options -->");
  std::size_t blocks = 0;
  for (const auto& entry : fs::directory_iterator(docs)) {
    if (entry.path().extension() != ".md") continue;
    const std::string text = slurp_file(entry.path());
    for (std::sregex_iterator it(text.begin(), text.end(), block), end; it != end; ++it) {
      ++blocks;
      const auto r = lodeline::test::run_lodeline({"options", (*it)[1].str(), "--markdown"});
      ASSERT_EQ(r.rc, 0) << r.err;
      EXPECT_EQ((*it)[2].str(), r.out)
          << entry.path() << " [" << (*it)[1] << "] differs: run scripts/gen-docs.py";
    }
  }
  EXPECT_GE(blocks, 3u);
}

}  // namespace
