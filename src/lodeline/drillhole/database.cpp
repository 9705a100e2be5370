// SPDX-License-Identifier: Apache-2.0
// Reading and validating collar, survey and interval tables: every finding with its location.
#include "lodeline/drillhole/database.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "lodeline/core/names.hpp"
#include "lodeline/drillhole/option_table.hpp"

namespace lodeline::drillhole {
namespace {

constexpr int kCollarTable = 0, kSurveyTable = 1, kIntervalTable = 2;

struct KeyedFinding {
  int table = 0;
  Finding finding;
};

class Findings {
 public:
  void add(int table, Severity severity, std::string code, std::string message,
           InputLocation location) {
    items.push_back({table, {severity, std::move(code), std::move(message), std::move(location)}});
  }
  void error(int table, std::string code, std::string message, InputLocation location) {
    add(table, Severity::error, std::move(code), std::move(message), std::move(location));
  }
  void warning(int table, std::string code, std::string message, InputLocation location) {
    add(table, Severity::warning, std::move(code), std::move(message), std::move(location));
  }
  void note(int table, std::string code, std::string message, InputLocation location) {
    add(table, Severity::note, std::move(code), std::move(message), std::move(location));
  }
  std::vector<KeyedFinding> items;
};

std::size_t column_of(const io::CsvTable& table, const std::string& override_name,
                      const std::vector<std::string>& aliases, const std::string& what) {
  if (!override_name.empty()) return table.require_column({override_name}, what);
  return table.require_column(aliases, what);
}

std::optional<std::size_t> optional_column(const io::CsvTable& table,
                                           const std::string& override_name,
                                           const std::vector<std::string>& aliases,
                                           const std::string& what) {
  if (!override_name.empty()) return table.require_column({override_name}, what);
  return table.find_column(aliases);
}

/// The field as a number, or a bad_number finding (same wording as CsvTable::number).
std::optional<double> number_field(const io::CsvTable& table, const io::CsvRow& row,
                                   std::size_t col, int table_index, Findings& findings) {
  const std::string& text = row.fields.at(col).text;
  if (auto v = io::parse_double(text)) return v;
  findings.error(table_index, "input.bad_number",
                 fmt::format("field '{}' is '{}', expected a number", table.header().at(col), text),
                 table.location(row, col));
  return std::nullopt;
}

std::string plural(std::size_t n, const char* word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

struct DipRange {
  double lo, hi;
};
DipRange dip_range(DipConvention c) {
  return c == DipConvention::inclination_from_vertical ? DipRange{0, 180} : DipRange{-90, 90};
}
double to_internal_dip(DipConvention c, double value) {
  switch (c) {
    case DipConvention::positive_down:
      return -value;
    case DipConvention::inclination_from_vertical:
      return value - 90;
    default:
      return value;
  }
}

/// A raw orientation read from a collar or survey row, converted once the convention is known.
struct RawStation {
  std::string hole_id;
  double at_m = 0;
  double azimuth_deg = 0, dip_raw = 0;
  InputLocation location, azimuth_location, dip_location;
  int table = 0;
};

struct CollarColumns {
  std::size_t id = 0, x = 0, y = 0, z = 0, depth = 0;
  std::optional<std::size_t> azimuth, dip;  // both or neither
};

struct SurveyColumns {
  std::size_t id = 0, at = 0, azimuth = 0, dip = 0;
};

struct IntervalColumns {
  std::size_t id = 0, from = 0, to = 0;
  std::optional<std::size_t> domain;
  std::vector<std::size_t> values;
};

/// Structural problems throw at once.
CollarColumns collar_columns(const io::CsvTable& collars, const ColumnNames& names,
                             const Aliases& alias) {
  CollarColumns c;
  c.id = column_of(collars, names.collar_hole_id, alias.hole_id, "hole id");
  c.x = column_of(collars, names.x, alias.x, "collar x (easting)");
  c.y = column_of(collars, names.y, alias.y, "collar y (northing)");
  c.z = column_of(collars, names.z, alias.z, "collar z (elevation)");
  c.depth = column_of(collars, names.depth, alias.depth, "hole depth");
  c.azimuth = optional_column(collars, names.collar_azimuth, alias.azimuth, "azimuth");
  c.dip = optional_column(collars, names.collar_dip, alias.dip, "dip");
  if (c.azimuth.has_value() != c.dip.has_value())
    throw Error("input.missing_column",
                fmt::format("collar table has {} column '{}' but no {} column, expected both "
                            "azimuth and dip or neither",
                            c.azimuth ? "an azimuth" : "a dip",
                            collars.header()[c.azimuth ? *c.azimuth : *c.dip],
                            c.azimuth ? "dip" : "azimuth"),
                {collars.file(), collars.header_line(), 1});
  return c;
}

SurveyColumns survey_columns(const io::CsvTable* surveys, const ColumnNames& names,
                             const Aliases& alias) {
  SurveyColumns c;
  if (!surveys) return c;
  c.id = column_of(*surveys, names.survey_hole_id, alias.hole_id, "hole id");
  c.at = column_of(*surveys, names.survey_at, alias.at, "survey depth (AT)");
  c.azimuth = column_of(*surveys, names.survey_azimuth, alias.azimuth, "azimuth");
  c.dip = column_of(*surveys, names.survey_dip, alias.dip, "dip");
  return c;
}

/// The value columns: those named, or every column but hole id, FROM, TO and domain.
std::vector<std::size_t> value_columns(const io::CsvTable& intervals, const IntervalColumns& c,
                                       const std::vector<std::string>& named) {
  std::vector<std::size_t> out;
  if (named.empty()) {
    for (std::size_t k = 0; k < intervals.header().size(); ++k)
      if (k != c.id && k != c.from && k != c.to && (!c.domain || k != *c.domain)) out.push_back(k);
    return out;
  }
  for (const auto& name : named) {
    const std::size_t k = intervals.require_column({name}, "value");
    if (k == c.id || k == c.from || k == c.to || (c.domain && k == *c.domain))
      throw Error("input.bad_option",
                  fmt::format("value column '{}' is the hole id, FROM, TO or domain column, "
                              "expected a value column",
                              name));
    out.push_back(k);
  }
  return out;
}

IntervalColumns interval_columns(const io::CsvTable& intervals, const DrillholeOptions& options,
                                 const Aliases& alias) {
  const ColumnNames& names = options.columns;
  IntervalColumns c;
  c.id = column_of(intervals, names.interval_hole_id, alias.hole_id, "hole id");
  c.from = column_of(intervals, names.from, alias.from, "FROM");
  c.to = column_of(intervals, names.to, alias.to, "TO");
  if (!options.domain_column.empty())
    c.domain = intervals.require_column({options.domain_column}, "domain");
  c.values = value_columns(intervals, c, options.value_columns);
  return c;
}

/// A hole named in a survey or interval table without a collar: one finding per hole.
struct Orphan {
  InputLocation first;
  std::size_t rows = 0;
};
using Orphans = std::map<std::string, Orphan>;

void add_orphan(Orphans& orphans, const std::string& id, const InputLocation& where) {
  auto [it, inserted] = orphans.try_emplace(id);
  if (inserted) it->second.first = where;
  ++it->second.rows;
}

/// An interval read, before overlaps and gaps are checked.
struct RawInterval {
  Interval interval;
  InputLocation to_location;
};

/// The state of building one database from its three tables.
/// The missing_values codes split once into numbers (matched by value: -99.0 is -99) and
/// texts (matched ignoring case).
struct MissingCodes {
  std::vector<double> numbers;
  std::vector<std::string> texts;
  static MissingCodes of(const std::vector<std::string>& codes) {
    MissingCodes out;
    for (const auto& code : codes) {
      if (const auto number = io::parse_double(code))
        out.numbers.push_back(*number);
      else
        out.texts.push_back(code);
    }
    return out;
  }
};

struct Build {
  Build(const io::CsvTable& collar_table, const io::CsvTable* survey_table,
        const io::CsvTable& interval_table, const DrillholeOptions& build_options)
      : collars(collar_table),
        surveys(survey_table),
        intervals(interval_table),
        options(build_options),
        missing_codes(MissingCodes::of(build_options.missing_values)) {}

  const io::CsvTable& collars;
  const io::CsvTable* surveys;
  const io::CsvTable& intervals;
  const DrillholeOptions& options;
  MissingCodes missing_codes;  ///< options.missing_values, parsed once
  Findings findings;
  DrillholeDatabase db;
  std::unordered_map<std::string, std::size_t> hole_of;  // id -> index in db.holes
  std::set<std::string> rejected;                        // ids whose collar row was unusable
  std::vector<RawStation> raw_stations;                  // collar stations, then survey ones
  std::size_t first_survey_station = 0;
  Orphans survey_orphans, interval_orphans;
  std::vector<std::vector<RawInterval>> per_hole;
  /// Per value column: the first missing-value code read and where.
  std::vector<std::pair<std::string, InputLocation>> first_missing;
  /// Per value column: numbers read, and the findings of its non-numeric values.
  std::vector<std::size_t> numbers_read;
  std::vector<std::vector<KeyedFinding>> bad_value_findings;
  /// Per value column, under below_detection = error: where its "<X" values are.
  std::vector<std::vector<std::pair<std::string, InputLocation>>> below_detection_found;

  ValidationCounts& counts() { return db.report.counts; }
};

/// The hole of one collar row, or nullopt (with findings) when the row is unusable.
std::optional<Hole> collar_hole(Build& b, const io::CsvRow& row, const CollarColumns& c) {
  const io::CsvTable& collars = b.collars;
  const std::string& id = row.fields[c.id].text;
  const InputLocation where = collars.location(row, c.id);
  const auto x = number_field(collars, row, c.x, kCollarTable, b.findings);
  const auto y = number_field(collars, row, c.y, kCollarTable, b.findings);
  const auto z = number_field(collars, row, c.z, kCollarTable, b.findings);
  const auto depth = number_field(collars, row, c.depth, kCollarTable, b.findings);
  std::optional<double> azm, dip;
  if (c.azimuth) {
    azm = number_field(collars, row, *c.azimuth, kCollarTable, b.findings);
    dip = number_field(collars, row, *c.dip, kCollarTable, b.findings);
  }
  bool ok = x && y && z && depth && (!c.azimuth || (azm && dip));
  if (depth && *depth <= 0) {
    b.findings.error(kCollarTable, "input.bad_depth",
                     fmt::format("hole depth is {} m, expected a depth > 0", *depth),
                     collars.location(row, c.depth));
    ok = false;
  }
  if (!ok) return std::nullopt;
  if (c.azimuth)
    b.raw_stations.push_back({id, 0.0, *azm, *dip, where, collars.location(row, *c.azimuth),
                              collars.location(row, *c.dip), kCollarTable});
  Hole hole;
  hole.collar = {id, *x, *y, *z, *depth, where};
  return hole;
}

void read_collars(Build& b, const CollarColumns& c) {
  b.counts().collar_rows = b.collars.rows().size();
  for (const auto& row : b.collars.rows()) {
    const std::string& id = row.fields[c.id].text;
    const InputLocation where = b.collars.location(row, c.id);
    if (id.empty()) {
      b.findings.error(kCollarTable, "input.bad_id", "hole id is empty, expected a name", where);
      continue;
    }
    if (auto it = b.hole_of.find(id); it != b.hole_of.end()) {
      b.findings.error(kCollarTable, "input.duplicate_hole",
                       fmt::format("hole '{}' is listed again (first at {}), expected one collar "
                                   "row per hole",
                                   id, b.db.holes[it->second].collar.location.str()),
                       where);
      continue;
    }
    auto hole = collar_hole(b, row, c);
    if (!hole) {
      b.rejected.insert(id);
      continue;
    }
    b.hole_of.emplace(id, b.db.holes.size());
    b.db.holes.push_back(std::move(*hole));
  }
  b.counts().holes = b.db.holes.size();
}

/// Survey rows as raw stations (converted once the dip convention is known).
void read_surveys(Build& b, const SurveyColumns& c) {
  b.first_survey_station = b.raw_stations.size();
  if (!b.surveys) return;
  const io::CsvTable& surveys = *b.surveys;
  b.counts().survey_rows = surveys.rows().size();
  for (const auto& row : surveys.rows()) {
    const std::string& id = row.fields[c.id].text;
    const InputLocation where = surveys.location(row, c.id);
    if (id.empty()) {
      b.findings.error(kSurveyTable, "input.bad_id", "hole id is empty, expected a name", where);
      continue;
    }
    const bool known = b.hole_of.count(id) != 0;
    if (!known && !b.rejected.count(id)) add_orphan(b.survey_orphans, id, where);
    const auto at = number_field(surveys, row, c.at, kSurveyTable, b.findings);
    const auto azm = number_field(surveys, row, c.azimuth, kSurveyTable, b.findings);
    const auto dip = number_field(surveys, row, c.dip, kSurveyTable, b.findings);
    if (!at || !azm || !dip || !known) continue;
    if (*at < 0) {
      b.findings.error(kSurveyTable, "input.bad_depth",
                       fmt::format("survey depth is {} m, expected a depth >= 0", *at),
                       surveys.location(row, c.at));
      continue;
    }
    b.raw_stations.push_back({id, *at, *azm, *dip, surveys.location(row, c.at),
                              surveys.location(row, c.azimuth), surveys.location(row, c.dip),
                              kSurveyTable});
  }
}

void count_dip_votes(const std::vector<RawStation>& stations, DipVotes& votes) {
  for (const auto& s : stations) {
    if (s.dip_raw < 0)
      ++votes.negative;
    else if (s.dip_raw > 45 && s.dip_raw <= 90)
      ++votes.steep_positive;
    else if (s.dip_raw == 45)
      ++votes.undecided;
    else
      ++votes.small_positive;
  }
}

/// Dip convention: declared, or the majority of every dip value read.
void choose_dip_convention(Build& b) {
  ValidationReport& report = b.db.report;
  count_dip_votes(b.raw_stations, report.votes);
  report.used_convention = b.options.dip_convention;
  if (b.options.dip_convention != DipConvention::detect) return;
  const DipVotes& v = report.votes;
  const std::size_t total = v.negative + v.steep_positive + v.small_positive + v.undecided;
  const bool on_surveys = b.surveys && b.counts().survey_rows > 0;
  const InputLocation where = on_surveys
                                  ? InputLocation{b.surveys->file(), b.surveys->header_line(), 0}
                                  : InputLocation{b.collars.file(), b.collars.header_line(), 0};
  const int table = on_surveys ? kSurveyTable : kCollarTable;
  const std::string tally =
      fmt::format("{} negative, {} in (45,90], {} in [0,45) or (90,180], {} at 45", v.negative,
                  v.steep_positive, v.small_positive, v.undecided);
  const std::size_t best = std::max({v.negative, v.steep_positive, v.small_positive});
  const int winners =
      (v.negative == best) + (v.steep_positive == best) + (v.small_positive == best);
  report.used_convention = DipConvention::negative_down;
  if (total == 0)
    return;  // nothing to read: every hole is vertical; the convention does not matter
  if (winners > 1) {
    b.findings.error(table, "input.ambiguous_dip_convention",
                     fmt::format("dip convention cannot be guessed from {} dip values ({}), "
                                 "expected it declared (negative_down, positive_down or "
                                 "inclination_from_vertical)",
                                 total, tally),
                     where);
    return;
  }
  report.used_convention = best == v.negative         ? DipConvention::negative_down
                           : best == v.steep_positive ? DipConvention::positive_down
                                                      : DipConvention::inclination_from_vertical;
  b.findings.warning(table, "input.dip_convention_guessed",
                     fmt::format("DIP CONVENTION GUESSED as {} from {} of {} dip values ({}); "
                                 "declare the convention to make this certain",
                                 to_string(report.used_convention), best, total, tally),
                     where);
}

/// Whether a raw dip points up under `c` (the hole would rise above its collar there).
bool points_up(double dip_raw, DipConvention c) {
  switch (c) {
    case DipConvention::negative_down:
      return dip_raw > 0;
    case DipConvention::positive_down:
      return dip_raw < 0;
    case DipConvention::inclination_from_vertical:
      return dip_raw > 90 && dip_raw <= 180;
    case DipConvention::detect:
      break;
  }
  return false;
}

/// Dips that point up under the convention in use: drillholes from surface go down, so these
/// mean the convention is wrong (every hole, when most of them) or the set is mixed. One error
/// with the count and the setting; `force` keeps them (underground holes drilled upward).
void check_dips_point_down(Build& b) {
  const DipConvention used = b.db.report.used_convention;
  std::size_t up = 0, total = 0;
  const RawStation* first = nullptr;
  for (const auto& s : b.raw_stations) {
    ++total;
    if (!points_up(s.dip_raw, used)) continue;
    if (up++ == 0) first = &s;
  }
  const bool ambiguous = std::any_of(
      b.findings.items.begin(), b.findings.items.end(),
      [](const KeyedFinding& k) { return k.finding.code == "input.ambiguous_dip_convention"; });
  if (up == 0 || ambiguous) return;
  const bool declared = b.options.dip_convention != DipConvention::detect;
  const std::string how = declared ? "declared" : "guessed";
  const std::string fix =
      up * 2 >= total ? "set dip_convention (--dip-convention) to the convention of the data"
                      : "correct the sign of those dips, or set force to keep holes drilled upward";
  b.findings.error(
      first->table, "input.dip_points_up",
      fmt::format("{} of {} dips point upward under the {} dip convention {} "
                  "(first: hole '{}', dip {}): the holes would rise above their "
                  "collars, expected every hole to go down; {}",
                  up, total, how, to_string(used), first->hole_id, first->dip_raw, fix),
      first->dip_location);
}

/// Whether the station's azimuth and dip are in range (findings otherwise).
bool station_in_range(Build& b, const RawStation& s, const DipRange& range, DipConvention used) {
  bool ok = true;
  if (!(s.azimuth_deg >= 0 && s.azimuth_deg < 360)) {
    b.findings.error(
        s.table, "input.bad_azimuth",
        fmt::format("azimuth is {} degrees, expected 0 <= azimuth < 360", s.azimuth_deg),
        s.azimuth_location);
    ok = false;
  }
  if (!(s.dip_raw >= range.lo && s.dip_raw <= range.hi)) {
    b.findings.error(s.table, "input.bad_dip",
                     fmt::format("dip is {} degrees, expected {} to {} (dip convention {})",
                                 s.dip_raw, range.lo, range.hi, to_string(used)),
                     s.dip_location);
    ok = false;
  }
  return ok;
}

/// A survey-table station onto its hole: within the hole's depth, one per depth.
void attach_survey_station(Build& b, const RawStation& s, const SurveyStation& station, Hole& hole,
                           std::map<double, InputLocation>& depths) {
  if (hole.surveys_from_collar) {  // a survey table entry replaces the collar orientation
    hole.surveys.clear();
    hole.surveys_from_collar = false;
  }
  if (s.at_m > hole.collar.depth_m + b.options.depth_tolerance_m) {
    b.findings.error(kSurveyTable, "input.survey_beyond_depth",
                     fmt::format("survey at {} m is beyond the hole depth {} m ({})", s.at_m,
                                 hole.collar.depth_m, hole.collar.location.str()),
                     s.location);
    if (!b.options.force) return;
  }
  if (auto it = depths.find(s.at_m); it != depths.end()) {
    b.findings.error(kSurveyTable, "input.duplicate_survey",
                     fmt::format("survey at {} m of hole '{}' is listed again (first at {}), "
                                 "expected one station per depth",
                                 s.at_m, s.hole_id, it->second.str()),
                     s.location);
    return;
  }
  depths.emplace(s.at_m, s.location);
  hole.surveys.push_back(station);
}

/// Convert and check stations; attach them to their holes.
void attach_stations(Build& b) {
  const DipConvention used = b.db.report.used_convention;
  const DipRange range = dip_range(used);
  std::vector<std::map<double, InputLocation>> station_depths(b.db.holes.size());
  for (std::size_t k = 0; k < b.raw_stations.size(); ++k) {
    const RawStation& s = b.raw_stations[k];
    if (!station_in_range(b, s, range, used)) continue;
    const std::size_t h = b.hole_of.at(s.hole_id);
    Hole& hole = b.db.holes[h];
    const SurveyStation station{s.at_m, s.azimuth_deg, to_internal_dip(used, s.dip_raw),
                                s.location};
    if (k < b.first_survey_station) {  // collar orientation: a one-station survey at 0 m
      hole.surveys.push_back(station);
      hole.surveys_from_collar = true;
      continue;
    }
    attach_survey_station(b, s, station, hole, station_depths[h]);
  }
}

/// Surveys by depth; a hole without survey is vertical, one not surveyed at 0 m is warned of.
void order_surveys(Build& b) {
  const double tol = b.options.depth_tolerance_m;
  for (auto& hole : b.db.holes) {
    std::stable_sort(
        hole.surveys.begin(), hole.surveys.end(),
        [](const SurveyStation& x, const SurveyStation& y) { return x.at_m < y.at_m; });
    if (hole.surveys.empty()) {
      ++b.counts().holes_without_survey;
      b.findings.note(kCollarTable, "input.no_survey",
                      fmt::format("hole '{}' has no survey, taken as vertical (dip -90) from the "
                                  "collar",
                                  hole.collar.hole_id),
                      hole.collar.location);
    } else if (hole.surveys.front().at_m > tol) {
      b.findings.warning(kSurveyTable, "input.survey_not_at_collar",
                         fmt::format("first survey of hole '{}' is at {} m, expected one at 0 m; "
                                     "its direction is used from the collar down",
                                     hole.collar.hole_id, hole.surveys.front().at_m),
                         hole.surveys.front().location);
    }
  }
}

/// "<X" with X > 0: replaced by the below-detection rule, or an error under rule 'error'.
/// False when the text is not a below-detection value.
bool read_below_detection(Build& b, const io::CsvRow& row, std::size_t v, std::size_t col,
                          Interval& iv) {
  const std::string& text = row.fields[col].text;
  if (text.front() != '<') return false;
  const auto limit = io::parse_double(std::string_view(text).substr(1));
  if (!limit || *limit <= 0) return false;
  ++b.counts().below_detection[v];
  const std::string& name = b.db.value_names[v];
  const BelowDetectionRule& rule = b.options.below_detection;
  if (rule.kind == BelowDetectionRule::Kind::error) {
    b.below_detection_found[v].emplace_back(text, b.intervals.location(row, col));
    return true;
  }
  const double value = rule.kind == BelowDetectionRule::Kind::half   ? *limit / 2
                       : rule.kind == BelowDetectionRule::Kind::zero ? 0.0
                                                                     : rule.value;
  iv.values[v] = value;
  b.findings.note(kIntervalTable, "input.below_detection_replaced",
                  fmt::format("field '{}' is '{}' (below detection), replaced by {} (rule "
                              "{})",
                              name, text, value, rule.str()),
                  b.intervals.location(row, col));
  return true;
}

/// Whether `text` (its number, when it is one) is one of the missing_values codes.
bool is_missing_code(const MissingCodes& codes, const std::string& text,
                     const std::optional<double>& number) {
  if (number)
    return std::find(codes.numbers.begin(), codes.numbers.end(), *number) != codes.numbers.end();
  return std::any_of(codes.texts.begin(), codes.texts.end(),
                     [&](const std::string& code) { return equal_ignoring_case(code, text); });
}

/// A missing_values code: not sampled, counted; the first one's location is kept for the report.
void read_missing_code(Build& b, const io::CsvRow& row, std::size_t v, std::size_t col) {
  if (b.counts().missing_values[v]++ == 0)
    b.first_missing[v] = {row.fields[col].text, b.intervals.location(row, col)};
}

/// A negative number: an error (grades cannot be negative) unless keep_negative_values.
void check_not_negative(Build& b, const io::CsvRow& row, std::size_t v, std::size_t col,
                        double value) {
  if (value >= 0 || b.options.keep_negative_values) return;
  b.findings.error(kIntervalTable, "input.negative_value",
                   fmt::format("field '{}' is {}, expected a value >= 0; a code for 'no value' "
                               "belongs in missing_values, a column that may be negative needs "
                               "keep_negative_values",
                               b.db.value_names[v], row.fields[col].text),
                   b.intervals.location(row, col));
}

/// The value fields of an interval row: blank (not sampled), a missing-value code, a number,
/// below detection, or bad.
void read_interval_values(Build& b, const io::CsvRow& row, const IntervalColumns& c, Interval& iv) {
  for (std::size_t v = 0; v < c.values.size(); ++v) {
    const std::size_t col = c.values[v];
    const std::string& text = row.fields[col].text;
    if (text.empty()) {
      ++b.counts().empty_values[v];
      continue;
    }
    const auto value = io::parse_double(text);
    if (is_missing_code(b.missing_codes, text, value)) {
      read_missing_code(b, row, v, col);
      continue;
    }
    if (value) {
      ++b.numbers_read[v];
      check_not_negative(b, row, v, col, *value);
      iv.values[v] = *value;
      continue;
    }
    if (read_below_detection(b, row, v, col, iv)) continue;
    ++b.counts().bad_values[v];
    b.bad_value_findings[v].push_back(
        {kIntervalTable,
         {Severity::error, "input.bad_number",
          fmt::format("field '{}' is '{}', expected a number", b.db.value_names[v], text),
          b.intervals.location(row, col)}});
  }
}

/// FROM and TO of an interval of a known hole: FROM >= 0, FROM < TO, TO within the hole.
/// False (with a finding) when the interval is left out.
bool check_interval_depths(Build& b, double from, double to, std::size_t h,
                           const InputLocation& from_where, const InputLocation& to_where) {
  if (from < 0) {
    b.findings.error(kIntervalTable, "input.bad_depth",
                     fmt::format("FROM is {} m, expected a depth >= 0", from), from_where);
    return false;
  }
  if (from >= to) {
    b.findings.error(kIntervalTable, "input.bad_interval",
                     fmt::format("interval FROM {} m TO {} m, expected FROM < TO", from, to),
                     to_where);
    return false;
  }
  const Collar& collar = b.db.holes[h].collar;
  if (to > collar.depth_m + b.options.depth_tolerance_m)
    b.findings.error(kIntervalTable, "input.beyond_depth",
                     fmt::format("TO is {} m, beyond the hole depth {} m ({})", to, collar.depth_m,
                                 collar.location.str()),
                     to_where);
  return true;
}

void read_interval_row(Build& b, const io::CsvRow& row, const IntervalColumns& c) {
  const io::CsvTable& intervals = b.intervals;
  const std::string& id = row.fields[c.id].text;
  const InputLocation where = intervals.location(row, c.id);
  if (id.empty()) {
    b.findings.error(kIntervalTable, "input.bad_id", "hole id is empty, expected a name", where);
    return;
  }
  const auto it = b.hole_of.find(id);
  if (it == b.hole_of.end() && !b.rejected.count(id)) add_orphan(b.interval_orphans, id, where);
  const auto from = number_field(intervals, row, c.from, kIntervalTable, b.findings);
  const auto to = number_field(intervals, row, c.to, kIntervalTable, b.findings);
  Interval iv;
  iv.values.assign(c.values.size(), kNotSampled);
  iv.location = intervals.location(row, c.from);
  if (c.domain) iv.domain = row.fields[*c.domain].text;
  read_interval_values(b, row, c, iv);
  if (!from || !to || it == b.hole_of.end()) return;
  const InputLocation to_where = intervals.location(row, c.to);
  if (!check_interval_depths(b, *from, *to, it->second, iv.location, to_where)) return;
  iv.from_m = *from;
  iv.to_m = *to;
  b.per_hole[it->second].push_back({std::move(iv), to_where});
}

/// Non-numeric values, per value column: each is a finding, except in a column that holds no
/// number at all (a sample id, a lithology code): that column is no value column, which is
/// one error naming the setting, instead of one per row.
void report_bad_values(Build& b) {
  for (std::size_t v = 0; v < b.bad_value_findings.size(); ++v) {
    auto& bad = b.bad_value_findings[v];
    if (bad.empty()) continue;
    if (b.numbers_read[v] > 0 || bad.size() == 1) {
      for (auto& f : bad) b.findings.items.push_back(std::move(f));
      continue;
    }
    const Finding& first = bad.front().finding;
    b.findings.error(kIntervalTable, "input.not_a_value_column",
                     fmt::format("column '{}' holds no number in any of its {} filled rows "
                                 "(first: {}), expected grades: name the value columns "
                                 "(--values / [drillholes] value)",
                                 b.db.value_names[v], bad.size(), first.message),
                     first.location);
  }
}

/// Under below_detection = error: one "<X" value is refused where it is; many in a column
/// become one error with the count, the first places and the setting that fixes them all.
void report_below_detection(Build& b) {
  for (std::size_t v = 0; v < b.below_detection_found.size(); ++v) {
    const auto& found = b.below_detection_found[v];
    if (found.empty()) continue;
    const std::string& name = b.db.value_names[v];
    if (found.size() == 1) {
      b.findings.error(kIntervalTable, "input.below_detection",
                       fmt::format("field '{}' is '{}' (below detection), expected a number "
                                   "or a below-detection rule (half, zero or value=X)",
                                   name, found.front().first),
                       found.front().second);
      continue;
    }
    std::string lines;
    for (std::size_t i = 0; i < std::min<std::size_t>(found.size(), 3); ++i)
      lines += fmt::format("{}{}", i == 0 ? "" : ", ", found[i].second.line);
    b.findings.error(
        kIntervalTable, "input.below_detection",
        fmt::format("column '{}' has {} below-detection values such as '{}' (lines {}, ...), "
                    "expected numbers: choose how to read them with --below-detection / "
                    "[drillholes] below_detection = half | zero | value=X",
                    name, found.size(), found.front().first, lines),
        found.front().second);
  }
}

void read_intervals(Build& b, const IntervalColumns& c) {
  b.per_hole.resize(b.db.holes.size());
  b.counts().interval_rows = b.intervals.rows().size();
  for (const auto& row : b.intervals.rows()) read_interval_row(b, row, c);
  report_bad_values(b);
  report_below_detection(b);
}

void report_orphans(Build& b) {
  for (const auto& [id, o] : b.survey_orphans)
    b.findings.error(kSurveyTable, "input.no_collar",
                     fmt::format("hole '{}' has no collar row ({}), expected it in {}", id,
                                 plural(o.rows, "survey station"), b.collars.file()),
                     o.first);
  for (const auto& [id, o] : b.interval_orphans)
    b.findings.error(kIntervalTable, "input.no_collar",
                     fmt::format("hole '{}' has no collar row ({}), expected it in {}", id,
                                 plural(o.rows, "interval"), b.collars.file()),
                     o.first);
}

/// Whether the interval follows the previous one of the hole: an overlap is left out (false),
/// a gap is recorded as unsampled.
bool follows_previous(Build& b, const Hole& hole, const Interval& iv) {
  if (hole.intervals.empty()) return true;
  const double tol = b.options.depth_tolerance_m;
  const Interval& prev = hole.intervals.back();
  if (iv.from_m < prev.to_m - tol) {
    b.findings.error(kIntervalTable, "input.overlap",
                     fmt::format("interval {}-{} m overlaps the previous interval {}-{} m of "
                                 "hole '{}' ({}), expected intervals not to overlap",
                                 iv.from_m, iv.to_m, prev.from_m, prev.to_m, hole.collar.hole_id,
                                 prev.location.str()),
                     iv.location);
    return false;
  }
  if (iv.from_m > prev.to_m + tol) {
    ++b.counts().gaps;
    b.counts().gap_length_m += iv.from_m - prev.to_m;
    b.findings.warning(kIntervalTable, "input.gap",
                       fmt::format("gap from {} m to {} m in hole '{}' (no interval), "
                                   "recorded as unsampled",
                                   prev.to_m, iv.from_m, hole.collar.hole_id),
                       iv.location);
  }
  return true;
}

/// Per hole: order by FROM, then overlaps (left out) and gaps (unsampled).
void attach_intervals(Build& b) {
  ValidationCounts& counts = b.counts();
  for (std::size_t h = 0; h < b.db.holes.size(); ++h) {
    auto& list = b.per_hole[h];
    std::stable_sort(list.begin(), list.end(), [](const RawInterval& x, const RawInterval& y) {
      return x.interval.from_m < y.interval.from_m;
    });
    Hole& hole = b.db.holes[h];
    for (auto& raw : list) {
      Interval& iv = raw.interval;
      if (!follows_previous(b, hole, iv)) continue;
      counts.interval_length_m += iv.to_m - iv.from_m;
      for (std::size_t v = 0; v < iv.values.size(); ++v)
        if (std::isnan(iv.values[v])) counts.no_value_length_m[v] += iv.to_m - iv.from_m;
      hole.intervals.push_back(std::move(iv));
    }
    counts.intervals += hole.intervals.size();
    if (hole.intervals.empty()) {
      ++counts.holes_without_data;
      b.findings.warning(
          kCollarTable, "input.collar_without_data",
          fmt::format("hole '{}' has no intervals in {}", hole.collar.hole_id, b.intervals.file()),
          hole.collar.location);
    }
  }
}

/// Findings in table, line, column order: errors stop the build unless forced (then they are
/// recorded as forced warnings); warnings go to the diagnostics.
void record_findings(Build& b, Diagnostics& diagnostics) {
  auto& items = b.findings.items;
  std::stable_sort(items.begin(), items.end(), [](const KeyedFinding& x, const KeyedFinding& y) {
    if (x.table != y.table) return x.table < y.table;
    if (x.finding.location.line != y.finding.location.line)
      return x.finding.location.line < y.finding.location.line;
    return x.finding.location.column < y.finding.location.column;
  });
  ErrorList errors(20);
  for (auto& k : items) {
    Finding& f = k.finding;
    if (f.severity == Severity::error) errors.add(Error(f.code, f.message, f.location));
  }
  if (!errors.empty() && !b.options.force) errors.throw_if_any();
  ValidationCounts& counts = b.counts();
  for (auto& k : items) {
    Finding& f = k.finding;
    if (f.severity == Severity::error) {
      f.severity = Severity::warning;
      f.forced = true;
    }
    if (f.severity == Severity::warning) {
      ++counts.warnings;
      diagnostics.warn(f.code, f.message, f.location);
    } else {
      ++counts.notes;
    }
    if (f.forced) ++counts.errors;
    b.db.report.findings.push_back(std::move(f));
  }
}

/// One warning per value column that held missing-value codes: the count, the first, the fix.
void report_missing_codes(Build& b) {
  for (std::size_t v = 0; v < b.first_missing.size(); ++v) {
    const std::size_t n = b.counts().missing_values[v];
    if (n == 0) continue;
    const auto& [code, where] = b.first_missing[v];
    b.findings.warning(
        kIntervalTable, "input.missing_values_read",
        fmt::format("{} of '{}' {} (first: '{}'), read as not sampled; "
                    "missing_values sets the codes",
                    n == 1 ? std::string("1 value") : fmt::format("{} values", n),
                    b.db.value_names[v],
                    n == 1 ? "is a missing-value code" : "are missing-value codes", code),
        where);
  }
}

void note_below_detection(const Build& b, Diagnostics& diagnostics) {
  const BelowDetectionRule& rule = b.options.below_detection;
  std::size_t replaced = 0;
  for (const std::size_t n : b.db.report.counts.below_detection)
    if (rule.kind != BelowDetectionRule::Kind::error) replaced += n;
  if (replaced > 0)
    diagnostics.note(
        "input.below_detection_replaced",
        fmt::format("{} below-detection values replaced (rule {})", replaced, rule.str()),
        {b.intervals.file()});
}

}  // namespace

std::string_view to_string(DipConvention convention) {
  return dip_convention_names().name(convention);
}

DipConvention parse_dip_convention(std::string_view text, const InputLocation& where) {
  if (const auto c = dip_convention_names().parse(text)) return *c;
  throw Error("input.bad_option",
              fmt::format("dip convention is '{}', expected negative_down, positive_down, "
                          "inclination_from_vertical or auto",
                          text),
              where);
}

BelowDetectionRule BelowDetectionRule::parse(std::string_view text, const InputLocation& where) {
  BelowDetectionRule rule;
  if (text == "error") return rule;
  if (text == "half") {
    rule.kind = Kind::half;
    return rule;
  }
  if (text == "zero") {
    rule.kind = Kind::zero;
    return rule;
  }
  if (text.substr(0, 6) == "value=") {
    if (auto v = io::parse_double(text.substr(6))) {
      rule.kind = Kind::value;
      rule.value = *v;
      return rule;
    }
  }
  throw Error("input.bad_option",
              fmt::format("below-detection rule is '{}', expected error, half, zero or value=X "
                          "(X a number)",
                          text),
              where);
}

std::string BelowDetectionRule::str() const {
  switch (kind) {
    case Kind::error:
      return "error";
    case Kind::half:
      return "half";
    case Kind::zero:
      return "zero";
    case Kind::value:
      return fmt::format("value={}", value);
  }
  return "error";
}

const Aliases& default_aliases() {
  static const Aliases aliases;
  return aliases;
}

void DrillholeOptions::validate() const {
  if (!std::isfinite(depth_tolerance_m) || depth_tolerance_m < 0)
    throw Error(
        "input.bad_option",
        fmt::format("depth tolerance is {} m, expected a finite value >= 0", depth_tolerance_m));
  std::set<std::string> seen;
  for (const auto& name : value_columns) {
    if (name.empty())
      throw Error("input.bad_option", "a value column name is empty, expected a column name");
    if (!seen.insert(name).second)
      throw Error("input.bad_option",
                  fmt::format("value column '{}' is named twice, expected each once", name));
  }
}

std::string Finding::formatted() const {
  const std::string where = location.str();
  return fmt::format("{}{}[{}]: {}", where.empty() ? std::string() : where + ": ",
                     to_string(severity), code, message);
}

std::size_t value_index(const DrillholeDatabase& db, std::string_view name) {
  for (std::size_t i = 0; i < db.value_names.size(); ++i)
    if (db.value_names[i] == name) return i;
  return std::string::npos;
}

DrillholeDatabase build_database(const io::CsvTable& collars, const io::CsvTable* surveys,
                                 const io::CsvTable& intervals, const DrillholeOptions& options,
                                 Diagnostics& diagnostics) {
  options.validate();
  const Aliases& alias = default_aliases();
  Build b(collars, surveys, intervals, options);
  DrillholeDatabase& db = b.db;
  db.collar_file = collars.file();
  db.interval_file = intervals.file();
  if (surveys) db.survey_file = surveys->file();
  db.report.declared_convention = options.dip_convention;
  db.report.below_detection = options.below_detection;
  db.report.forced = options.force;
  const CollarColumns c_cols = collar_columns(collars, options.columns, alias);
  const SurveyColumns s_cols = survey_columns(surveys, options.columns, alias);
  const IntervalColumns i_cols = interval_columns(intervals, options, alias);
  if (i_cols.domain) db.domain_name = intervals.header()[*i_cols.domain];
  for (std::size_t c : i_cols.values) db.value_names.push_back(intervals.header()[c]);
  const std::size_t nv = i_cols.values.size();
  b.counts().below_detection.assign(nv, 0);
  b.counts().empty_values.assign(nv, 0);
  b.counts().bad_values.assign(nv, 0);
  b.counts().missing_values.assign(nv, 0);
  b.counts().no_value_length_m.assign(nv, 0.0);
  b.first_missing.assign(nv, {});
  b.numbers_read.assign(nv, 0);
  b.bad_value_findings.assign(nv, {});
  b.below_detection_found.assign(nv, {});
  read_collars(b, c_cols);
  read_surveys(b, s_cols);
  choose_dip_convention(b);
  check_dips_point_down(b);
  attach_stations(b);
  order_surveys(b);
  read_intervals(b, i_cols);
  report_orphans(b);
  attach_intervals(b);
  report_missing_codes(b);
  record_findings(b, diagnostics);
  note_below_detection(b, diagnostics);
  return std::move(b.db);
}

DrillholeDatabase read_drillholes(const std::string& collars_path, const std::string& surveys_path,
                                  const std::string& intervals_path,
                                  const DrillholeOptions& options, Diagnostics& diagnostics) {
  options.validate();
  const auto collars = io::CsvTable::read(collars_path);
  std::optional<io::CsvTable> surveys;
  if (!surveys_path.empty()) surveys = io::CsvTable::read(surveys_path);
  const auto intervals = io::CsvTable::read(intervals_path);
  return build_database(collars, surveys ? &*surveys : nullptr, intervals, options, diagnostics);
}

}  // namespace lodeline::drillhole
