// SPDX-License-Identifier: Apache-2.0
// Drillhole database: collar, survey and interval tables read from CSV and validated, with
// every finding located at file:line:col (conventions in docs/drillholes.md).
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "lodeline/core/diagnostics.hpp"
#include "lodeline/core/error.hpp"
#include "lodeline/core/error_codes.hpp"
#include "lodeline/io/csv.hpp"

namespace lodeline::drillhole {

/// How the dip column of a collar or survey table is to be read. Internally dip is negative
/// downward (-90 = straight down, 0 = horizontal).
enum class DipConvention {
  negative_down,              ///< -90..90, negative below horizontal (internal convention)
  positive_down,              ///< -90..90, positive below horizontal
  inclination_from_vertical,  ///< 0..180 measured from straight down (0 = down, 90 = level)
  detect,                     ///< guessed by majority of the values, with a loud warning
};
[[nodiscard]] std::string_view to_string(DipConvention convention);
/// "negative_down", "positive_down", "inclination_from_vertical" or "auto"; throws
/// input.bad_option at `where` otherwise.
DipConvention parse_dip_convention(std::string_view text, const InputLocation& where = {});

/// What to do with below-detection strings such as "<0.01" in a value column.
struct BelowDetectionRule {
  enum class Kind { error, half, zero, value };
  Kind kind = Kind::error;  ///< error: each one is a finding (the default)
  double value = 0;         ///< the substitute for Kind::value
  /// "error", "half" (half the detection limit), "zero" or "value=X"; throws input.bad_option.
  static BelowDetectionRule parse(std::string_view text, const InputLocation& where = {});
  [[nodiscard]] std::string str() const;
};

/// Column-name overrides (empty = try the alias list of that field, case-insensitive; the
/// lists are in docs/drillholes.md and in kAliases below).
struct ColumnNames {
  std::string collar_hole_id, x, y, z, depth, collar_azimuth, collar_dip;
  std::string survey_hole_id, survey_at, survey_azimuth, survey_dip;
  std::string interval_hole_id, from, to;
};

/// Alias lists, tried in order; the first header name that matches wins.
struct Aliases {
  std::vector<std::string> hole_id{"HOLEID", "HOLE_ID", "BHID", "DHID", "HOLE"};
  std::vector<std::string> x{"X", "EAST", "EASTING", "XCOLLAR"};
  std::vector<std::string> y{"Y", "NORTH", "NORTHING", "YCOLLAR"};
  std::vector<std::string> z{"Z", "ELEV", "RL", "ELEVATION", "ZCOLLAR"};
  std::vector<std::string> depth{"DEPTH", "LENGTH", "EOH", "TOTAL_DEPTH", "MAX_DEPTH"};
  std::vector<std::string> at{"AT", "DEPTH", "DISTANCE", "MD"};
  std::vector<std::string> azimuth{"AZIMUTH", "AZM", "AZI", "BRG", "BEARING"};
  std::vector<std::string> dip{"DIP", "INCLINATION", "INCL"};
  std::vector<std::string> from{"FROM", "FROM_M", "DEPTH_FROM"};
  std::vector<std::string> to{"TO", "TO_M", "DEPTH_TO"};
};
[[nodiscard]] const Aliases& default_aliases();

/// The three drillhole tables (surveys optional: collars then carry azimuth and dip).
struct DrillholeFiles {
  std::string collars, surveys, assays;
};

struct DrillholeOptions {
  ColumnNames columns;                     ///< overrides filled from the project file
  std::vector<std::string> value_columns;  ///< empty = every other interval column
  std::string domain_column;               ///< empty = no domains
  DipConvention dip_convention = DipConvention::detect;
  BelowDetectionRule below_detection;
  /// Go on after errors: each is recorded as a warning (forced) and the record it concerns is
  /// left out (or, for a bad value, left unsampled).
  bool force = false;
  /// Depths closer than this are equal (interval contiguity, overlap, beyond-depth checks).
  double depth_tolerance_m = 1e-6;
  /// Codes that mean "no value" in the value columns (read as not sampled, and reported):
  /// numbers match by value (-99.0 is -99), texts case-insensitively.
  std::vector<std::string> missing_values{"-99",   "-999", "-9999", "-99999", "-1e21",
                                          "-1e30", "NS",   "NA",    "N/A",    "-"};
  /// Negative values (not missing codes): an error each (grades and most assays cannot be
  /// negative), or kept as numbers.
  bool keep_negative_values = false;
  /// Throws input.bad_option for a negative or non-finite tolerance or a value column named
  /// twice.
  void validate() const;
};

struct Collar {
  std::string hole_id;
  double x_m = 0, y_m = 0, z_m = 0;
  double depth_m = 0;
  InputLocation location;  ///< the collar row (column of the hole id)
};

/// A survey station; dip is converted to the internal convention (negative down).
struct SurveyStation {
  double at_m = 0;
  double azimuth_deg = 0;
  double dip_deg = -90;
  InputLocation location;
};

struct Interval {
  double from_m = 0, to_m = 0;
  std::vector<double> values;  ///< one per value column; NaN = not sampled
  std::string domain;
  InputLocation location;  ///< the row (column of FROM)
};

/// One hole: surveys and intervals sorted by depth. A hole without surveys carries the
/// collar's azimuth/dip as one station at 0 m when the collar table has those columns.
struct Hole {
  Collar collar;
  std::vector<SurveyStation> surveys;
  std::vector<Interval> intervals;
  bool surveys_from_collar = false;  ///< the one station came from the collar table
};

/// The severities of the error-code table (core/error_codes.hpp).
using lodeline::Severity;
[[nodiscard]] inline std::string_view to_string(Severity severity) {
  return severity_name(severity);
}

struct Finding {
  Severity severity = Severity::error;
  std::string code;
  std::string message;
  InputLocation location;
  bool forced = false;  ///< an error recorded as a warning because of force
  /// "file:line:col: error[code]: message" ("warning"/"note" for the others).
  [[nodiscard]] std::string formatted() const;
};

struct DipVotes {
  std::size_t negative = 0;        ///< values < 0: negative_down
  std::size_t steep_positive = 0;  ///< values in (45, 90]: positive_down
  std::size_t small_positive = 0;  ///< values in [0, 45) or (90, 180]: inclination_from_vertical
  std::size_t undecided = 0;       ///< exactly 45
};

struct ValidationCounts {
  std::size_t collar_rows = 0, survey_rows = 0, interval_rows = 0;
  std::size_t holes = 0;               ///< collars kept
  std::size_t holes_without_data = 0;  ///< collars without intervals
  std::size_t holes_without_survey = 0;
  std::size_t intervals = 0;     ///< intervals kept
  double interval_length_m = 0;  ///< sum of TO - FROM of the kept intervals
  std::size_t gaps = 0;
  double gap_length_m = 0;
  std::vector<std::size_t> below_detection;  ///< per value column
  std::vector<std::size_t> empty_values;     ///< per value column: blank = not sampled
  std::vector<std::size_t> bad_values;       ///< per value column: non-numeric (errors)
  std::vector<std::size_t> missing_values;   ///< per value column: missing_values codes
  /// Per value column: length of the kept intervals without a value (blank, missing code, or
  /// a bad value kept by force); the gaps between intervals are gap_length_m.
  std::vector<double> no_value_length_m;
  std::size_t errors = 0, warnings = 0, notes = 0;
};

struct ValidationReport {
  std::vector<Finding> findings;  ///< ordered by table (collars, surveys, intervals), line, col
  ValidationCounts counts;
  DipConvention declared_convention = DipConvention::detect;
  DipConvention used_convention = DipConvention::negative_down;
  DipVotes votes;
  BelowDetectionRule below_detection;
  bool forced = false;
};

struct DrillholeDatabase {
  std::vector<Hole> holes;  ///< in collar-file order
  std::vector<std::string> value_names;
  std::string domain_name;  ///< empty when no domain column
  std::string collar_file, survey_file, interval_file;
  ValidationReport report;
};

/// Builds and validates the database from parsed tables (`surveys` may be null). Structural
/// problems (missing columns) throw at once; data findings are collected over the whole
/// input. Unless options.force, any error finding throws lodeline::Error: the first finding,
/// with the next ones in `more` and their number in `total`. Warnings (and forced errors) are
/// also recorded in `diagnostics`.
DrillholeDatabase build_database(const io::CsvTable& collars, const io::CsvTable* surveys,
                                 const io::CsvTable& intervals, const DrillholeOptions& options,
                                 Diagnostics& diagnostics);

/// Reads the three CSV files (`surveys_path` empty = no survey table) and calls
/// build_database.
DrillholeDatabase read_drillholes(const std::string& collars_path, const std::string& surveys_path,
                                  const std::string& intervals_path,
                                  const DrillholeOptions& options, Diagnostics& diagnostics);

/// Index of a value column by name (case-sensitive as in the header), or npos.
[[nodiscard]] std::size_t value_index(const DrillholeDatabase& db, std::string_view name);

inline constexpr double kNotSampled = std::numeric_limits<double>::quiet_NaN();

}  // namespace lodeline::drillhole
