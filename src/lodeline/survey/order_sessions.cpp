// SPDX-License-Identifier: Apache-2.0
// The pillar order file (one name per line) and the sessions table (pillar, start, end UTC).
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "lodeline/io/csv.hpp"
#include "lodeline/io/text_file.hpp"
#include "lodeline/survey/civil_time.hpp"
#include "lodeline/survey/survey.hpp"

namespace lodeline::survey {

PillarOrder parse_order(const std::string& text, const std::string& file) {
  PillarOrder order;
  order.file = file;
  std::map<std::string, std::int64_t> seen;
  ErrorList errors;
  std::size_t pos = 0;
  std::int64_t line = 0;
  while (pos <= text.size()) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    ++line;
    std::string s = text.substr(pos, end - pos);
    pos = end + 1;
    if (const auto hash = s.find('#'); hash != std::string::npos) s.erase(hash);
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string::npos) {
      if (end == text.size()) break;
      continue;
    }
    const auto last = s.find_last_not_of(" \t\r");
    const std::string name = s.substr(first, last - first + 1);
    const InputLocation where{file, line, static_cast<std::int64_t>(first) + 1};
    if (auto it = seen.find(name); it != seen.end()) {
      errors.add(Error("input.duplicate_pillar",
                       fmt::format("pillar '{}' is listed again (first at line {}), expected each "
                                   "pillar once",
                                   name, it->second),
                       where));
    } else {
      seen.emplace(name, line);
      order.names.push_back(name);
      order.locations.push_back(where);
    }
    if (end == text.size()) break;
  }
  errors.throw_if_any();
  if (order.names.size() < 2)
    throw Error("input.bad_order",
                fmt::format("the order file lists {} pillar{}, expected at least 2 pillar names, "
                            "one per line",
                            order.names.size(), order.names.size() == 1 ? "" : "s"),
                {file});
  return order;
}

PillarOrder read_order(const std::string& path) { return parse_order(io::read_text(path), path); }

std::vector<Session> parse_sessions(const std::string& text, const std::string& file) {
  const auto table = io::CsvTable::parse(text, file);
  const std::size_t cp = table.require_column({"pillar", "name"}, "the pillar name");
  const std::size_t cs = table.require_column({"start", "start_utc"}, "the session start (UTC)");
  const std::size_t ce = table.require_column({"end", "end_utc"}, "the session end (UTC)");
  std::vector<Session> out;
  ErrorList errors;
  for (const auto& row : table.rows()) {
    Session s;
    s.pillar = row.fields[cp].text;
    s.location = table.location(row, 0);
    bool ok = true;
    for (const auto& [col, dst] : {std::pair{cs, &s.start_utc_s}, std::pair{ce, &s.end_utc_s}}) {
      const auto t = detail::parse_iso8601_utc(row.fields[col].text);
      if (!t) {
        errors.add(Error("input.bad_time",
                         fmt::format("'{}' is not a time, expected ISO 8601 UTC such as "
                                     "2021-06-01T10:00:00Z",
                                     row.fields[col].text),
                         table.location(row, col)));
        ok = false;
      } else {
        *dst = *t;
      }
    }
    if (s.pillar.empty()) {
      errors.add(Error("input.bad_sessions", "empty pillar name, expected the pillar occupied",
                       table.location(row, cp)));
      ok = false;
    }
    if (ok && !(s.end_utc_s > s.start_utc_s)) {
      errors.add(Error("input.bad_sessions",
                       fmt::format("session of '{}' ends at {} before or when it starts ({}), "
                                   "expected end > start",
                                   s.pillar, row.fields[ce].text, row.fields[cs].text),
                       table.location(row, ce)));
      ok = false;
    }
    if (ok) out.push_back(std::move(s));
  }
  errors.throw_if_any();
  std::vector<std::size_t> idx(out.size());
  for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
    return out[a].start_utc_s < out[b].start_utc_s;
  });
  for (std::size_t k = 1; k < idx.size(); ++k) {
    const Session& prev = out[idx[k - 1]];
    const Session& cur = out[idx[k]];
    if (cur.start_utc_s < prev.end_utc_s) {
      const Session& later = prev.location.line > cur.location.line ? prev : cur;
      const Session& earlier = prev.location.line > cur.location.line ? cur : prev;
      errors.add(Error("input.bad_sessions",
                       fmt::format("session of '{}' overlaps the session of '{}' (line {}), "
                                   "expected sessions that do not overlap in time",
                                   later.pillar, earlier.pillar, earlier.location.line),
                       later.location));
    }
  }
  errors.throw_if_any();
  return out;
}

std::vector<Session> read_sessions(const std::string& path) {
  return parse_sessions(io::read_text(path), path);
}

}  // namespace lodeline::survey
