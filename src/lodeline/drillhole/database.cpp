// SPDX-License-Identifier: Apache-2.0
// Reading and validating collar, survey and interval tables: every finding with its location.
#include "lodeline/drillhole/database.hpp"

#include "lodeline/drillhole/option_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

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

}  // namespace

std::string_view to_string(DipConvention convention) {
  switch (convention) {
    case DipConvention::negative_down:
      return "negative_down";
    case DipConvention::positive_down:
      return "positive_down";
    case DipConvention::inclination_from_vertical:
      return "inclination_from_vertical";
    case DipConvention::detect:
      return "auto";
  }
  return "auto";
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

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::note:
      return "note";
  }
  return "error";
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
  const ColumnNames& names = options.columns;
  const double tol = options.depth_tolerance_m;
  Findings findings;
  DrillholeDatabase db;
  db.collar_file = collars.file();
  db.interval_file = intervals.file();
  if (surveys) db.survey_file = surveys->file();
  ValidationReport& report = db.report;
  ValidationCounts& counts = report.counts;
  report.declared_convention = options.dip_convention;
  report.below_detection = options.below_detection;
  report.forced = options.force;

  // --- Columns (structural problems throw at once). ---
  const std::size_t c_id = column_of(collars, names.collar_hole_id, alias.hole_id, "hole id");
  const std::size_t c_x = column_of(collars, names.x, alias.x, "collar x (easting)");
  const std::size_t c_y = column_of(collars, names.y, alias.y, "collar y (northing)");
  const std::size_t c_z = column_of(collars, names.z, alias.z, "collar z (elevation)");
  const std::size_t c_depth = column_of(collars, names.depth, alias.depth, "hole depth");
  const auto c_azm = optional_column(collars, names.collar_azimuth, alias.azimuth, "azimuth");
  const auto c_dip = optional_column(collars, names.collar_dip, alias.dip, "dip");
  if (c_azm.has_value() != c_dip.has_value())
    throw Error("input.missing_column",
                fmt::format("collar table has {} column '{}' but no {} column, expected both "
                            "azimuth and dip or neither",
                            c_azm ? "an azimuth" : "a dip",
                            collars.header()[c_azm ? *c_azm : *c_dip], c_azm ? "dip" : "azimuth"),
                {collars.file(), collars.header_line(), 1});

  std::size_t s_id = 0, s_at = 0, s_azm = 0, s_dip = 0;
  if (surveys) {
    s_id = column_of(*surveys, names.survey_hole_id, alias.hole_id, "hole id");
    s_at = column_of(*surveys, names.survey_at, alias.at, "survey depth (AT)");
    s_azm = column_of(*surveys, names.survey_azimuth, alias.azimuth, "azimuth");
    s_dip = column_of(*surveys, names.survey_dip, alias.dip, "dip");
  }

  const std::size_t i_id = column_of(intervals, names.interval_hole_id, alias.hole_id, "hole id");
  const std::size_t i_from = column_of(intervals, names.from, alias.from, "FROM");
  const std::size_t i_to = column_of(intervals, names.to, alias.to, "TO");
  std::optional<std::size_t> i_domain;
  if (!options.domain_column.empty()) {
    i_domain = intervals.require_column({options.domain_column}, "domain");
    db.domain_name = intervals.header()[*i_domain];
  }
  std::vector<std::size_t> i_values;
  if (options.value_columns.empty()) {
    for (std::size_t c = 0; c < intervals.header().size(); ++c)
      if (c != i_id && c != i_from && c != i_to && (!i_domain || c != *i_domain))
        i_values.push_back(c);
  } else {
    for (const auto& name : options.value_columns) {
      const std::size_t c = intervals.require_column({name}, "value");
      if (c == i_id || c == i_from || c == i_to || (i_domain && c == *i_domain))
        throw Error("input.bad_option",
                    fmt::format("value column '{}' is the hole id, FROM, TO or domain column, "
                                "expected a value column",
                                name));
      i_values.push_back(c);
    }
  }
  for (std::size_t c : i_values) db.value_names.push_back(intervals.header()[c]);
  const std::size_t nv = i_values.size();
  counts.below_detection.assign(nv, 0);
  counts.empty_values.assign(nv, 0);
  counts.bad_values.assign(nv, 0);

  // --- Collars. ---
  std::unordered_map<std::string, std::size_t> hole_of;  // id -> index in db.holes
  std::set<std::string> rejected;                        // ids whose collar row was unusable
  std::vector<RawStation> raw_stations;
  std::vector<std::optional<std::size_t>> collar_station;  // per hole: index in raw_stations
  counts.collar_rows = collars.rows().size();
  for (const auto& row : collars.rows()) {
    const std::string& id = row.fields[c_id].text;
    const InputLocation where = collars.location(row, c_id);
    if (id.empty()) {
      findings.error(kCollarTable, "input.bad_id", "hole id is empty, expected a name", where);
      continue;
    }
    if (auto it = hole_of.find(id); it != hole_of.end()) {
      findings.error(kCollarTable, "input.duplicate_hole",
                     fmt::format("hole '{}' is listed again (first at {}), expected one collar "
                                 "row per hole",
                                 id, db.holes[it->second].collar.location.str()),
                     where);
      continue;
    }
    const auto x = number_field(collars, row, c_x, kCollarTable, findings);
    const auto y = number_field(collars, row, c_y, kCollarTable, findings);
    const auto z = number_field(collars, row, c_z, kCollarTable, findings);
    const auto depth = number_field(collars, row, c_depth, kCollarTable, findings);
    std::optional<double> azm, dip;
    if (c_azm) {
      azm = number_field(collars, row, *c_azm, kCollarTable, findings);
      dip = number_field(collars, row, *c_dip, kCollarTable, findings);
    }
    bool ok = x && y && z && depth && (!c_azm || (azm && dip));
    if (depth && *depth <= 0) {
      findings.error(kCollarTable, "input.bad_depth",
                     fmt::format("hole depth is {} m, expected a depth > 0", *depth),
                     collars.location(row, c_depth));
      ok = false;
    }
    if (!ok) {
      rejected.insert(id);
      continue;
    }
    Hole hole;
    hole.collar = {id, *x, *y, *z, *depth, where};
    hole_of.emplace(id, db.holes.size());
    db.holes.push_back(std::move(hole));
    if (c_azm) {
      collar_station.push_back(raw_stations.size());
      raw_stations.push_back({id, 0.0, *azm, *dip, where, collars.location(row, *c_azm),
                              collars.location(row, *c_dip), kCollarTable});
    } else {
      collar_station.push_back(std::nullopt);
    }
  }
  counts.holes = db.holes.size();

  // Holes named in a survey or interval table without a collar: one finding per hole.
  struct Orphan {
    InputLocation first;
    std::size_t rows = 0;
  };
  std::map<std::string, Orphan> survey_orphans, interval_orphans;
  auto orphan = [&](std::map<std::string, Orphan>& map, const std::string& id,
                    const InputLocation& where) {
    auto [it, inserted] = map.try_emplace(id);
    if (inserted) it->second.first = where;
    ++it->second.rows;
  };

  // --- Surveys (raw). ---
  const std::size_t first_survey_station = raw_stations.size();
  if (surveys) {
    counts.survey_rows = surveys->rows().size();
    for (const auto& row : surveys->rows()) {
      const std::string& id = row.fields[s_id].text;
      const InputLocation where = surveys->location(row, s_id);
      if (id.empty()) {
        findings.error(kSurveyTable, "input.bad_id", "hole id is empty, expected a name", where);
        continue;
      }
      const bool known = hole_of.count(id) != 0;
      if (!known && !rejected.count(id)) orphan(survey_orphans, id, where);
      const auto at = number_field(*surveys, row, s_at, kSurveyTable, findings);
      const auto azm = number_field(*surveys, row, s_azm, kSurveyTable, findings);
      const auto dip = number_field(*surveys, row, s_dip, kSurveyTable, findings);
      if (!at || !azm || !dip || !known) continue;
      if (*at < 0) {
        findings.error(kSurveyTable, "input.bad_depth",
                       fmt::format("survey depth is {} m, expected a depth >= 0", *at),
                       surveys->location(row, s_at));
        continue;
      }
      raw_stations.push_back({id, *at, *azm, *dip, surveys->location(row, s_at),
                              surveys->location(row, s_azm), surveys->location(row, s_dip),
                              kSurveyTable});
    }
  }

  // --- Dip convention: declared, or the majority of every dip value read. ---
  for (const auto& s : raw_stations) {
    if (s.dip_raw < 0)
      ++report.votes.negative;
    else if (s.dip_raw > 45 && s.dip_raw <= 90)
      ++report.votes.steep_positive;
    else if (s.dip_raw == 45)
      ++report.votes.undecided;
    else
      ++report.votes.small_positive;
  }
  report.used_convention = options.dip_convention;
  if (options.dip_convention == DipConvention::detect) {
    const DipVotes& v = report.votes;
    const std::size_t total = v.negative + v.steep_positive + v.small_positive + v.undecided;
    const InputLocation where = surveys && counts.survey_rows > 0
                                    ? InputLocation{surveys->file(), surveys->header_line(), 0}
                                    : InputLocation{collars.file(), collars.header_line(), 0};
    const int table = surveys && counts.survey_rows > 0 ? kSurveyTable : kCollarTable;
    const std::string tally =
        fmt::format("{} negative, {} in (45,90], {} in [0,45) or (90,180], {} at 45", v.negative,
                    v.steep_positive, v.small_positive, v.undecided);
    const std::size_t best = std::max({v.negative, v.steep_positive, v.small_positive});
    const int winners =
        (v.negative == best) + (v.steep_positive == best) + (v.small_positive == best);
    report.used_convention = DipConvention::negative_down;
    if (total == 0) {
      // Nothing to read: every hole is vertical; the convention does not matter.
    } else if (winners > 1) {
      findings.error(table, "input.ambiguous_dip_convention",
                     fmt::format("dip convention cannot be guessed from {} dip values ({}), "
                                 "expected it declared (negative_down, positive_down or "
                                 "inclination_from_vertical)",
                                 total, tally),
                     where);
    } else {
      report.used_convention = best == v.negative ? DipConvention::negative_down
                               : best == v.steep_positive
                                   ? DipConvention::positive_down
                                   : DipConvention::inclination_from_vertical;
      findings.warning(table, "input.dip_convention_guessed",
                       fmt::format("DIP CONVENTION GUESSED as {} from {} of {} dip values ({}); "
                                   "declare the convention to make this certain",
                                   to_string(report.used_convention), best, total, tally),
                       where);
    }
  }

  // --- Convert and check stations; attach to holes. ---
  const DipConvention used = report.used_convention;
  const DipRange range = dip_range(used);
  std::vector<std::map<double, InputLocation>> station_depths(db.holes.size());
  for (std::size_t k = 0; k < raw_stations.size(); ++k) {
    const RawStation& s = raw_stations[k];
    bool ok = true;
    if (!(s.azimuth_deg >= 0 && s.azimuth_deg < 360)) {
      findings.error(
          s.table, "input.bad_azimuth",
          fmt::format("azimuth is {} degrees, expected 0 <= azimuth < 360", s.azimuth_deg),
          s.azimuth_location);
      ok = false;
    }
    if (!(s.dip_raw >= range.lo && s.dip_raw <= range.hi)) {
      findings.error(s.table, "input.bad_dip",
                     fmt::format("dip is {} degrees, expected {} to {} (dip convention {})",
                                 s.dip_raw, range.lo, range.hi, to_string(used)),
                     s.dip_location);
      ok = false;
    }
    if (!ok) continue;
    const std::size_t h = hole_of.at(s.hole_id);
    Hole& hole = db.holes[h];
    const SurveyStation station{s.at_m, s.azimuth_deg, to_internal_dip(used, s.dip_raw),
                                s.location};
    if (k < first_survey_station) {  // collar orientation: a one-station survey at 0 m
      hole.surveys.push_back(station);
      hole.surveys_from_collar = true;
      continue;
    }
    if (hole.surveys_from_collar) {  // a survey table entry replaces the collar orientation
      hole.surveys.clear();
      hole.surveys_from_collar = false;
    }
    if (s.at_m > hole.collar.depth_m + tol) {
      findings.error(kSurveyTable, "input.survey_beyond_depth",
                     fmt::format("survey at {} m is beyond the hole depth {} m ({})", s.at_m,
                                 hole.collar.depth_m, hole.collar.location.str()),
                     s.location);
      if (!options.force) continue;
    }
    auto& depths = station_depths[h];
    if (auto it = depths.find(s.at_m); it != depths.end()) {
      findings.error(kSurveyTable, "input.duplicate_survey",
                     fmt::format("survey at {} m of hole '{}' is listed again (first at {}), "
                                 "expected one station per depth",
                                 s.at_m, s.hole_id, it->second.str()),
                     s.location);
      continue;
    }
    depths.emplace(s.at_m, s.location);
    hole.surveys.push_back(station);
  }
  for (auto& hole : db.holes) {
    std::stable_sort(
        hole.surveys.begin(), hole.surveys.end(),
        [](const SurveyStation& a, const SurveyStation& b) { return a.at_m < b.at_m; });
    if (hole.surveys.empty()) {
      ++counts.holes_without_survey;
      findings.note(kCollarTable, "input.no_survey",
                    fmt::format("hole '{}' has no survey, taken as vertical (dip -90) from the "
                                "collar",
                                hole.collar.hole_id),
                    hole.collar.location);
    } else if (hole.surveys.front().at_m > tol) {
      findings.warning(kSurveyTable, "input.survey_not_at_collar",
                       fmt::format("first survey of hole '{}' is at {} m, expected one at 0 m; "
                                   "its direction is used from the collar down",
                                   hole.collar.hole_id, hole.surveys.front().at_m),
                       hole.surveys.front().location);
    }
  }

  // --- Intervals. ---
  struct RawInterval {
    Interval interval;
    InputLocation to_location;
  };
  std::vector<std::vector<RawInterval>> per_hole(db.holes.size());
  counts.interval_rows = intervals.rows().size();
  for (const auto& row : intervals.rows()) {
    const std::string& id = row.fields[i_id].text;
    const InputLocation where = intervals.location(row, i_id);
    if (id.empty()) {
      findings.error(kIntervalTable, "input.bad_id", "hole id is empty, expected a name", where);
      continue;
    }
    const auto it = hole_of.find(id);
    if (it == hole_of.end() && !rejected.count(id)) orphan(interval_orphans, id, where);
    const auto from = number_field(intervals, row, i_from, kIntervalTable, findings);
    const auto to = number_field(intervals, row, i_to, kIntervalTable, findings);
    Interval iv;
    iv.values.assign(nv, kNotSampled);
    iv.location = intervals.location(row, i_from);
    if (i_domain) iv.domain = row.fields[*i_domain].text;
    for (std::size_t v = 0; v < nv; ++v) {
      const std::size_t col = i_values[v];
      const std::string& text = row.fields[col].text;
      const std::string& name = db.value_names[v];
      if (text.empty()) {
        ++counts.empty_values[v];
        continue;
      }
      if (auto value = io::parse_double(text)) {
        iv.values[v] = *value;
        continue;
      }
      if (text.front() == '<') {
        if (auto limit = io::parse_double(std::string_view(text).substr(1)); limit && *limit > 0) {
          ++counts.below_detection[v];
          const BelowDetectionRule& rule = options.below_detection;
          if (rule.kind == BelowDetectionRule::Kind::error) {
            findings.error(kIntervalTable, "input.below_detection",
                           fmt::format("field '{}' is '{}' (below detection), expected a number "
                                       "or a below-detection rule (half, zero or value=X)",
                                       name, text),
                           intervals.location(row, col));
            continue;
          }
          const double value = rule.kind == BelowDetectionRule::Kind::half   ? *limit / 2
                               : rule.kind == BelowDetectionRule::Kind::zero ? 0.0
                                                                             : rule.value;
          iv.values[v] = value;
          findings.note(kIntervalTable, "input.below_detection_replaced",
                        fmt::format("field '{}' is '{}' (below detection), replaced by {} (rule "
                                    "{})",
                                    name, text, value, rule.str()),
                        intervals.location(row, col));
          continue;
        }
      }
      ++counts.bad_values[v];
      findings.error(kIntervalTable, "input.bad_number",
                     fmt::format("field '{}' is '{}', expected a number", name, text),
                     intervals.location(row, col));
    }
    if (!from || !to || it == hole_of.end()) continue;
    const InputLocation to_where = intervals.location(row, i_to);
    if (*from < 0) {
      findings.error(kIntervalTable, "input.bad_depth",
                     fmt::format("FROM is {} m, expected a depth >= 0", *from), iv.location);
      continue;
    }
    if (*from >= *to) {
      findings.error(kIntervalTable, "input.bad_interval",
                     fmt::format("interval FROM {} m TO {} m, expected FROM < TO", *from, *to),
                     to_where);
      continue;
    }
    const Collar& collar = db.holes[it->second].collar;
    if (*to > collar.depth_m + tol)
      findings.error(kIntervalTable, "input.beyond_depth",
                     fmt::format("TO is {} m, beyond the hole depth {} m ({})", *to, collar.depth_m,
                                 collar.location.str()),
                     to_where);
    iv.from_m = *from;
    iv.to_m = *to;
    per_hole[it->second].push_back({std::move(iv), to_where});
  }
  for (const auto& [id, o] : survey_orphans)
    findings.error(kSurveyTable, "input.no_collar",
                   fmt::format("hole '{}' has no collar row ({}), expected it in {}", id,
                               plural(o.rows, "survey station"), collars.file()),
                   o.first);
  for (const auto& [id, o] : interval_orphans)
    findings.error(kIntervalTable, "input.no_collar",
                   fmt::format("hole '{}' has no collar row ({}), expected it in {}", id,
                               plural(o.rows, "interval"), collars.file()),
                   o.first);

  // Per hole: order by FROM, then overlaps (left out) and gaps (unsampled).
  for (std::size_t h = 0; h < db.holes.size(); ++h) {
    auto& list = per_hole[h];
    std::stable_sort(list.begin(), list.end(), [](const RawInterval& a, const RawInterval& b) {
      return a.interval.from_m < b.interval.from_m;
    });
    Hole& hole = db.holes[h];
    for (auto& raw : list) {
      Interval& iv = raw.interval;
      if (!hole.intervals.empty()) {
        const Interval& prev = hole.intervals.back();
        if (iv.from_m < prev.to_m - tol) {
          findings.error(kIntervalTable, "input.overlap",
                         fmt::format("interval {}-{} m overlaps the previous interval {}-{} m of "
                                     "hole '{}' ({}), expected intervals not to overlap",
                                     iv.from_m, iv.to_m, prev.from_m, prev.to_m,
                                     hole.collar.hole_id, prev.location.str()),
                         iv.location);
          continue;
        }
        if (iv.from_m > prev.to_m + tol) {
          ++counts.gaps;
          counts.gap_length_m += iv.from_m - prev.to_m;
          findings.warning(kIntervalTable, "input.gap",
                           fmt::format("gap from {} m to {} m in hole '{}' (no interval), "
                                       "recorded as unsampled",
                                       prev.to_m, iv.from_m, hole.collar.hole_id),
                           iv.location);
        }
      }
      counts.interval_length_m += iv.to_m - iv.from_m;
      hole.intervals.push_back(std::move(iv));
    }
    counts.intervals += hole.intervals.size();
    if (hole.intervals.empty()) {
      ++counts.holes_without_data;
      findings.warning(
          kCollarTable, "input.collar_without_data",
          fmt::format("hole '{}' has no intervals in {}", hole.collar.hole_id, intervals.file()),
          hole.collar.location);
    }
  }

  // --- Order, count, stop or record. ---
  std::stable_sort(findings.items.begin(), findings.items.end(),
                   [](const KeyedFinding& a, const KeyedFinding& b) {
                     if (a.table != b.table) return a.table < b.table;
                     if (a.finding.location.line != b.finding.location.line)
                       return a.finding.location.line < b.finding.location.line;
                     return a.finding.location.column < b.finding.location.column;
                   });
  ErrorList errors(20);
  for (auto& k : findings.items) {
    Finding& f = k.finding;
    if (f.severity == Severity::error) errors.add(Error(f.code, f.message, f.location));
  }
  if (!errors.empty() && !options.force) errors.throw_if_any();
  for (auto& k : findings.items) {
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
    report.findings.push_back(std::move(f));
  }
  std::size_t replaced = 0;
  for (std::size_t v = 0; v < nv; ++v)
    if (options.below_detection.kind != BelowDetectionRule::Kind::error)
      replaced += counts.below_detection[v];
  if (replaced > 0)
    diagnostics.note("input.below_detection_replaced",
                     fmt::format("{} below-detection values replaced (rule {})", replaced,
                                 options.below_detection.str()),
                     {intervals.file()});
  return db;
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
