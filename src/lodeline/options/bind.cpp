// SPDX-License-Identifier: Apache-2.0
// Binders: TOML tables, JSON objects and command-line text into option tables; tables out as
// JSON and Markdown.
#include "lodeline/options/bind.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace lodeline::options {

namespace {

/// One option found by key: which binding, which option.
struct Slot {
  const Binding* binding = nullptr;
  std::size_t index = 0;
  [[nodiscard]] const Spec& spec() const { return binding->specs[index]; }
};

std::optional<Slot> find_key(const std::vector<Binding>& bindings, const std::string& key) {
  for (const auto& b : bindings)
    for (std::size_t i = 0; i < b.specs.size(); ++i) {
      const Spec& s = b.specs[i];
      if (s.key == key) return Slot{&b, i};
      for (const auto& a : s.aliases)
        if (a == key) return Slot{&b, i};
    }
  return std::nullopt;
}

std::optional<Slot> find_flag(const std::vector<Binding>& bindings, const std::string& flag) {
  for (const auto& b : bindings)
    for (std::size_t i = 0; i < b.specs.size(); ++i) {
      const Spec& s = b.specs[i];
      if (flag_name(s) == flag || s.key == flag) return Slot{&b, i};
      for (const auto& a : s.flag_aliases)
        if (a == flag) return Slot{&b, i};
    }
  return std::nullopt;
}

std::vector<std::string> valid_keys(const std::vector<Binding>& bindings,
                                    const std::vector<std::string>& other_keys) {
  std::vector<std::string> keys = other_keys;
  for (const auto& b : bindings)
    for (const auto& s : b.specs) keys.push_back(s.key);
  return keys;
}

[[noreturn]] void unknown_key(const std::string& key, const std::string& where,
                              const std::vector<std::string>& valid, const InputLocation& at) {
  const std::string hint = closest(key, valid);
  throw Error("input.unknown_key",
              fmt::format("unknown key '{}' in {}{}, expected one of: {}", key, where,
                          hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint),
                          fmt::join(valid, ", ")),
              at);
}

/// A setter that parses further (e.g. "value=0.005") throws without a location: add it.
void set_located(const Slot& slot, const Value& value, const InputLocation& at) {
  try {
    slot.binding->set(slot.index, value);
  } catch (const Error& e) {
    if (!e.location().file.empty()) throw;
    throw Error(e.code(), e.message(), at);
  }
}

/// Stores `value` after checking it; messages name the key as the input spelt it.
void store(const Slot& slot, const std::string& spelt, Value value, const InputLocation& at) {
  Spec s = slot.spec();
  s.key = spelt;
  if (s.kind == Kind::choice) {
    if (const auto name = canonical_choice(s, std::get<std::string>(value))) value = *name;
  }
  if (auto message = check_value(s, value)) throw Error("input.bad_option", *message, at);
  set_located(slot, value, at);
}

// ---- TOML ---------------------------------------------------------------------------------

InputLocation toml_where(const std::string& file, const toml::source_region& s) {
  return {file, static_cast<std::int64_t>(s.begin.line), static_cast<std::int64_t>(s.begin.column)};
}

std::string toml_type(const toml::node& n) {
  const std::string name = n.is_integer() ? std::string("number") : toml_type_name(n);
  return fmt::format("{} {}", name == "array" ? "an" : "a", name);
}

std::optional<Value> toml_value(const Spec& s, const toml::node& n) {
  switch (s.kind) {
    case Kind::flag:
      if (n.is_boolean()) return Value(*n.value<bool>());
      return std::nullopt;
    case Kind::whole:
      if (n.is_integer()) return Value(*n.value<std::int64_t>());
      if (n.is_floating_point()) {
        const double d = *n.value<double>();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15)
          return Value(static_cast<std::int64_t>(d));
        return std::nullopt;
      }
      return std::nullopt;
    case Kind::number:
      if (n.is_number()) return Value(*n.value<double>());
      return std::nullopt;
    case Kind::text:
    case Kind::choice:
      if (n.is_string()) return Value(std::string(*n.value<std::string>()));
      return std::nullopt;
    case Kind::numbers: {
      const toml::array* a = n.as_array();
      if (!a) return std::nullopt;
      std::vector<double> items;
      for (const auto& e : *a) {
        if (!e.is_number()) return std::nullopt;
        items.push_back(*e.value<double>());
      }
      return Value(items);
    }
    case Kind::texts: {
      const toml::array* a = n.as_array();
      if (!a) return std::nullopt;
      std::vector<std::string> items;
      for (const auto& e : *a) {
        if (!e.is_string()) return std::nullopt;
        items.emplace_back(*e.value<std::string>());
      }
      return Value(items);
    }
  }
  return std::nullopt;
}

std::string toml_found(const toml::node& n);

/// A list's first wrong item, reported at the item: "'key' holds X, expected ...".
void check_toml_items(const Spec& s, const std::string& key, const toml::node& n,
                      const std::string& file) {
  const toml::array* a = n.as_array();
  if ((s.kind != Kind::numbers && s.kind != Kind::texts) || !a) return;
  Spec item = s;
  item.key = key;
  item.min_items = 0;
  item.max_items = kAnyCount;
  for (const auto& e : *a) {
    const bool bad =
        s.kind == Kind::texts
            ? !e.is_string() || e.value<std::string>()->empty()
            : !e.is_number() ||
                  check_value(item, Value(std::vector<double>{*e.value<double>()})).has_value();
    if (bad)
      throw Error("input.bad_option",
                  fmt::format("'{}' holds {}, expected {}", key, toml_found(e), expected_text(s)),
                  toml_where(file, e.source()));
  }
}

std::string toml_found(const toml::node& n) {
  if (n.is_string()) return fmt::format("\"{}\"", *n.value<std::string>());
  if (n.is_integer()) return fmt::format("{}", *n.value<std::int64_t>());
  if (n.is_floating_point()) return fmt::format("{}", *n.value<double>());
  if (n.is_boolean()) return *n.value<bool>() ? "true" : "false";
  return toml_type(n);
}

// ---- JSON ---------------------------------------------------------------------------------

std::optional<Value> json_value(const Spec& s, const nlohmann::json& v) {
  switch (s.kind) {
    case Kind::flag:
      if (v.is_boolean()) return Value(v.get<bool>());
      return std::nullopt;
    case Kind::whole:
      if (v.is_number_integer()) return Value(v.get<std::int64_t>());
      if (v.is_number_float()) {
        const double d = v.get<double>();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15)
          return Value(static_cast<std::int64_t>(d));
      }
      return std::nullopt;
    case Kind::number:
      if (v.is_number()) return Value(v.get<double>());
      return std::nullopt;
    case Kind::text:
    case Kind::choice:
      if (v.is_string()) return Value(v.get<std::string>());
      return std::nullopt;
    case Kind::numbers: {
      if (!v.is_array()) return std::nullopt;
      std::vector<double> items;
      for (const auto& e : v) {
        if (!e.is_number()) return std::nullopt;
        items.push_back(e.get<double>());
      }
      return Value(items);
    }
    case Kind::texts: {
      if (!v.is_array()) return std::nullopt;
      std::vector<std::string> items;
      for (const auto& e : v) {
        if (!e.is_string()) return std::nullopt;
        items.push_back(e.get<std::string>());
      }
      return Value(items);
    }
  }
  return std::nullopt;
}

bool is_alias_prefix(const std::vector<Binding>& bindings, const std::string& key) {
  for (const auto& b : bindings)
    for (const auto& s : b.specs)
      for (const auto& a : s.aliases)
        if (a.rfind(fmt::format("{}.", key), 0) == 0) return true;
  return false;
}

std::vector<std::string> alias_children(const std::vector<Binding>& bindings,
                                        const std::string& key) {
  std::vector<std::string> out;
  for (const auto& b : bindings)
    for (const auto& s : b.specs)
      for (const auto& a : s.aliases)
        if (a.rfind(fmt::format("{}.", key), 0) == 0) out.push_back(a.substr(key.size() + 1));
  return out;
}

std::string pointer_name(const std::string& pointer) {
  std::string out;
  for (const char c : pointer) out += c == '/' ? '.' : c;
  return out.empty() ? std::string("the parameters") : fmt::format("'{}'", out.substr(1));
}

/// A list's first wrong item, reported at the item (`item_at` locates item i).
void check_json_items(const Spec& s, const std::string& key, const nlohmann::json& v,
                      const std::function<InputLocation(std::size_t)>& item_at) {
  if ((s.kind != Kind::numbers && s.kind != Kind::texts) || !v.is_array()) return;
  Spec item = s;
  item.min_items = 0;
  item.max_items = kAnyCount;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const bool bad =
        s.kind == Kind::texts
            ? !v[i].is_string() || v[i].get<std::string>().empty()
            : !v[i].is_number() ||
                  check_value(item, Value(std::vector<double>{v[i].get<double>()})).has_value();
    if (bad)
      throw Error("input.bad_option",
                  fmt::format("'{}' holds {}, expected {}", key, v[i].dump(), expected_text(s)),
                  item_at(i));
  }
}

void read_json_value(const Slot& slot, const std::string& key, const nlohmann::json& v,
                     const InputLocation& at) {
  const auto value = json_value(slot.spec(), v);
  if (!value) {
    Spec shown = slot.spec();
    shown.key = key;
    throw Error("input.bad_option", bad_value_message(shown, v.dump()), at);
  }
  store(slot, key, *value, at);
}

using Seen = GivenAt;

void check_required_and_rules(const std::vector<Binding>& bindings, const Seen& seen,
                              const InputLocation& table_at) {
  for (const auto& b : bindings)
    for (const auto& s : b.specs)
      if (s.required && !seen.count(s.key))
        throw Error(
            "input.missing_option",
            fmt::format("missing key '{}', expected {}: {}", s.key, expected_text(s), s.help),
            table_at);
  for (const auto& b : bindings)
    if (auto broken = b.broken_rule()) {
      const auto it = seen.find(broken->first);
      throw Error("input.bad_option", broken->second, it == seen.end() ? table_at : it->second);
    }
}

}  // namespace

std::string toml_type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string:
      return "string";
    case toml::node_type::integer:
      return "integer";
    case toml::node_type::floating_point:
      return "number";
    case toml::node_type::boolean:
      return "boolean";
    case toml::node_type::array:
      return "array";
    case toml::node_type::table:
      return "table";
    default:
      return "date/time";
  }
}

GivenAt read_toml(const toml::table& table, const std::string& file,
                  const std::vector<Binding>& bindings,
                  const std::vector<std::string>& other_keys) {
  const std::string section = bindings.empty() ? "" : bindings.front().section;
  Seen seen;
  for (const auto& [k, node] : table) {
    const std::string key(k.str());
    const auto slot = find_key(bindings, key);
    if (!slot) {
      if (std::find(other_keys.begin(), other_keys.end(), key) != other_keys.end()) continue;
      unknown_key(key, fmt::format("[{}]", section), valid_keys(bindings, other_keys),
                  toml_where(file, k.source()));
    }
    const InputLocation at = toml_where(file, node.source());
    check_toml_items(slot->spec(), key, node, file);
    const auto value = toml_value(slot->spec(), node);
    if (!value) {
      Spec shown = slot->spec();
      shown.key = key;
      throw Error("input.bad_option", bad_value_message(shown, toml_found(node)), at);
    }
    store(*slot, key, *value, at);
    seen[slot->spec().key] = at;
  }
  check_required_and_rules(bindings, seen, toml_where(file, table.source()));
  return seen;
}

GivenAt read_json(const nlohmann::json& object, const io::JsonLocator& locate,
                  const std::vector<Binding>& bindings, const std::vector<std::string>& other_keys,
                  const std::string& pointer) {
  auto at = [&](const std::string& p) { return locate ? locate(p) : InputLocation{}; };
  if (!object.is_object())
    throw Error(
        "input.bad_option",
        fmt::format("{} is {}, expected a JSON object", pointer_name(pointer), object.dump()),
        at(pointer));
  Seen seen;
  for (const auto& [key, v] : object.items()) {
    const std::string p = fmt::format("{}/{}", pointer, key);
    if (const auto slot = find_key(bindings, key)) {
      check_json_items(slot->spec(), key, v,
                       [&](std::size_t i) { return at(fmt::format("{}/{}", p, i)); });
      read_json_value(*slot, key, v, at(p));
      seen[slot->spec().key] = at(p);
    } else if (v.is_object() && is_alias_prefix(bindings, key)) {
      for (const auto& [sub, sv] : v.items()) {
        const auto sub_slot = find_key(bindings, fmt::format("{}.{}", key, sub));
        if (!sub_slot)
          unknown_key(sub, pointer_name(p), alias_children(bindings, key),
                      at(fmt::format("{}/{}", p, sub)));
        const std::string sp = fmt::format("{}/{}", p, sub);
        check_json_items(sub_slot->spec(), fmt::format("{}.{}", key, sub), sv,
                         [&](std::size_t i) { return at(fmt::format("{}/{}", sp, i)); });
        read_json_value(*sub_slot, fmt::format("{}.{}", key, sub), sv,
                        at(fmt::format("{}/{}", p, sub)));
        seen[sub_slot->spec().key] = at(fmt::format("{}/{}", p, sub));
      }
    } else if (std::find(other_keys.begin(), other_keys.end(), key) == other_keys.end()) {
      unknown_key(key, pointer_name(pointer), valid_keys(bindings, other_keys), at(p));
    }
  }
  check_required_and_rules(bindings, seen, at(pointer));
  return seen;
}

namespace {

Value appended(const Value& list, const std::vector<std::string>& more) {
  auto items = std::get<std::vector<std::string>>(list);
  items.insert(items.end(), more.begin(), more.end());
  return items;
}

}  // namespace

void read_args(const std::vector<std::pair<std::string, std::string>>& args,
               const std::vector<Binding>& bindings) {
  std::set<std::string> listed;  ///< list flags given once already: later values append
  for (const auto& [flag, text] : args) {
    const auto slot = find_flag(bindings, flag);
    if (!slot) throw Error("internal.bad_argument", fmt::format("no option --{}", flag));
    Spec shown = slot->spec();
    shown.key = fmt::format("--{}", flag);
    if (shown.kind == Kind::texts) shown.min_items = 0;  // one value at a time; CLI11 counts them
    const auto value = value_from_text(shown, text);
    if (!value) throw Error("usage.bad_option", bad_value_message(shown, text));
    Value v = *value;
    if (shown.kind == Kind::choice)
      if (const auto name = canonical_choice(shown, std::get<std::string>(v))) v = *name;
    if (shown.kind == Kind::texts && !listed.insert(flag).second)
      v = appended(slot->binding->get(slot->index), std::get<std::vector<std::string>>(v));
    if (auto message = check_value(shown, v)) throw Error("usage.bad_option", *message);
    try {
      slot->binding->set(slot->index, v);
    } catch (const Error& e) {
      throw Error("usage.bad_option", e.message());
    }
  }
}

Binding only(const Binding& binding, const std::vector<std::string>& keys) {
  Binding out;
  out.section = binding.section;
  out.title = binding.title;
  out.owner = binding.owner;
  auto index = std::make_shared<std::vector<std::size_t>>();
  for (std::size_t i = 0; i < binding.specs.size(); ++i)
    if (std::find(keys.begin(), keys.end(), binding.specs[i].key) != keys.end()) {
      index->push_back(i);
      out.specs.push_back(binding.specs[i]);
      out.defaults.push_back(binding.defaults[i]);
    }
  if (index->size() != keys.size())
    throw Error("internal.bad_argument", fmt::format("[{}] has {} of the {} options asked for",
                                                     binding.section, index->size(), keys.size()));
  out.set = [set = binding.set, index](std::size_t i, const Value& v) { set((*index)[i], v); };
  out.get = [get = binding.get, index](std::size_t i) { return get((*index)[i]); };
  out.broken_rule = [] { return std::optional<std::pair<std::string, std::string>>(); };
  return out;
}

void check_rules(const std::vector<Binding>& bindings, const InputLocation& where) {
  for (const auto& b : bindings)
    if (auto broken = b.broken_rule()) throw Error("usage.bad_option", broken->second, where);
}

namespace {

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::flag:
      return "boolean";
    case Kind::whole:
      return "integer";
    case Kind::number:
      return "number";
    case Kind::text:
      return "string";
    case Kind::choice:
      return "choice";
    case Kind::numbers:
      return "array";
    case Kind::texts:
      return "array of strings";
  }
  return "";
}

}  // namespace

nlohmann::json to_json(const Binding& b) {
  nlohmann::json out{{"section", b.section}, {"title", b.title}};
  nlohmann::json list = nlohmann::json::array();
  for (std::size_t i = 0; i < b.specs.size(); ++i) {
    const Spec& s = b.specs[i];
    nlohmann::json o{{"key", s.key},
                     {"flag", fmt::format("--{}", flag_name(s))},
                     {"type", kind_name(s.kind)},
                     {"unit", s.unit},
                     {"default", b.defaults[i]},
                     {"expected", expected_text(s)},
                     {"help", s.help},
                     {"required", s.required}};
    if (!s.aliases.empty()) o["aliases"] = s.aliases;
    if (!s.choices.empty()) {
      nlohmann::json choices = nlohmann::json::array();
      for (const auto& c : s.choices)
        choices.push_back({{"name", c.name}, {"aliases", c.aliases}, {"help", c.help}});
      o["choices"] = choices;
    }
    list.push_back(o);
  }
  out["options"] = list;
  return out;
}

std::string to_markdown(const Binding& b) {
  std::string out = fmt::format(
      "<!-- generated from the option table of [{}]: lodeline options {} --markdown -->\n\n"
      "| key | flag | unit | default | expected | meaning |\n|---|---|---|---|---|---|\n",
      b.section, b.section);
  for (std::size_t i = 0; i < b.specs.size(); ++i) {
    const Spec& s = b.specs[i];
    std::string help = s.help;
    for (const auto& c : s.choices)
      if (!c.help.empty())
        help += fmt::format(
            "; `{}`{}: {}", c.name,
            c.aliases.empty() ? "" : fmt::format(" (also `{}`)", fmt::join(c.aliases, "`, `")),
            c.help);
    if (!s.aliases.empty())
      help += fmt::format(" (also accepted: `{}`)", fmt::join(s.aliases, "`, `"));
    out += fmt::format("| `{}`{} | `--{}` | {} | {} | {} | {} |\n", s.key,
                       s.required ? " (required)" : "", flag_name(s), s.unit.empty() ? "" : s.unit,
                       s.required ? std::string() : fmt::format("`{}`", b.defaults[i]),
                       expected_text(s), help);
  }
  return out;
}

}  // namespace lodeline::options
