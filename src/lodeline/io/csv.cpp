// SPDX-License-Identifier: Apache-2.0
// CSV tables with locations.
#include "lodeline/io/csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "lodeline/core/names.hpp"
#include "lodeline/io/text_file.hpp"

namespace lodeline::io {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<double> parse_double(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  double value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

std::optional<std::int64_t> parse_int(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  std::int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

CsvTable CsvTable::read(const std::string& path) { return parse(read_text(path), path); }

CsvTable CsvTable::parse(std::string_view text, std::string file) {
  CsvTable table;
  table.file_ = std::move(file);
  std::size_t pos = 0;
  std::int64_t line = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;  // UTF-8 byte order mark
  bool have_header = false;
  while (pos < text.size()) {
    ++line;
    const std::size_t line_start = pos;
    CsvRow row;
    row.line = line;
    std::string field;
    std::int64_t field_col = 1;
    bool quoted = false, was_quoted = false;
    std::size_t i = pos;
    for (;; ++i) {
      if (i >= text.size()) {
        if (quoted)
          throw Error("input.bad_csv", "unterminated quoted field, expected a closing '\"'",
                      {table.file_, line, field_col});
        break;
      }
      const char c = text[i];
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            ++i;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') ++line;
          field += c;
        }
        continue;
      }
      if (c == '"' && trim(field).empty()) {
        quoted = was_quoted = true;
        field.clear();
      } else if (c == ',') {
        row.fields.push_back({was_quoted ? field : std::string(trim(field)), field_col});
        field.clear();
        was_quoted = false;
        field_col = static_cast<std::int64_t>(i - line_start) + 2;
      } else if (c == '\n') {
        break;
      } else {
        field += c;
      }
    }
    pos = i + 1;
    row.fields.push_back({was_quoted ? field : std::string(trim(field)), field_col});
    const bool blank = row.fields.size() == 1 && row.fields[0].text.empty();
    const bool comment = !row.fields.empty() && !row.fields[0].text.empty() &&
                         row.fields[0].text[0] == '#' && !was_quoted;
    if (blank || comment) continue;
    if (!have_header) {
      for (auto& f : row.fields) table.header_.push_back(f.text);
      table.header_line_ = row.line;
      have_header = true;
      continue;
    }
    if (row.fields.size() != table.header_.size())
      throw Error("input.bad_csv",
                  fmt::format("row has {} fields, expected {} as in the header (line {})",
                              row.fields.size(), table.header_.size(), table.header_line_),
                  {table.file_, row.line, 1});
    table.rows_.push_back(std::move(row));
  }
  if (!have_header)
    throw Error("input.empty_file", "file is empty, expected a CSV header", {table.file_});
  return table;
}

std::optional<std::size_t> CsvTable::find_column(const std::vector<std::string>& aliases) const {
  for (const auto& alias : aliases) {
    const std::string want = lower_ascii(alias);
    for (std::size_t c = 0; c < header_.size(); ++c)
      if (lower_ascii(header_[c]) == want) return c;
  }
  return std::nullopt;
}

std::size_t CsvTable::require_column(const std::vector<std::string>& aliases,
                                     const std::string& what) const {
  if (auto c = find_column(aliases)) return *c;
  throw Error("input.missing_column",
              fmt::format("no {} column in header [{}], expected one of: {}", what,
                          fmt::join(header_, ","), fmt::join(aliases, ", ")),
              {file_, header_line_, 1});
}

InputLocation CsvTable::location(const CsvRow& row, std::size_t col) const {
  return {file_, row.line, col < row.fields.size() ? row.fields[col].column : 1};
}

double CsvTable::number(const CsvRow& row, std::size_t col) const {
  const std::string& text = row.fields.at(col).text;
  if (auto v = parse_double(text)) return *v;
  throw Error("input.bad_number",
              fmt::format("field '{}' is '{}', expected a number", header_.at(col), text),
              location(row, col));
}

std::int64_t CsvTable::integer(const CsvRow& row, std::size_t col) const {
  const std::string& text = row.fields.at(col).text;
  if (auto v = parse_int(text)) return *v;
  throw Error("input.bad_integer",
              fmt::format("field '{}' is '{}', expected an integer", header_.at(col), text),
              location(row, col));
}

}  // namespace lodeline::io
