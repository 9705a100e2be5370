// SPDX-License-Identifier: Apache-2.0
// Option specs: expected-value texts, checks and conversions shared by every surface.
#include "lodeline/options/table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "lodeline/core/names.hpp"

namespace lodeline::options {

namespace {

std::string num(double v) { return fmt::format("{}", v); }

bool has_min(const Spec& s) { return std::isfinite(s.min); }
bool has_max(const Spec& s) { return std::isfinite(s.max); }

/// "from 1 to 100", ">= 0", "> 0", "in (0, 90]", "" (unbounded).
std::string range_text(const Spec& s, bool whole) {
  if (has_min(s) && has_max(s)) {
    if (whole || (!s.min_open && !s.max_open))
      return fmt::format("from {} to {}", num(s.min), num(s.max));
    return fmt::format("in {}{}, {}{}", s.min_open ? "(" : "[", num(s.min), num(s.max),
                       s.max_open ? ")" : "]");
  }
  if (has_min(s)) return fmt::format("{} {}", s.min_open ? ">" : ">=", num(s.min));
  if (has_max(s)) return fmt::format("{} {}", s.max_open ? "<" : "<=", num(s.max));
  return "";
}

std::string with_range_and_unit(std::string base, const Spec& s, bool whole) {
  const std::string range = range_text(s, whole);
  if (!range.empty()) base += fmt::format(" {}", range);
  if (!s.unit.empty())
    base += range.empty() ? fmt::format(" ({})", s.unit) : fmt::format(" {}", s.unit);
  return base;
}

/// "2", "one or more", "3 or more", "2 to 6" (items of a list).
std::string count_text(const Spec& s) {
  const bool unbounded = s.max_items == kAnyCount;
  if (s.min_items == s.max_items) return fmt::format("{}", s.min_items);
  if (unbounded && s.min_items == 0) return "any number of";
  if (unbounded && s.min_items == 1) return "one or more";
  if (unbounded) return fmt::format("{} or more", s.min_items);
  return fmt::format("{} to {}", s.min_items, s.max_items);
}

std::string choices_text(const Spec& s) {
  std::vector<std::string> names;
  for (const auto& c : s.choices) names.push_back(c.name);
  if (names.size() == 1) return names.front();
  const std::string last = names.back();
  names.pop_back();
  return fmt::format("{} or {}", fmt::join(names, ", "), last);
}

bool in_range(const Spec& s, double v) {
  if (has_min(s) && (s.min_open ? !(v > s.min) : !(v >= s.min))) return false;
  if (has_max(s) && (s.max_open ? !(v < s.max) : !(v <= s.max))) return false;
  return true;
}

bool whole_number(double v) {
  return std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15;
}

std::optional<double> parse_double(const std::string& text) {
  double v = 0;
  const char* end = text.data() + text.size();
  const auto [p, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || p != end || text.empty()) return std::nullopt;
  return v;
}

}  // namespace

std::string expected_text(const Spec& s) {
  std::string out;
  switch (s.kind) {
    case Kind::flag:
      out = "true or false";
      break;
    case Kind::whole:
      out = with_range_and_unit("a whole number", s, true);
      break;
    case Kind::number:
      out = with_range_and_unit("a number", s, false);
      break;
    case Kind::text:
      out = "a non-empty string";
      break;
    case Kind::choice:
      out = choices_text(s);
      break;
    case Kind::numbers: {
      const std::string each =
          with_range_and_unit(s.integers ? "whole numbers" : "numbers", s, s.integers);
      out = fmt::format("a list of {} {}", count_text(s), each);
      break;
    }
    case Kind::texts:
      out = fmt::format("a list of {} non-empty strings", count_text(s));
      break;
  }
  if (!s.zero_means.empty()) out += fmt::format(" (0 = {})", s.zero_means);
  return out;
}

std::string bad_value_message(const Spec& spec, const std::string& found) {
  return fmt::format("'{}' is {}, expected {}", spec.key, found, expected_text(spec));
}

std::optional<std::string> check_value(const Spec& s, const Value& v) {
  auto bad = [&] { return bad_value_message(s, value_text(s, v)); };
  switch (s.kind) {
    case Kind::whole: {
      const auto n = static_cast<double>(std::get<std::int64_t>(v));
      if (!in_range(s, n)) return bad();
      break;
    }
    case Kind::number:
      if (!std::isfinite(std::get<double>(v)) || !in_range(s, std::get<double>(v))) return bad();
      break;
    case Kind::text:
      if (std::get<std::string>(v).empty()) return bad();
      break;
    case Kind::choice:
      if (!canonical_choice(s, std::get<std::string>(v))) return bad();
      break;
    case Kind::numbers: {
      const auto& items = std::get<std::vector<double>>(v);
      if (items.size() < s.min_items || items.size() > s.max_items) return bad();
      for (const double x : items)
        if (!std::isfinite(x) || !in_range(s, x) || (s.integers && !whole_number(x))) return bad();
      break;
    }
    case Kind::texts: {
      const auto& items = std::get<std::vector<std::string>>(v);
      if (items.size() < s.min_items || items.size() > s.max_items) return bad();
      for (const auto& x : items)
        if (x.empty()) return bad();
      break;
    }
    case Kind::flag:
      break;
  }
  return std::nullopt;
}

std::optional<std::string> canonical_choice(const Spec& s, std::string_view text) {
  for (const auto& c : s.choices) {
    if (c.name == text) return c.name;
    for (const auto& a : c.aliases)
      if (a == text) return c.name;
  }
  return std::nullopt;
}

std::optional<Value> value_from_text(const Spec& s, const std::string& text) {
  switch (s.kind) {
    case Kind::flag:
      if (text == "true" || text == "1" || text == "yes") return Value(true);
      if (text == "false" || text == "0" || text == "no") return Value(false);
      return std::nullopt;
    case Kind::whole: {
      const auto d = parse_double(text);
      if (!d || !whole_number(*d)) return std::nullopt;
      return Value(static_cast<std::int64_t>(*d));
    }
    case Kind::number: {
      const auto d = parse_double(text);
      if (!d) return std::nullopt;
      return Value(*d);
    }
    case Kind::text:
    case Kind::choice:
      return Value(text);
    case Kind::numbers: {
      std::vector<double> items;
      std::size_t start = 0;
      while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        const auto d = parse_double(text.substr(start, comma - start));
        if (!d) return std::nullopt;
        items.push_back(*d);
        start = comma + 1;
      }
      return Value(items);
    }
    case Kind::texts:  // one item per value typed (a repeated flag appends); "" = none
      return text.empty() ? Value(std::vector<std::string>{})
                          : Value(std::vector<std::string>{text});
  }
  return std::nullopt;
}

std::string value_text(const Spec& s, const Value& v) {
  (void)s;
  return std::visit(
      [](const auto& x) -> std::string {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, bool>)
          return x ? "true" : "false";
        else if constexpr (std::is_same_v<T, std::int64_t>)
          return fmt::format("{}", x);
        else if constexpr (std::is_same_v<T, double>)
          return num(x);
        else if constexpr (std::is_same_v<T, std::string>)
          return fmt::format("\"{}\"", x);
        else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
          std::vector<std::string> items;
          items.reserve(x.size());
          for (const auto& t : x) items.push_back(fmt::format("\"{}\"", t));
          return fmt::format("[{}]", fmt::join(items, ", "));
        } else {
          std::vector<std::string> items;
          items.reserve(x.size());
          for (const double d : x) items.push_back(num(d));
          return fmt::format("[{}]", fmt::join(items, ", "));
        }
      },
      v);
}

std::string flag_name(const Spec& s) {
  if (!s.flag.empty()) return s.flag;
  std::string out = s.key;
  std::replace(out.begin(), out.end(), '_', '-');
  return out;
}

std::string closest(std::string_view key, const std::vector<std::string>& valid) {
  return closest_name(key, valid);
}

bool same_value(const Value& a, const Value& b) {
  const bool both_nan = std::holds_alternative<double>(a) && std::holds_alternative<double>(b) &&
                        std::isnan(std::get<double>(a)) && std::isnan(std::get<double>(b));
  return both_nan || a == b;
}

}  // namespace lodeline::options
