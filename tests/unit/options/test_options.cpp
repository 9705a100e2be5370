// SPDX-License-Identifier: Apache-2.0
// Option tables: one table read from TOML, JSON and command-line text gives the same struct and
// the same messages, with the data location; defaults come from the struct.
#include <gtest/gtest.h>

#include <cmath>

#include "lodeline/options/bind.hpp"

namespace lodeline::options {
namespace {

enum class Colour { red, green };

struct Toy {
  std::size_t count = 24;
  std::size_t floor = 1;
  double radius_m = 10;
  Colour colour = Colour::red;
  std::vector<double> sizes;
  bool loud = false;
};

const EnumNames<Colour>& colour_names() {
  static const EnumNames<Colour> names{
      {{{"red", {"r"}, "the first"}, Colour::red}, {{"green", {}, "the second"}, Colour::green}}};
  return names;
}

const Table<Toy>& toy_table() {
  static const Table<Toy> table = [] {
    Spec count = spec("count", Kind::whole, "how many");
    count.aliases = {"search.count"};
    count.min = 0;
    count.zero_means = "all";
    Spec floor = spec("floor", Kind::whole, "at least");
    floor.min = 1;
    Spec radius = spec("radius_m", Kind::number, "how far");
    radius.unit = "m";
    radius.min = 0;
    radius.min_open = true;
    Spec sizes = spec("sizes", Kind::numbers, "sizes");
    sizes.min_items = 2;
    sizes.max_items = 3;
    sizes.min = 1;
    sizes.max = 5;
    sizes.integers = true;
    return Table<Toy>{
        "toy",
        "A toy",
        {member<Toy>(
             count, [](auto& t) -> auto& { return t.count; }),
         member<Toy>(
             floor, [](auto& t) -> auto& { return t.floor; }),
         member<Toy>(
             radius, [](auto& t) -> auto& { return t.radius_m; }),
         enumerated<Toy>(
             spec("colour", Kind::number, "which"), colour_names(),
             [](auto& t) -> auto& { return t.colour; }),
         custom<Toy>(
             sizes, [](const Toy& t) { return Value(t.sizes); },
             [](Toy& t, const Value& v) { t.sizes = std::get<std::vector<double>>(v); }),
         member<Toy>(
             spec("loud", Kind::flag, "say it"), [](auto& t) -> auto& { return t.loud; })},
        {{"floor", [](const Toy& t) -> std::optional<std::string> {
            if (t.count == 0 || t.floor <= t.count) return std::nullopt;
            return "'floor' is larger than count";
          }}}};
  }();
  return table;
}

Toy from_toml(const std::string& text) {
  Toy t;
  const auto doc = toml::parse(std::string_view(text), std::string_view("p.toml"));
  read_toml(*doc["toy"].as_table(), "p.toml", {bind(toy_table(), t)});
  return t;
}

Toy from_json(const std::string& text) {
  Toy t;
  read_json(nlohmann::json::parse(text),
            [](const std::string& p) {
              return InputLocation{"p.json", static_cast<std::int64_t>(p.size()), 1};
            },
            {bind(toy_table(), t)});
  return t;
}

Toy from_args(const std::vector<std::pair<std::string, std::string>>& args) {
  Toy t;
  const std::vector<Binding> b{bind(toy_table(), t)};
  read_args(args, b);
  check_rules(b, {});
  return t;
}

Error error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no error";
  return Error("none", "none");
}

TEST(Options, SameStructFromEverySurface) {
  const Toy a = from_toml("[toy]\ncount = 6\nradius_m = 2.5\ncolour = \"r\"\nsizes = [2, 3]\n");
  const Toy b = from_json(R"({"search": {"count": 6}, "radius_m": 2.5, "colour": "red",
                             "sizes": [2, 3]})");
  const Toy c = from_args({{"count", "6"}, {"radius-m", "2.5"}, {"colour", "r"}, {"sizes", "2,3"}});
  for (const Toy& t : {a, b, c}) {
    EXPECT_EQ(t.count, 6u);
    EXPECT_EQ(t.radius_m, 2.5);
    EXPECT_EQ(t.colour, Colour::red);
    EXPECT_EQ(t.sizes, (std::vector<double>{2, 3}));
    EXPECT_EQ(t.floor, 1u);  // untouched: the struct's default
  }
}

TEST(Options, SameMessageEverywhereWithLocation) {
  const Error t = error_of([] { from_toml("[toy]\n\ncount = -1\n"); });
  EXPECT_EQ(t.code(), "input.bad_option");
  EXPECT_EQ(t.message(), "'count' is -1, expected a whole number >= 0 (0 = all)");
  EXPECT_EQ(t.location().str(), "p.toml:3:9");
  const Error j = error_of([] { from_json(R"({"count": -1})"); });
  EXPECT_EQ(j.message(), t.message());
  EXPECT_EQ(j.location().file, "p.json");
  const Error a = error_of([] { from_args({{"count", "-1"}}); });
  EXPECT_EQ(a.code(), "usage.bad_option");
  EXPECT_EQ(a.message(), "'--count' is -1, expected a whole number >= 0 (0 = all)");
}

TEST(Options, RangesChoicesAndLists) {
  EXPECT_EQ(error_of([] { from_toml("[toy]\nradius_m = 0\n"); }).message(),
            "'radius_m' is 0, expected a number > 0 m");
  EXPECT_EQ(error_of([] { from_toml("[toy]\ncolour = \"blue\"\n"); }).message(),
            "'colour' is \"blue\", expected red or green");
  // A wrong item is reported at the item; a wrong count at the list.
  const Error item = error_of([] { from_toml("[toy]\nsizes = [1, 6]\n"); });
  EXPECT_EQ(item.message(), "'sizes' holds 6, expected a list of 2 to 3 whole numbers from 1 to 5");
  EXPECT_EQ(item.location().str(), "p.toml:2:13");
  EXPECT_EQ(error_of([] { from_toml("[toy]\nsizes = [1]\n"); }).message(),
            "'sizes' is [1], expected a list of 2 to 3 whole numbers from 1 to 5");
  EXPECT_EQ(error_of([] { from_toml("[toy]\nsizes = [1.5, 2]\n"); }).code(), "input.bad_option");
  EXPECT_EQ(error_of([] { from_toml("[toy]\ncount = \"6\"\n"); }).message(),
            "'count' is \"6\", expected a whole number >= 0 (0 = all)");
}

TEST(Options, UnknownKeyNamesTheClosest) {
  const Error e = error_of([] { from_toml("[toy]\ncoutn = 3\n"); });
  EXPECT_EQ(e.code(), "input.unknown_key");
  EXPECT_NE(e.message().find("did you mean 'count'?"), std::string::npos) << e.message();
  EXPECT_EQ(e.location().str(), "p.toml:2:1");
  const Error n = error_of([] { from_json(R"({"search": {"cuont": 3}})"); });
  EXPECT_NE(n.message().find("did you mean 'count'?"), std::string::npos) << n.message();
}

TEST(Options, RulesAreReportedAtTheirKey) {
  const Error e = error_of([] { from_toml("[toy]\ncount = 3\nfloor = 4\n"); });
  EXPECT_EQ(e.message(), "'floor' is larger than count");
  EXPECT_EQ(e.location().str(), "p.toml:3:9");
  EXPECT_EQ(error_of([] {
              from_args({{"count", "3"}, {"floor", "4"}});
            }).code(),
            "usage.bad_option");
}

TEST(Options, DescriptionTakesDefaultsFromTheStruct) {
  const auto j = to_json(describe(toy_table()));
  EXPECT_EQ(j["options"][0]["key"], "count");
  EXPECT_EQ(j["options"][0]["default"], "24");
  EXPECT_EQ(j["options"][0]["flag"], "--count");
  EXPECT_EQ(j["options"][2]["default"], "10");
  EXPECT_EQ(j["options"][2]["unit"], "m");
  EXPECT_EQ(j["options"][3]["default"], "\"red\"");
  EXPECT_EQ(j["options"][3]["choices"][0]["aliases"][0], "r");
  const std::string md = to_markdown(describe(toy_table()));
  EXPECT_NE(md.find("| `radius_m` | `--radius-m` | m | `10` | a number > 0 m | how far |"),
            std::string::npos)
      << md;
}

TEST(Options, ClosestKey) {
  EXPECT_EQ(closest("max_sample", {"max_samples", "min_samples"}), "max_samples");
  EXPECT_EQ(closest("zzzzzz", {"max_samples", "min_samples"}), "");
  // No near spelling, but the start of exactly one key: that key ("hole" -> "hole_id").
  EXPECT_EQ(closest("hole", {"hole_id", "x", "from"}), "hole_id");
  EXPECT_EQ(closest("max", {"max_samples", "max_distance_m"}), "");
}

}  // namespace
}  // namespace lodeline::options

namespace lodeline::options {
namespace {

struct Named {
  std::vector<std::string> lines;
  std::string unused;
};

const Table<Named>& named_table() {
  static const Table<Named> table = [] {
    Spec lines = name_list("lines", "scenario names");
    lines.min_items = 2;
    return Table<Named>{"named",
                        "Names",
                        {member<Named>(
                            lines, [](auto& n) -> auto& { return n.lines; })},
                        {}};
  }();
  return table;
}

// A list of names: read from TOML, JSON and repeated command-line values alike; a non-string
// item is reported at the item, a short list at the key.
TEST(Options, ListOfNamesFromEverySurface) {
  Named a, b, c;
  const auto doc = toml::parse(std::string_view("[named]\nlines = [\"x\", \"y\"]\n"),
                               std::string_view("p.toml"));
  read_toml(*doc["named"].as_table(), "p.toml", {bind(named_table(), a)});
  read_json(nlohmann::json::parse(R"({"lines": ["x", "y"]})"),
            [](const std::string&) {
              return InputLocation{"p.json", 1, 1};
            },
            {bind(named_table(), b)});
  read_args({{"lines", "x"}, {"lines", "y"}}, {bind(named_table(), c)});
  const std::vector<std::string> want{"x", "y"};
  EXPECT_EQ(a.lines, want);
  EXPECT_EQ(b.lines, want);
  EXPECT_EQ(c.lines, want);  // the second value appends: --lines x --lines y
  Named d;
  d.lines = {"old"};
  read_args({{"lines", ""}}, {bind(named_table(), d)});
  EXPECT_TRUE(d.lines.empty());  // --lines "" empties the list (min_items is the file's rule)

  Named bad;
  const auto item =
      toml::parse(std::string_view("[named]\nlines = [\"x\", 3]\n"), std::string_view("p.toml"));
  Error e =
      error_of([&] { read_toml(*item["named"].as_table(), "p.toml", {bind(named_table(), bad)}); });
  EXPECT_EQ(e.message(), "'lines' holds 3, expected a list of 2 or more non-empty strings");
  EXPECT_EQ(e.location().line, 2);
  EXPECT_EQ(e.location().column, 15);
  const auto one =
      toml::parse(std::string_view("[named]\nlines = [\"x\"]\n"), std::string_view("p.toml"));
  e = error_of([&] { read_toml(*one["named"].as_table(), "p.toml", {bind(named_table(), bad)}); });
  EXPECT_EQ(e.message(), "'lines' is [\"x\"], expected a list of 2 or more non-empty strings");
}

// only(): a subset of a table as flags, writing the members of the full struct.
TEST(Options, OnlySomeKeysOfATable) {
  Toy t;
  const Binding radius = only(bind(toy_table(), t), {"radius_m"});
  ASSERT_EQ(radius.specs.size(), 1u);
  read_args({{"radius-m", "4"}}, {radius});
  EXPECT_EQ(t.radius_m, 4);
  EXPECT_THROW((void)only(bind(toy_table(), t), {"radius_m", "nope"}), Error);
}

}  // namespace
}  // namespace lodeline::options
