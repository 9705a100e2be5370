// SPDX-License-Identifier: Apache-2.0
// Typed, located reads of project.toml values (toml++), shared by every project-file section.
#pragma once

#include <fmt/format.h>
#include <toml++/toml.h>

#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "lodeline/core/error.hpp"
#include "lodeline/options/bind.hpp"

namespace lodeline::config {

class TomlReader {
 public:
  explicit TomlReader(std::string file) : file_(std::move(file)) {}
  [[nodiscard]] const std::string& file() const { return file_; }

  InputLocation where(const toml::node& n) const {
    const auto& s = n.source();
    return {file_, static_cast<std::int64_t>(s.begin.line),
            static_cast<std::int64_t>(s.begin.column)};
  }

  // Refuses keys not in `known` (typos must not be ignored silently).
  void known_keys(const toml::table& t, const std::string& table,
                  const std::set<std::string>& known) const {
    for (const auto& [k, v] : t) {
      (void)v;
      if (!known.count(std::string(k.str())))
        throw Error("input.unknown_key",
                    fmt::format("unknown key '{}' in [{}], expected one of: {}", k.str(), table,
                                fmt::join(known, ", ")),
                    {file_, static_cast<std::int64_t>(k.source().begin.line),
                     static_cast<std::int64_t>(k.source().begin.column)});
    }
  }

  std::string str(const toml::table& t, const char* key, const std::string& fallback,
                  bool required = false) const {
    const toml::node* n = t.get(key);
    if (!n) {
      if (required)
        throw Error("input.missing_option", fmt::format("missing key '{}', expected a string", key),
                    where(t));
      return fallback;
    }
    if (!n->is_string())
      throw Error("input.bad_option",
                  fmt::format("'{}' is a {}, expected a string", key, type_name(*n)), where(*n));
    return std::string(*n->value<std::string>());
  }

  double num(const toml::table& t, const char* key, double fallback) const {
    const toml::node* n = t.get(key);
    if (!n) return fallback;
    if (!n->is_number())
      throw Error("input.bad_option",
                  fmt::format("'{}' is a {}, expected a number", key, type_name(*n)), where(*n));
    const double v = *n->value<double>();
    if (!std::isfinite(v))
      throw Error("input.bad_option", fmt::format("'{}' is {}, expected a finite number", key, v),
                  where(*n));
    return v;
  }

  bool boolean(const toml::table& t, const char* key, bool fallback) const {
    const toml::node* n = t.get(key);
    if (!n) return fallback;
    if (!n->is_boolean())
      throw Error("input.bad_option",
                  fmt::format("'{}' is a {}, expected true or false", key, type_name(*n)),
                  where(*n));
    return *n->value<bool>();
  }

  std::vector<double> numbers(const toml::table& t, const char* key,
                              std::vector<double> fallback) const {
    const toml::node* n = t.get(key);
    if (!n) return fallback;
    const toml::array* a = n->as_array();
    if (!a || a->empty())
      throw Error("input.bad_option",
                  fmt::format("'{}' is {}, expected a non-empty array of numbers, e.g. "
                              "[0.5, 0.8, 1.0]",
                              key, a ? "an empty array" : "a " + type_name(*n)),
                  where(*n));
    std::vector<double> out;
    for (const auto& e : *a) {
      if (!e.is_number())
        throw Error("input.bad_option",
                    fmt::format("'{}' holds a {}, expected numbers", key, type_name(e)), where(e));
      out.push_back(*e.value<double>());
    }
    return out;
  }

  const toml::table* table(const toml::table& root, const char* key) const {
    const toml::node* n = root.get(key);
    if (!n) return nullptr;
    if (!n->is_table())
      throw Error("input.bad_option", fmt::format("'{}' is not a table", key), where(*n));
    return n->as_table();
  }

  static std::string type_name(const toml::node& n) { return options::toml_type_name(n); }

 private:
  std::string file_;
};

}  // namespace lodeline::config
