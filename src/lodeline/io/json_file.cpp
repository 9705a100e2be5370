// SPDX-License-Identifier: Apache-2.0
// JSON documents with locations; grid descriptions.
#include "lodeline/io/json_file.hpp"

#include <fmt/format.h>

#include <cmath>

#include "lodeline/io/text_file.hpp"

namespace lodeline::io {

std::string parse_error_text(const nlohmann::json::parse_error& error) {
  std::string what = error.what();
  const auto cut = what.find("parse error");
  return cut == std::string::npos ? what : what.substr(cut);
}

nlohmann::json parse_json(const std::string& text, const std::string& file) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    const std::string what = parse_error_text(e);
    const std::size_t at = e.byte > 0 ? e.byte - 1 : 0;
    throw Error("input.bad_json", fmt::format("malformed JSON: {}", what),
                location_of(text, at, file));
  }
}

nlohmann::json read_json(const std::string& path) { return parse_json(read_text(path), path); }

namespace {

std::vector<double> number_array(const nlohmann::json& doc, const char* key, std::size_t min_n,
                                 std::size_t max_n, const std::string& file, bool required) {
  if (!doc.contains(key)) {
    if (!required) return {};
    throw Error(
        "input.bad_grid",
        fmt::format("missing key '{}', expected an array of {} to {} numbers", key, min_n, max_n),
        {file});
  }
  const auto& a = doc.at(key);
  if (!a.is_array() || a.size() < min_n || a.size() > max_n)
    throw Error("input.bad_grid",
                fmt::format("'{}' is {}, expected an array of {} to {} numbers", key, a.dump(),
                            min_n, max_n),
                {file});
  std::vector<double> out;
  for (const auto& v : a) {
    if (!v.is_number() || !std::isfinite(v.get<double>()))
      throw Error("input.bad_grid", fmt::format("'{}' holds {}, expected numbers", key, v.dump()),
                  {file});
    out.push_back(v.get<double>());
  }
  return out;
}

}  // namespace

GridSpec grid_from_json(const nlohmann::json& doc, const std::string& file) {
  if (!doc.is_object())
    throw Error("input.bad_grid", "grid description is not a JSON object", {file});
  GridSpec spec;
  const auto origin = number_array(doc, "origin", 2, 3, file, true);
  const auto size = number_array(doc, "block_size", 2, 3, file, true);
  const auto counts = number_array(doc, "counts", 2, 3, file, true);
  for (std::size_t a = 0; a < 3; ++a) {
    spec.grid.origin_m[a] = a < origin.size() ? origin[a] : 0.0;
    spec.grid.block_size_m[a] = a < size.size() ? size[a] : 1.0;
    const double n = a < counts.size() ? counts[a] : 1.0;
    if (n != std::floor(n) || std::abs(n) > 1e12)
      throw Error("input.bad_grid",
                  fmt::format("counts[{}] is {}, expected a positive integer", a, n), {file});
    spec.grid.counts[a] = static_cast<std::int64_t>(n);
  }
  if (doc.contains("rotation_deg")) {
    if (!doc["rotation_deg"].is_number())
      throw Error("input.bad_grid", "'rotation_deg' is not a number", {file});
    spec.grid.rotation_deg = doc["rotation_deg"].get<double>();
  }
  if (doc.contains("crs")) {
    if (!doc["crs"].is_string())
      throw Error("input.bad_grid", "'crs' is not a string, expected e.g. \"EPSG:32638\"", {file});
    spec.crs = doc["crs"].get<std::string>();
  }
  try {
    spec.grid.validate();
  } catch (const Error& e) {
    throw Error(e.code(), e.message(), {file});
  }
  return spec;
}

GridSpec read_grid_json(const std::string& path) { return grid_from_json(read_json(path), path); }

}  // namespace lodeline::io
