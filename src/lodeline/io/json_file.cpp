// SPDX-License-Identifier: Apache-2.0
// JSON documents with locations; grid descriptions.
#include "lodeline/io/json_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "lodeline/core/names.hpp"
#include "lodeline/io/json_pointer.hpp"
#include "lodeline/io/text_file.hpp"

namespace lodeline::io {

std::string parse_error_text(const nlohmann::json::parse_error& error) {
  std::string what = error.what();
  const auto cut = what.find("parse error");
  return cut == std::string::npos ? what : what.substr(cut);
}

namespace {

bool is_number_char(char c) {
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

/// Offset just past the string that opens at `open` (a '"'), escapes included.
std::size_t skip_string(std::string_view text, std::size_t open) {
  std::size_t i = open + 1;
  while (i < text.size() && text[i] != '"') i += text[i] == '\\' ? 2 : 1;
  return std::min(text.size(), i + 1);
}

bool overflows_double(std::string_view token) {
  const std::string digits(token);  // strtod needs a terminated string
  return std::isinf(std::strtod(digits.c_str(), nullptr));
}

}  // namespace

std::optional<NumberToken> find_overflowing_number(std::string_view json_text) {
  std::size_t i = 0;
  while (i < json_text.size()) {
    const char c = json_text[i];
    if (c == '"') {
      i = skip_string(json_text, i);
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      std::size_t end = i + 1;
      while (end < json_text.size() && is_number_char(json_text[end])) ++end;
      const std::string_view token = json_text.substr(i, end - i);
      if (overflows_double(token)) return NumberToken{i, token};
      i = end;
    } else {
      ++i;
    }
  }
  return std::nullopt;
}

nlohmann::json parse_json(const std::string& text, const std::string& file) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    const std::string what = parse_error_text(e);
    const std::size_t at = e.byte > 0 ? e.byte - 1 : 0;
    throw Error("input.bad_json", fmt::format("malformed JSON: {}", what),
                location_of(text, at, file));
  } catch (const nlohmann::json::out_of_range& e) {
    if (const auto number = find_overflowing_number(text))
      throw Error("input.bad_number",
                  fmt::format("number out of range: '{}' is beyond the largest double "
                              "(about 1.8e308), expected a finite number",
                              number->text),
                  location_of(text, number->offset, file));
    throw Error("input.bad_number",
                fmt::format("number out of range ({}), expected a finite number", e.what()),
                {file});
  } catch (const nlohmann::json::exception& e) {
    throw Error("input.bad_json", fmt::format("malformed JSON: {}", e.what()), {file});
  }
}

nlohmann::json read_json(const std::string& path) { return parse_json(read_text(path), path); }

namespace {

/// Where the grid reader reports: the key's value when a locator is given, else the file.
struct GridWhere {
  const std::string& file;
  const JsonLocator& locate;
  [[nodiscard]] InputLocation at(const std::string& key) const {
    return locate ? locate(key.empty() ? "" : "/" + key) : InputLocation{file};
  }
};

std::vector<double> number_array(const nlohmann::json& doc, const char* key, std::size_t min_n,
                                 std::size_t max_n, const GridWhere& w) {
  if (!doc.contains(key))
    throw Error(
        "input.bad_grid",
        fmt::format("missing key '{}', expected an array of {} to {} numbers", key, min_n, max_n),
        w.at(""));
  const auto& a = doc.at(key);
  if (!a.is_array() || a.size() < min_n || a.size() > max_n)
    throw Error("input.bad_grid",
                fmt::format("'{}' is {}, expected an array of {} to {} numbers", key, a.dump(),
                            min_n, max_n),
                w.at(key));
  std::vector<double> out;
  for (const auto& v : a) {
    if (!v.is_number() || !std::isfinite(v.get<double>()))
      throw Error("input.bad_grid", fmt::format("'{}' holds {}, expected numbers", key, v.dump()),
                  w.at(key));
    out.push_back(v.get<double>());
  }
  return out;
}

/// A misspelt key ("rotation" for rotation_deg, "block_sizes") would be ignored silently and
/// the grid read without it: refused with the key meant. Keys near no known one are metadata
/// (a title, a case name) and are left alone.
void refuse_misspelt_grid_keys(const nlohmann::json& doc, const GridWhere& w) {
  static const std::vector<std::string> known{"origin", "block_size", "counts", "rotation_deg",
                                              "crs"};
  for (const auto& [key, value] : doc.items()) {
    (void)value;
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    const std::string meant = closest_name(key, known);
    const bool misspelt =
        !meant.empty() && (edit_distance(key, meant) <= 1 || meant.rfind(key, 0) == 0);
    if (!misspelt) continue;
    throw Error("input.unknown_key",
                fmt::format("unknown key '{}' in the grid (did you mean '{}'?), expected one of: "
                            "{}",
                            key, meant, fmt::join(known, ", ")),
                w.at(key));
  }
}

/// rotation_deg and crs, both optional.
void read_grid_extras(const nlohmann::json& doc, const GridWhere& w, GridSpec& spec) {
  if (doc.contains("rotation_deg")) {
    if (!doc["rotation_deg"].is_number())
      throw Error("input.bad_grid", "'rotation_deg' is not a number", w.at("rotation_deg"));
    spec.grid.rotation_deg = doc["rotation_deg"].get<double>();
  }
  if (doc.contains("crs")) {
    if (!doc["crs"].is_string())
      throw Error("input.bad_grid", "'crs' is not a string, expected e.g. \"EPSG:32638\"",
                  w.at("crs"));
    spec.crs = doc["crs"].get<std::string>();
  }
}

}  // namespace

GridSpec grid_from_json(const nlohmann::json& doc, const std::string& file,
                        const JsonLocator& locate) {
  const GridWhere w{file, locate};
  if (!doc.is_object())
    throw Error("input.bad_grid", "grid description is not a JSON object", w.at(""));
  refuse_misspelt_grid_keys(doc, w);
  GridSpec spec;
  const auto origin = number_array(doc, "origin", 2, 3, w);
  const auto size = number_array(doc, "block_size", 2, 3, w);
  const auto counts = number_array(doc, "counts", 2, 3, w);
  for (std::size_t a = 0; a < 3; ++a) {
    spec.grid.origin_m[a] = a < origin.size() ? origin[a] : 0.0;
    spec.grid.block_size_m[a] = a < size.size() ? size[a] : 1.0;
    const double n = a < counts.size() ? counts[a] : 1.0;
    if (n != std::floor(n) || std::abs(n) > 1e12)
      throw Error("input.bad_grid",
                  fmt::format("counts[{}] is {}, expected a positive integer", a, n),
                  w.at("counts"));
    spec.grid.counts[a] = static_cast<std::int64_t>(n);
  }
  read_grid_extras(doc, w, spec);
  try {
    spec.grid.validate();
  } catch (const Error& e) {
    const std::string& m = e.message();
    const std::string key = m.find("block count") != std::string::npos  ? "counts"
                            : m.find("block size") != std::string::npos ? "block_size"
                            : m.find("origin") == 0                     ? "origin"
                            : m.find("rotation") != std::string::npos   ? "rotation_deg"
                                                                        : "";
    throw Error(e.code(), m, w.at(key));
  }
  return spec;
}

GridSpec read_grid_json(const std::string& path) {
  const std::string text = read_text(path);
  const nlohmann::json doc = parse_json(text, path);
  return grid_from_json(doc, path, json_text_locator(text, path));
}

}  // namespace lodeline::io
