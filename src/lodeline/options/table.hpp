// SPDX-License-Identifier: Apache-2.0
// Option tables: each stage declares every option once (key, unit, help, range or choices;
// the default is read from the stage's options struct), and binders in this module turn one
// table into TOML keys, JSON keys, command-line flags, validation and documentation.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace lodeline::options {

enum class Kind {
  flag,     ///< true / false
  whole,    ///< a whole number in [min, max]
  number,   ///< a finite real number in [min, max] (min_open / max_open make a bound strict)
  text,     ///< a non-empty string
  choice,   ///< one name of `choices` (or one of its aliases)
  numbers,  ///< a list of min_items..max_items numbers, each in [min, max]
  texts,    ///< a list of min_items..max_items non-empty strings (names, columns)
};

/// max_items of a list with no upper bound on its length.
inline constexpr std::size_t kAnyCount = std::numeric_limits<std::size_t>::max();

/// A value as read from any surface, before it is stored in an options struct.
using Value = std::variant<bool, std::int64_t, double, std::string, std::vector<double>,
                           std::vector<std::string>>;

/// One accepted name of an enumeration value; `aliases` are older or shorter spellings that
/// are accepted everywhere and documented.
struct Name {
  std::string name;
  std::vector<std::string> aliases;
  std::string help;
};

/// What an option is, independently of the struct that holds it.
struct Spec {
  std::string key;                   ///< the project-file key, e.g. "max_samples"
  std::vector<std::string> aliases;  ///< other accepted keys; "a.b" = key b of object a (JSON)
  std::string flag;                  ///< command-line flag without "--"; empty = derived from key
  std::vector<std::string> flag_aliases;
  Kind kind = Kind::number;
  std::string unit;  ///< "m", "deg", "g/t", ... ; empty = none
  std::string help;  ///< one line
  std::vector<Name> choices;
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool min_open = false, max_open = false;
  std::size_t min_items = 1, max_items = 1;
  bool integers = false;     ///< numbers: each item a whole number
  std::string zero_means;    ///< e.g. "all": "0 = all" is added to the expected text
  std::string default_text;  ///< overrides the default read from the struct (e.g. "none")
  bool required = false;
};

/// A spec with its key, kind and help; the rest is set field by field.
[[nodiscard]] inline Spec spec(std::string key, Kind kind, std::string help) {
  Spec s;
  s.key = std::move(key);
  s.kind = kind;
  s.help = std::move(help);
  return s;
}

/// A spec whose value lies in [min, max].
[[nodiscard]] inline Spec bounded(std::string key, Kind kind, std::string help, double min,
                                  double max) {
  Spec s = spec(std::move(key), kind, std::move(help));
  s.min = min;
  s.max = max;
  return s;
}

/// A list of any length of numbers > 0 in `unit`.
[[nodiscard]] inline Spec positive_list(std::string key, std::string unit, std::string help) {
  Spec s = spec(std::move(key), Kind::numbers, std::move(help));
  s.unit = std::move(unit);
  s.min = 0;
  s.min_open = true;
  s.max_items = kAnyCount;
  return s;
}

/// A list of any length (0 or more) of names.
[[nodiscard]] inline Spec name_list(std::string key, std::string help) {
  Spec s = spec(std::move(key), Kind::texts, std::move(help));
  s.min_items = 0;
  s.max_items = kAnyCount;
  return s;
}

/// A length in metres >= 0 where 0 means `zero_means`.
[[nodiscard]] inline Spec metres_or_zero(std::string key, std::string help,
                                         std::string zero_means) {
  Spec s = spec(std::move(key), Kind::number, std::move(help));
  s.unit = "m";
  s.min = 0;
  s.zero_means = std::move(zero_means);
  return s;
}

/// The text after "expected" in every message about this option, e.g. "a whole number >= 0
/// (0 = all)".
[[nodiscard]] std::string expected_text(const Spec& spec);
/// "'key' is FOUND, expected EXPECTED".
[[nodiscard]] std::string bad_value_message(const Spec& spec, const std::string& found);
/// A value already converted to the option's kind: nothing when it is acceptable, else the
/// message (range, choice, item count).
[[nodiscard]] std::optional<std::string> check_value(const Spec& spec, const Value& value);
/// Whether two values are the same (NaN equals NaN: an unset number).
[[nodiscard]] bool same_value(const Value& a, const Value& b);
/// The canonical choice name for `text` (a name or an alias), or nothing.
[[nodiscard]] std::optional<std::string> canonical_choice(const Spec& spec, std::string_view text);
/// Parses command-line text to the option's kind (no range check): nothing when it does not
/// parse.
[[nodiscard]] std::optional<Value> value_from_text(const Spec& spec, const std::string& text);
/// A value as it is written in documentation and `lodeline options`.
[[nodiscard]] std::string value_text(const Spec& spec, const Value& value);
/// The command-line flag, e.g. "max-samples" (without "--").
[[nodiscard]] std::string flag_name(const Spec& spec);
/// The valid key closest to `key` (edit distance), for "did you mean" hints; empty if none is
/// close.
[[nodiscard]] std::string closest(std::string_view key, const std::vector<std::string>& valid);

/// One option bound to a member (or members) of the options struct `Opts`.
template <class Opts>
struct Option {
  Spec spec;
  std::function<Value(const Opts&)> get;
  std::function<void(Opts&, const Value&)> set;
};

/// A rule across options (e.g. min_samples <= max_samples), reported at `key`.
template <class Opts>
struct Rule {
  std::string key;
  std::function<std::optional<std::string>(const Opts&)> broken;  ///< the message, if broken
};

/// Every option of one stage. `section` is its project-file table ("estimate").
template <class Opts>
struct Table {
  std::string section;
  std::string title;
  std::vector<Option<Opts>> options;
  std::vector<Rule<Opts>> rules;
};

// ---- building tables -------------------------------------------------------------------

/// A name table for an enum: {name, value} pairs plus the names' documentation.
template <class E>
struct EnumNames {
  std::vector<std::pair<Name, E>> entries;

  [[nodiscard]] std::optional<E> parse(std::string_view text) const {
    for (const auto& [n, e] : entries) {
      if (n.name == text) return e;
      for (const auto& a : n.aliases)
        if (a == text) return e;
    }
    return std::nullopt;
  }
  [[nodiscard]] const std::string& name(E e) const {
    for (const auto& [n, v] : entries)
      if (v == e) return n.name;
    return entries.front().first.name;
  }
  [[nodiscard]] std::vector<Name> names() const {
    std::vector<Name> out;
    for (const auto& [n, e] : entries) out.push_back(n);
    return out;
  }
};

namespace detail {
template <class T>
Value to_value(const T& v) {
  if constexpr (std::is_same_v<T, bool>)
    return v;
  else if constexpr (std::is_integral_v<T>)
    return static_cast<std::int64_t>(v);
  else if constexpr (std::is_floating_point_v<T>)
    return static_cast<double>(v);
  else if constexpr (std::is_same_v<T, std::string>)
    return v;
  else if constexpr (std::is_same_v<T, std::vector<std::string>>)
    return v;
  else
    return std::vector<double>(v.begin(), v.end());
}
template <class T>
T from_value(const Value& v) {
  if constexpr (std::is_same_v<T, bool>)
    return std::get<bool>(v);
  else if constexpr (std::is_integral_v<T>)
    return static_cast<T>(std::get<std::int64_t>(v));
  else if constexpr (std::is_floating_point_v<T>)
    return static_cast<T>(std::get<double>(v));
  else if constexpr (std::is_same_v<T, std::string>)
    return std::get<std::string>(v);
  else if constexpr (std::is_same_v<T, std::vector<std::string>>)
    return std::get<std::vector<std::string>>(v);
  else
    return T(std::get<std::vector<double>>(v));
}
}  // namespace detail

/// An option stored in one member; `ref` is a generic lambda returning a reference to it,
/// e.g. [](auto& o) -> auto& { return o.search.max_samples; }.
template <class Opts, class Ref>
Option<Opts> member(Spec spec, Ref ref) {
  return {std::move(spec), [ref](const Opts& o) { return detail::to_value(ref(o)); },
          [ref](Opts& o, const Value& v) {
            auto& field = ref(o);
            field = detail::from_value<std::decay_t<decltype(field)>>(v);
          }};
}

/// An enum option: the choices come from `names`.
template <class Opts, class E, class Ref>
Option<Opts> enumerated(Spec spec, const EnumNames<E>& names, Ref ref) {
  spec.kind = Kind::choice;
  spec.choices = names.names();
  return {
      std::move(spec), [ref, names](const Opts& o) { return Value(names.name(ref(o))); },
      [ref, names](Opts& o, const Value& v) { ref(o) = *names.parse(std::get<std::string>(v)); }};
}

/// An option with hand-written access (optional members, arrays, derived fields).
template <class Opts>
Option<Opts> custom(Spec spec, std::function<Value(const Opts&)> get,
                    std::function<void(Opts&, const Value&)> set) {
  return {std::move(spec), std::move(get), std::move(set)};
}

/// For a struct filled by code rather than read from a surface: the message of the first
/// number or whole number whose value differs from the struct's default and lies outside its
/// declared range. A default is valid as declared (infinity for "no limit", NaN for "unset");
/// texts, flags, choices and lists (whose stored form may differ from the typed one) are
/// checked where they are read.
template <class Opts>
[[nodiscard]] std::optional<std::string> out_of_range(const Table<Opts>& table, const Opts& opts) {
  const Opts defaults{};
  for (const auto& option : table.options) {
    const Kind k = option.spec.kind;
    if (k != Kind::number && k != Kind::whole) continue;
    const Value value = option.get(opts);
    if (same_value(value, option.get(defaults))) continue;
    if (auto message = check_value(option.spec, value)) return message;
  }
  return std::nullopt;
}

}  // namespace lodeline::options
