// SPDX-License-Identifier: Apache-2.0
// Claims confronted with the computed shares.
#include "lodeline/border/claim_check.hpp"

#include <fmt/format.h>

#include <cmath>

#include "lodeline/core/parallel.hpp"

namespace lodeline::border {
namespace {

/// The side a claim names on `line`: 0 (A), 1 (B), or -1 when the line has no such side.
int claimed_side(const Claim& claim, const Scenario& line) {
  if (claim.side == line.side_a) return 0;
  if (claim.side == line.side_b) return 1;
  return -1;
}

void add_rows(const Claim& claim, const LineResult& line, bool has_licence, ClaimCheck& check) {
  const int side = claimed_side(claim, line.scenario);
  if (side < 0) return;
  for (const ShareMeasure m : kShareMeasures) {
    if (claim.measure && *claim.measure != m) continue;
    const auto share = shares_pct(line, m, has_licence);
    if (std::isnan(share[0])) continue;
    ClaimCheck::Row row;
    row.scenario = line.scenario.name;
    row.measure = m;
    row.computed_pct = share[static_cast<std::size_t>(side)];
    row.consistent = std::abs(row.computed_pct - claim.share_pct) <= claim.tolerance_pct;
    check.rows.push_back(std::move(row));
  }
}

/// The measure of that name in the set (measures.size() when there is none).
std::size_t measure_index(const MeasureSet& measures, ShareMeasure m) {
  const std::string& name = share_measure_names().name(m);
  std::size_t k = 0;
  while (k < measures.size() && measures.name(k) != name) ++k;
  return k;
}

options::Spec text_key(std::string key, std::string help, bool required) {
  options::Spec s = options::spec(std::move(key), options::Kind::text, std::move(help));
  s.required = required;
  if (!required) s.default_text = "any";
  return s;
}

}  // namespace

const options::Table<Claim>& claim_table() {
  using options::Kind;
  using options::Value;
  static const options::Table<Claim> table = [] {
    options::Spec share =
        options::bounded("share_pct", Kind::number, "the share the claim gives that side", 0, 100);
    share.unit = "%";
    share.required = true;
    options::Spec tolerance = options::bounded(
        "tolerance_pct", Kind::number, "how far the computed share may be (\"roughly\")", 0, 100);
    tolerance.unit = "%";
    options::Spec measure =
        options::spec("measure", Kind::choice, "what the share is of; absent: every measure");
    measure.choices = share_measure_names().names();
    measure.default_text = "any";
    return options::Table<Claim>{
        "claim",
        "Published claims ([[claim]], one table per claim)",
        {options::member<Claim>(
             text_key("source", "who said it", true), [](auto& c) -> auto& { return c.source; }),
         options::member<Claim>(
             text_key("date", "when it was said or published", true),
             [](auto& c) -> auto& { return c.date; }),
         options::member<Claim>(
             text_key("statement", "the words, quoted", true),
             [](auto& c) -> auto& { return c.statement; }),
         options::member<Claim>(
             text_key("side", "the side it is about (a side_a/side_b name)", true),
             [](auto& c) -> auto& { return c.side; }),
         options::member<Claim>(
             share, [](auto& c) -> auto& { return c.share_pct; }),
         options::member<Claim>(
             tolerance, [](auto& c) -> auto& { return c.tolerance_pct; }),
         options::custom<Claim>(
             measure,
             [](const Claim& c) {
               return Value(c.measure ? share_measure_names().name(*c.measure) : std::string());
             },
             [](Claim& c, const Value& v) {
               c.measure = share_measure_names().parse(std::get<std::string>(v));
             }),
         options::member<Claim>(
             text_key("scenario", "the line it is about", false),
             [](auto& c) -> auto& { return c.scenario; })},
        {}};
  }();
  return table;
}

std::vector<ClaimCheck> check_claims(const std::vector<Claim>& claims,
                                     const std::vector<LineResult>& lines, bool has_licence,
                                     const InputLocation& where, Diagnostics& diag) {
  std::vector<ClaimCheck> checks;
  for (const auto& claim : claims) {
    ClaimCheck check{claim, {}};
    for (const auto& line : lines)
      if (claim.scenario.empty() || claim.scenario == line.scenario.name)
        add_rows(claim, line, has_licence, check);
    if (check.rows.empty())
      diag.warn("input.claim_unmatched",
                fmt::format("claim by '{}' names side '{}', which no line's side_a/side_b has",
                            claim.source, claim.side),
                where);
    checks.push_back(std::move(check));
  }
  return checks;
}

void solve_claim_offsets(std::vector<ClaimCheck>& checks, const std::vector<LineResult>& lines,
                         const MeasureSet& measures, double max_offset_m) {
  OffsetSearchOptions options;
  options.max_offset_m = max_offset_m;
  auto offsets_of = [&](std::size_t k) {
    const Scenario& line = lines[k].scenario;
    std::vector<ShareTarget> targets;
    std::vector<ClaimCheck::Row*> rows;
    for (auto& check : checks)
      for (auto& row : check.rows) {
        if (row.scenario != line.name) continue;
        targets.push_back({measure_index(measures, row.measure), claimed_side(check.claim, line),
                           check.claim.share_pct});
        rows.push_back(&row);
      }
    if (targets.empty()) return;
    const auto solutions = solve_offsets(measures, line.line, targets, options);
    for (std::size_t t = 0; t < rows.size(); ++t) {
      rows[t]->offset = solutions[t];
      rows[t]->offset_computed = true;
    }
  };
  parallel_for_index(lines.size(), offsets_of);
}

}  // namespace lodeline::border
