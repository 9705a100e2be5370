// SPDX-License-Identifier: Apache-2.0
// The binders: one option table read from a TOML table, a JSON object or command-line text,
// with the same messages everywhere and the data location of every finding; and the table
// written out as JSON (`lodeline options --json`) or Markdown (docs).
#pragma once

#include <toml++/toml.h>

#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "lodeline/core/error.hpp"
#include "lodeline/io/json_pointer.hpp"
#include "lodeline/options/table.hpp"

namespace lodeline::options {

/// One table bound to one struct instance, type-erased so that several tables can share one
/// project-file section or one parameter document.
struct Binding {
  std::string section;
  std::string title;
  std::vector<Spec> specs;
  std::vector<std::string> defaults;  ///< value_text of each option's default
  std::function<void(std::size_t index, const Value&)> set;
  std::function<Value(std::size_t index)> get;
  /// The first broken rule: {key, message}.
  std::function<std::optional<std::pair<std::string, std::string>>()> broken_rule;
  std::shared_ptr<void> owner;  ///< the struct, when the binding owns it (describe())
};

template <class Opts>
Binding bind(const Table<Opts>& table, Opts& opts) {
  Binding b;
  b.section = table.section;
  b.title = table.title;
  const Opts defaults{};
  for (const auto& o : table.options) {
    b.specs.push_back(o.spec);
    b.defaults.push_back(o.spec.default_text.empty() ? value_text(o.spec, o.get(defaults))
                                                     : o.spec.default_text);
  }
  const auto* t = &table;
  Opts* target = &opts;
  b.set = [t, target](std::size_t i, const Value& v) { t->options[i].set(*target, v); };
  b.get = [t, target](std::size_t i) { return t->options[i].get(*target); };
  b.broken_rule = [t, target]() -> std::optional<std::pair<std::string, std::string>> {
    for (const auto& r : t->rules)
      if (auto m = r.broken(*target)) return std::make_pair(r.key, *m);
    return std::nullopt;
  };
  return b;
}

/// Documentation only: a table bound to a default-constructed struct it owns.
template <class Opts>
Binding describe(const Table<Opts>& table) {
  auto opts = std::make_shared<Opts>();
  Binding b = bind(table, *opts);
  b.owner = opts;
  return b;
}

/// The options `keys` of `binding` only (in the binding's order), e.g. the slope and benches of
/// [pit] as flags of `lodeline pit`. Rules are not carried (they may read other options).
Binding only(const Binding& binding, const std::vector<std::string>& keys);

/// "string", "integer", "number", "boolean", "array", "table" or "date/time".
[[nodiscard]] std::string toml_type_name(const toml::node& node);

/// Where each option was given: canonical key -> its location (whatever alias was used).
using GivenAt = std::map<std::string, InputLocation>;

/// Reads every key of `table` that belongs to one of `bindings`; `other_keys` are read by the
/// caller. Unknown keys are refused with the closest valid key; missing required keys and
/// broken rules are reported at the table. Returns where each option was given.
GivenAt read_toml(const toml::table& table, const std::string& file,
                  const std::vector<Binding>& bindings,
                  const std::vector<std::string>& other_keys = {});

/// The same for a JSON object at `pointer` ("" = the document). Aliases "a.b" are read from
/// key b of the object a.
GivenAt read_json(const nlohmann::json& object, const io::JsonLocator& locate,
                  const std::vector<Binding>& bindings,
                  const std::vector<std::string>& other_keys = {}, const std::string& pointer = "");

/// Command-line values: {flag or key, text} pairs as typed. Locations read "command line".
void read_args(const std::vector<std::pair<std::string, std::string>>& args,
               const std::vector<Binding>& bindings);

/// Rules and required options only (after every surface has been read).
void check_rules(const std::vector<Binding>& bindings, const InputLocation& where);

/// {"section", "title", "options": [{"key", "flag", "aliases", "type", "unit", "default",
///  "choices", "range", "help"}]} for `lodeline options --json`.
nlohmann::json to_json(const Binding& binding);
/// A Markdown table of the options, as generated into docs/*.md.
std::string to_markdown(const Binding& binding);

}  // namespace lodeline::options
