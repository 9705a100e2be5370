// SPDX-License-Identifier: Apache-2.0
// CSV tables with the file:line:col of every field, and checked numeric conversion.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lodeline/core/error.hpp"

namespace lodeline::io {

struct CsvField {
  std::string text;
  std::int64_t column = 0;  ///< 1-based byte column of the field's first character
};

struct CsvRow {
  std::int64_t line = 0;  ///< 1-based line number in the file
  std::vector<CsvField> fields;
};

/// A parsed CSV file: comma separated, optional double quotes, '#' comment lines and blank
/// lines skipped, CRLF accepted. The first non-comment line is the header.
class CsvTable {
 public:
  /// Parses `text` (the contents of `file`, used for locations). Throws input.bad_csv on
  /// unterminated quotes or rows whose field count differs from the header.
  static CsvTable parse(std::string_view text, std::string file);
  static CsvTable read(const std::string& path);

  [[nodiscard]] const std::string& file() const { return file_; }
  [[nodiscard]] const std::vector<std::string>& header() const { return header_; }
  [[nodiscard]] std::int64_t header_line() const { return header_line_; }
  [[nodiscard]] const std::vector<CsvRow>& rows() const { return rows_; }

  /// Index of the first header name matching one of `aliases` (case-insensitive), if any.
  [[nodiscard]] std::optional<std::size_t> find_column(
      const std::vector<std::string>& aliases) const;
  /// As find_column, but throws input.missing_column naming what was expected.
  [[nodiscard]] std::size_t require_column(const std::vector<std::string>& aliases,
                                           const std::string& what) const;

  [[nodiscard]] InputLocation location(const CsvRow& row, std::size_t col) const;
  /// The field as a finite double; throws input.bad_number with its location otherwise.
  [[nodiscard]] double number(const CsvRow& row, std::size_t col) const;
  /// The field as an integer; throws input.bad_integer otherwise.
  [[nodiscard]] std::int64_t integer(const CsvRow& row, std::size_t col) const;

 private:
  std::string file_;
  std::vector<std::string> header_;
  std::int64_t header_line_ = 0;
  std::vector<CsvRow> rows_;
};

/// Strict conversion of a whole string to a finite double (no trailing text, no NaN/inf).
std::optional<double> parse_double(std::string_view text);
std::optional<std::int64_t> parse_int(std::string_view text);

}  // namespace lodeline::io
