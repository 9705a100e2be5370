// SPDX-License-Identifier: Apache-2.0
// Helpers for the drillhole tests: databases from inline CSV text, findings as text.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "lodeline/drillhole/database.hpp"
#include "lodeline/io/csv.hpp"

namespace lodeline::drillhole::testing {

/// Builds a database from CSV text (files named collars.csv, surveys.csv, assays.csv;
/// `surveys` empty = no survey table).
inline DrillholeDatabase build(const std::string& collars, const std::string& surveys,
                               const std::string& assays, const DrillholeOptions& options = {}) {
  Diagnostics diag;
  const auto c = io::CsvTable::parse(collars, "collars.csv");
  const auto a = io::CsvTable::parse(assays, "assays.csv");
  if (surveys.empty()) return build_database(c, nullptr, a, options, diag);
  const auto s = io::CsvTable::parse(surveys, "surveys.csv");
  return build_database(c, &s, a, options, diag);
}

/// The formatted error thrown by build(), or "" when nothing was thrown.
inline std::string build_error(const std::string& collars, const std::string& surveys,
                               const std::string& assays, const DrillholeOptions& options = {}) {
  try {
    (void)build(collars, surveys, assays, options);
  } catch (const Error& e) {
    return e.formatted();
  }
  return {};
}

/// Every finding of a database, formatted, one per element.
inline std::vector<std::string> findings(const DrillholeDatabase& db) {
  std::vector<std::string> out;
  for (const auto& f : db.report.findings) out.push_back(f.formatted());
  return out;
}

/// The findings of `code` only.
inline std::vector<std::string> findings(const DrillholeDatabase& db, const std::string& code) {
  std::vector<std::string> out;
  for (const auto& f : db.report.findings)
    if (f.code == code) out.push_back(f.formatted());
  return out;
}

inline DrillholeOptions declared(DipConvention c = DipConvention::negative_down) {
  DrillholeOptions o;
  o.dip_convention = c;
  return o;
}

inline DrillholeOptions forced(DrillholeOptions o = declared()) {
  o.force = true;
  return o;
}

}  // namespace lodeline::drillhole::testing
