// SPDX-License-Identifier: Apache-2.0
// Length compositing: runs, residual rules, top-cuts, length weights and the metal balance.
#include "lodeline/drillhole/composite.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "lodeline/drillhole/option_table.hpp"

namespace lodeline::drillhole {
namespace {

constexpr double kContiguous_m = 1e-6;  // intervals closer than this touch
constexpr double kEps_m = 1e-9;

struct Piece {
  double from_m, to_m;
  bool dropped;
};

/// Cuts the run [a, b) into pieces by the options (see ResidualRule).
std::vector<Piece> cut_run(double a, double b, const CompositeOptions& o, CompositeResult& r) {
  std::vector<Piece> pieces;
  const double len = b - a;
  auto n = static_cast<std::size_t>(std::floor(len / o.length_m + kEps_m));
  double residual = len - static_cast<double>(n) * o.length_m;
  if (residual < kEps_m) residual = 0;
  auto regular = [&](std::size_t count, double step) {
    for (std::size_t k = 0; k < count; ++k)
      pieces.push_back({a + static_cast<double>(k) * step,
                        k + 1 == count && residual == 0 ? b : a + static_cast<double>(k + 1) * step,
                        false});
  };
  if (residual == 0 || residual >= o.min_length() - kEps_m) {
    regular(n, o.length_m);
    if (residual > 0) pieces.push_back({a + static_cast<double>(n) * o.length_m, b, false});
    return pieces;
  }
  const Piece rest{a + static_cast<double>(n) * o.length_m, b, true};
  if (n == 0 || o.residual == ResidualRule::drop) {
    regular(n, o.length_m);
    pieces.push_back(rest);
    ++r.residuals_dropped;
    return pieces;
  }
  if (o.residual == ResidualRule::merge) {
    regular(n - 1, o.length_m);
    pieces.push_back({a + static_cast<double>(n - 1) * o.length_m, b, false});
    ++r.residuals_merged;
    return pieces;
  }
  residual = 0;  // redistribute: n equal pieces over the whole run
  regular(n, len / static_cast<double>(n));
  pieces.back().to_m = b;
  ++r.runs_redistributed;
  return pieces;
}

}  // namespace

std::string_view to_string(ResidualRule rule) { return residual_names().name(rule); }

ResidualRule parse_residual_rule(std::string_view text, const InputLocation& where) {
  if (const auto r = residual_names().parse(text)) return *r;
  throw Error("input.bad_option",
              fmt::format("residual rule is '{}', expected drop, merge or redistribute", text),
              where);
}

TopCut TopCut::parse(std::string_view text, const InputLocation& where) {
  const auto eq = text.find('=');
  if (eq != std::string_view::npos && eq > 0) {
    if (auto cap = io::parse_double(text.substr(eq + 1)))
      return {std::string(text.substr(0, eq)), *cap};
  }
  throw Error("input.bad_option",
              fmt::format("top-cut is '{}', expected COLUMN=CAP (e.g. au=30)", text), where);
}

void CompositeOptions::validate(const std::vector<std::string>& value_names) const {
  if (!std::isfinite(length_m) || length_m <= 0)
    throw Error("input.bad_option",
                fmt::format("composite length is {} m, expected a length > 0", length_m));
  if (!std::isfinite(min_length_m) || min_length_m < 0 || min_length() > length_m)
    throw Error("input.bad_option",
                fmt::format("'min_length_m' is {}, expected at most length_m = {} (0 = min(1 m, "
                            "length_m))",
                            min_length_m, length_m));
  std::set<std::string> seen;
  for (const auto& cut : topcuts) {
    if (std::find(value_names.begin(), value_names.end(), cut.column) == value_names.end())
      throw Error("input.bad_option",
                  fmt::format("top-cut on '{}', expected one of the value columns: {}", cut.column,
                              fmt::join(value_names, ", ")));
    if (!std::isfinite(cut.cap) || !(cut.cap > 0))
      throw Error("input.bad_option",
                  fmt::format("top-cut of '{}' is {}, expected a cap > 0 (in the column's unit)",
                              cut.column, cut.cap));
    if (!seen.insert(cut.column).second)
      throw Error(
          "input.bad_option",
          fmt::format("top-cut of '{}' given twice, expected one cap per column", cut.column));
  }
}

namespace {

std::vector<double> zeros(std::size_t nv) { return std::vector<double>(nv, 0.0); }

/// The hole's interval values top-cut at `cap`, with the raw and capped metal of each.
std::vector<std::vector<double>> capped_values(const Hole& hole, const std::vector<double>& cap,
                                               MetalBalance& balance, CompositeResult& result) {
  const std::size_t nv = cap.size();
  std::vector<std::vector<double>> capped(hole.intervals.size());
  for (std::size_t i = 0; i < hole.intervals.size(); ++i) {
    const Interval& iv = hole.intervals[i];
    const double len = iv.to_m - iv.from_m;
    capped[i] = iv.values;
    for (std::size_t v = 0; v < nv; ++v) {
      double& x = capped[i][v];
      if (std::isnan(x)) continue;
      balance.raw[v] += x * len;
      if (x > cap[v]) {
        x = cap[v];
        ++result.capped[v];
      }
      balance.after_topcut[v] += x * len;
    }
  }
  return capped;
}

/// One past the last interval of the run from `start`: contiguous intervals in one domain.
std::size_t run_end(const Hole& hole, std::size_t start, bool by_domain) {
  std::size_t end = start + 1;
  while (end < hole.intervals.size() &&
         hole.intervals[end].from_m <= hole.intervals[end - 1].to_m + kContiguous_m &&
         (!by_domain || hole.intervals[end].domain == hole.intervals[start].domain))
    ++end;
  return end;
}

/// The piece's sampled lengths and its metal `sum` per value, from intervals [first, end).
Composite overlap_piece(const Hole& hole, const std::vector<std::vector<double>>& capped,
                        std::size_t first, std::size_t end, const Piece& piece,
                        std::vector<double>& sum) {
  const std::size_t nv = sum.size();
  Composite c;
  c.hole_id = hole.collar.hole_id;
  c.from_m = piece.from_m;
  c.to_m = piece.to_m;
  c.sampled_m = zeros(nv);
  for (std::size_t i = first; i < end && hole.intervals[i].from_m < piece.to_m; ++i) {
    const Interval& iv = hole.intervals[i];
    const double overlap = std::min(piece.to_m, iv.to_m) - std::max(piece.from_m, iv.from_m);
    if (overlap <= 0) continue;
    bool any = false;
    for (std::size_t v = 0; v < nv; ++v) {
      if (std::isnan(capped[i][v])) continue;
      sum[v] += capped[i][v] * overlap;
      c.sampled_m[v] += overlap;
      any = true;
    }
    if (any) c.length_sampled_m += overlap;
  }
  return c;
}

/// The composites of the run of intervals [start, end) of one hole.
void composite_run(const Hole& hole, const HoleTrace& trace,
                   const std::vector<std::vector<double>>& capped, std::size_t start,
                   std::size_t end, const CompositeOptions& options, MetalBalance& balance,
                   CompositeResult& result) {
  const std::size_t nv = result.value_names.size();
  const double a = hole.intervals[start].from_m, b = hole.intervals[end - 1].to_m;
  std::size_t first = start;  // first interval that may overlap the current piece
  for (const Piece& piece : cut_run(a, b, options, result)) {
    std::vector<double> sum = zeros(nv);
    while (first < end && hole.intervals[first].to_m <= piece.from_m) ++first;
    Composite c = overlap_piece(hole, capped, first, end, piece, sum);
    c.domain = hole.intervals[start].domain;
    if (piece.dropped) {
      result.dropped_length_m += piece.to_m - piece.from_m;
      for (std::size_t v = 0; v < nv; ++v) balance.dropped[v] += sum[v];
      continue;
    }
    if (c.length_sampled_m <= 0) {
      ++result.unsampled_composites;
      continue;
    }
    c.values.assign(nv, kNotSampled);
    for (std::size_t v = 0; v < nv; ++v) {
      if (c.sampled_m[v] <= 0) continue;
      c.values[v] = sum[v] / c.sampled_m[v];
      balance.composites[v] += c.values[v] * c.sampled_m[v];
    }
    c.xyz_m = position_at(trace, (c.from_m + c.to_m) / 2);
    result.composites.push_back(std::move(c));
  }
}

void add_balance(const MetalBalance& balance, MetalBalance& total) {
  for (std::size_t v = 0; v < total.raw.size(); ++v) {
    total.raw[v] += balance.raw[v];
    total.after_topcut[v] += balance.after_topcut[v];
    total.composites[v] += balance.composites[v];
    total.dropped[v] += balance.dropped[v];
  }
}

}  // namespace

CompositeResult run_compositing(const DrillholeDatabase& db, const DesurveyResult& desurvey,
                                const CompositeOptions& options, Diagnostics& diagnostics) {
  options.validate(db.value_names);
  if (desurvey.holes.size() != db.holes.size())
    throw Error("internal.desurvey_mismatch", fmt::format("desurvey has {} holes, the database {}",
                                                          desurvey.holes.size(), db.holes.size()));
  const std::size_t nv = db.value_names.size();
  std::vector<double> cap(nv, std::numeric_limits<double>::infinity());
  for (const auto& cut : options.topcuts) cap[value_index(db, cut.column)] = cut.cap;

  CompositeResult result;
  result.value_names = db.value_names;
  result.domain_name = db.domain_name;
  result.capped.assign(nv, 0);
  const bool by_domain = !db.domain_name.empty();
  MetalBalance& total = result.total;
  total.raw = total.after_topcut = total.composites = total.dropped = zeros(nv);
  for (std::size_t h = 0; h < db.holes.size(); ++h) {
    const Hole& hole = db.holes[h];
    MetalBalance balance;
    balance.hole_id = hole.collar.hole_id;
    balance.raw = balance.after_topcut = balance.composites = balance.dropped = zeros(nv);
    const auto capped = capped_values(hole, cap, balance, result);
    for (std::size_t start = 0; start < hole.intervals.size();) {
      const std::size_t end = run_end(hole, start, by_domain);
      ++result.runs;
      composite_run(hole, desurvey.holes[h], capped, start, end, options, balance, result);
      start = end;
    }
    add_balance(balance, total);
    result.holes.push_back(std::move(balance));
  }
  if (result.residuals_dropped > 0)
    diagnostics.note("input.residual_dropped",
                     fmt::format("{} residuals shorter than {} m left out ({} m, rule {})",
                                 result.residuals_dropped, options.min_length(),
                                 result.dropped_length_m, to_string(options.residual)));
  return result;
}

}  // namespace lodeline::drillhole
