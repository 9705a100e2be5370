// SPDX-License-Identifier: Apache-2.0
// Report writers over the resource split results.
#include "lodeline/report/resource_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>

#include "lodeline/border/side_direction.hpp"
#include "lodeline/core/names.hpp"
#include "lodeline/core/units.hpp"
#include "lodeline/io/output_set.hpp"
#include "lodeline/io/text_file.hpp"
#include "lodeline/report/gis_outputs.hpp"
#include "lodeline/report/json_parts.hpp"
#include "lodeline/report/pit_columns.hpp"

namespace lodeline::report {
namespace {

using nlohmann::ordered_json;

const std::string& measure_name(border::ShareMeasure m) {
  return border::share_measure_names().name(m);
}

std::string pct(double v) { return fmt::format("{:.1f} %", v); }

ordered_json pit_json(const borderpit::PitSummary& p, const std::vector<double>& rates,
                      bool sides) {
  ordered_json j{{"blocks", p.blocks},
                 {"value_usd", p.value_usd},
                 {"ore_t", p.ore_t},
                 {"waste_t", p.waste_t},
                 {"strip_ratio", p.ore_t > 0 ? p.waste_t / p.ore_t : 0.0},
                 {"metal_t", units::grams_to_tonnes(p.metal_g)},
                 {"metal_oz", units::grams_to_troy_oz(p.metal_g)}};
  ordered_json life = ordered_json::array();
  for (double r : rates) life.push_back({{"ore_t_per_y", r}, {"years", p.ore_t / r}});
  j["mine_life"] = life;
  j["model_limits"] = {{"edge_columns", p.edge_columns}, {"floor_columns", p.floor_columns}};
  if (sides)
    j["allocated_by_fraction"] =
        ordered_json::array({{{"value_usd", p.side_value_usd[0]},
                              {"ore_t", p.side_ore_t[0]},
                              {"metal_t", units::grams_to_tonnes(p.side_metal_g[0])}},
                             {{"value_usd", p.side_value_usd[1]},
                              {"ore_t", p.side_ore_t[1]},
                              {"metal_t", units::grams_to_tonnes(p.side_metal_g[1])}}});
  return j;
}

ordered_json summary_json(const border::Summary& s, double scale) {
  return {{"mean", s.mean * scale},
          {"sd", s.sd * scale},
          {"p2_5", s.p2_5 * scale},
          {"p50", s.p50 * scale},
          {"p97_5", s.p97_5 * scale}};
}

// Grams are reported as tonnes of metal; other units as they are.
double unit_scale(const std::string& unit) { return unit == "g" ? 1e-6 : 1.0; }
std::string shown_unit(const std::string& unit) { return unit == "g" ? "t" : unit; }

std::string measure_label(const border::MonteCarloMeasure& m) {
  return std::isnan(m.cutoff_gpt) ? m.measure : fmt::format("{} ≥ {} g/t", m.measure, m.cutoff_gpt);
}

ordered_json region_json(const border::RegionTally& rr) {
  ordered_json j = tally_json(rr.tally);
  if (!std::isnan(rr.licence_area_m2)) j["licence_area_m2"] = rr.licence_area_m2;
  return j;
}

ordered_json offset_json(const border::ClaimCheck::Row& row) {
  const auto& o = row.offset;
  ordered_json j;
  j["reachable"] = o.reachable;
  j["offset_m"] = o.reachable ? ordered_json(o.offset_m) : ordered_json(nullptr);
  j["share_pct_at_offset"] =
      o.reachable ? ordered_json(o.share_pct_at_offset) : ordered_json(nullptr);
  j["offset_range_m"] = {o.range.lo_m, o.range.hi_m};
  return j;
}

ordered_json mc_json(const border::LineMonteCarlo& mc, const std::string& side_a,
                     const std::string& side_b) {
  const auto& res = mc.result;
  ordered_json mj{{"draws", res.draws},
                  {"seed", res.seed},
                  {"position_error", mc.position_error},
                  {"vertices", res.vertices},
                  {"vertices_perturbed", res.vertices_perturbed},
                  {"max_vertex_displacement_m", res.max_displacement_m},
                  {"columns_recomputed_per_draw", res.mean_columns_recomputed},
                  {"offset_step_m", res.shift_step_m},
                  {"per_metre_offset_is",
                   "d(side A amount)/d(offset): the whole line moved parallel towards side B "
                   "(right of the line walked from its first to its last vertex)"}};
  mj["measures"] = ordered_json::array();
  for (const auto& m : res.measures) {
    const double k = unit_scale(m.unit);
    ordered_json mm{{"measure", m.measure}};
    mm["cutoff_gpt"] =
        std::isnan(m.cutoff_gpt) ? ordered_json(nullptr) : ordered_json(m.cutoff_gpt);
    mm["unit"] = shown_unit(m.unit);
    mm["total"] = m.total * k;
    mm["line_as_given_side_a"] = m.baseline_a * k;
    mm["side_a_per_metre_offset"] =
        std::isnan(m.per_metre_shift) ? ordered_json(nullptr) : ordered_json(m.per_metre_shift * k);
    mm["sides"] = ordered_json::array();
    for (std::size_t side = 0; side < 2; ++side)
      mm["sides"].push_back({{"name", side == 0 ? side_a : side_b},
                             {"amount", summary_json(m.amount[side], k)},
                             {"share_pct", summary_json(m.share_pct[side], 1.0)}});
    mj["measures"].push_back(mm);
  }
  return mj;
}

// Large amounts in whole units, others to 6 significant digits.
std::string amount_text(double v) {
  return std::abs(v) >= 1e5 ? fmt::format("{:.0f}", v) : fmt::format("{:.6g}", v);
}

std::string monte_carlo_markdown(const border::LineResult& s, const border::LineMonteCarlo& mc) {
  const auto& res = mc.result;
  std::string md = fmt::format(
      "### Uncertainty from vertex positions ('{}')\n\n{} draws (seed {}), position errors: {} "
      "({} of {} vertices move; largest move {:.3f} m). Shares of {} / {}: mean ± sd and the "
      "2.5–97.5 % range over the draws; the last column is how much side A gains per metre the "
      "whole line moves towards side B.\n\n",
      s.scenario.name, res.draws, res.seed, mc.position_error, res.vertices_perturbed, res.vertices,
      res.max_displacement_m, s.scenario.side_a, s.scenario.side_b);
  md +=
      "| measure | unit | line as given, side A | side A share % | 95 % range | side B share % | "
      "side A per metre of offset |\n|---|---|---:|---:|---|---:|---:|\n";
  for (const auto& m : res.measures) {
    const double k = unit_scale(m.unit);
    const auto& a = m.share_pct[0];
    const auto& b = m.share_pct[1];
    md += fmt::format(
        "| {} | {} | {} | {:.3f} ± {:.3f} | {:.3f} – {:.3f} | {:.3f} ± {:.3f} | {} |\n",
        measure_label(m), shown_unit(m.unit), amount_text(m.baseline_a * k), a.mean, a.sd, a.p2_5,
        a.p97_5, b.mean, b.sd,
        std::isnan(m.per_metre_shift) ? std::string("—") : amount_text(m.per_metre_shift * k));
  }
  return md + "\n";
}

std::string claim_offsets_markdown(const RunResult& r) {
  std::string md = fmt::format(
      "### What it would take to reproduce each claim\n\nThe offset moves the whole line "
      "parallel to itself, along the normal of its overall direction (first to last vertex); "
      "positive = towards side B (side A grows). Searched within ±{:.0f} m and where the moved "
      "line still crosses the model.\n\n",
      r.claim_offset_max_m);
  md +=
      "| source | side | claimed | line | measure | computed | offset for the claimed share |\n"
      "|---|---|---:|---|---|---:|---|\n";
  for (const auto& c : r.claims)
    for (const auto& row : c.rows) {
      if (!row.offset_computed) continue;
      const auto& o = row.offset;
      md += fmt::format("| {} | {} | {:.0f} % | {} | {} | {:.1f} % | {} |\n", c.claim.source,
                        c.claim.side, c.claim.share_pct, row.scenario, measure_name(row.measure),
                        row.computed_pct,
                        o.reachable ? fmt::format("{:+.2f} m", o.offset_m)
                                    : fmt::format("not reachable within [{:.1f}, {:+.1f}] m",
                                                  o.range.lo_m, o.range.hi_m));
    }
  md += "\n";
  for (const auto& c : r.claims) {
    std::string as_is;
    for (const auto& row : c.rows)
      if (row.consistent)
        as_is += fmt::format("{}{} / {}", as_is.empty() ? "" : ", ", row.scenario,
                             measure_name(row.measure));
    md += fmt::format("- {} ({}), “{}”: within tolerance as is under {}.\n", c.claim.source,
                      c.claim.date, c.claim.statement,
                      as_is.empty() ? std::string("no line and measure") : as_is);
  }
  return md + "\n";
}

std::string disputed_markdown(const RunResult& r) {
  std::string md = "## Disputed ground\n\n";
  auto row = [&](const std::string& name, const border::RegionTally& rr) {
    const auto& gt = rr.tally.by_cutoff.front();
    return fmt::format(
        "| {} | {:.4f} | {} | {:.3f} | {:.3f} | {:.3f} |\n", name, rr.tally.area_m2 / 1e6,
        std::isnan(rr.licence_area_m2) ? std::string("—")
                                       : fmt::format("{:.4f}", rr.licence_area_m2 / 1e6),
        gt.ore_t / 1e6, gt.grade_gpt(), units::grams_to_tonnes(gt.metal_g));
  };
  for (const auto& d : r.disputed) {
    std::string lines;
    for (const auto& l : d.lines) lines += fmt::format("{}'{}'", lines.empty() ? "" : ", ", l);
    md += fmt::format("Lines {}; cut-off {} g/t.\n\n", lines, r.cutoffs_gpt.front());
    md +=
        "| ground | area km² | licence km² | ore Mt | grade g/t | gold t |\n"
        "|---|---:|---:|---:|---:|---:|\n";
    md += row(fmt::format("every line gives it to {}", d.side_x), d.undisputed_x);
    md += row(fmt::format("every line gives it to {}", d.side_y), d.undisputed_y);
    md += row("disputed (the lines differ)", d.disputed);
    for (const auto& pr : d.pairs) {
      md += row(
          fmt::format("'{}' gives it to {}, '{}' to {}", pr.first, d.side_x, pr.second, d.side_y),
          pr.x_by_first);
      md += row(
          fmt::format("'{}' gives it to {}, '{}' to {}", pr.second, d.side_x, pr.first, d.side_y),
          pr.x_by_second);
    }
    md += "\n";
  }
  return md;
}

}  // namespace

std::string shown_path(const RunResult& r, const std::string& path) {
  if (r.base_dir.empty() || path.empty()) return path;
  return std::filesystem::path(path).lexically_relative(r.base_dir).generic_string();
}

std::string shown_diagnostic(const RunResult& r, const Diagnostic& d) {
  Diagnostic shown = d;
  shown.location.file = shown_path(r, d.location.file);
  return shown.formatted();
}

std::string monte_carlo_json(const border::LineMonteCarlo& mc, const std::string& side_a,
                             const std::string& side_b) {
  return mc_json(mc, side_a, side_b).dump(1) + "\n";
}

namespace {

ordered_json side_json(const RunResult& r, const border::LineResult& s, std::size_t k) {
  ordered_json side{{"name", k == 0 ? s.scenario.side_a : s.scenario.side_b}};
  side.update(tally_json(s.sides[k]));
  if (r.has_licence()) {
    side["licence_area_m2"] = s.licence_area_m2[k];
    side["licence_area_pct"] = 100 * s.licence_area_m2[k] / r.licence_area_m2;
  }
  ordered_json shares;
  for (const auto m : border::kShareMeasures) {
    const auto sh = border::shares_pct(s, m, r.has_licence());
    if (!std::isnan(sh[0])) shares[measure_name(m)] = sh[k];
  }
  side["shares"] = shares;
  return side;
}

ordered_json scenario_json(const RunResult& r, const border::LineResult& s) {
  ordered_json sj;
  sj["name"] = s.scenario.name;
  sj["kind"] = s.scenario.kind;
  sj["source"] = s.scenario.source;
  sj["date"] = s.scenario.date;
  sj["file"] = shown_path(r, s.scenario.file);
  sj["file_crs"] = s.scenario.source_crs;
  sj["side_a_is"] = "left of the line walked from its first to its last vertex";
  if (s.side_a_bearing_deg) {
    sj["side_a_lies"] = border::compass_word(*s.side_a_bearing_deg);
    sj["side_b_lies"] = border::compass_word(border::opposite_deg(*s.side_a_bearing_deg));
  }
  sj["vertices"] = s.scenario.line.size();
  sj["times_line_enters_model"] = s.split.pieces;
  sj["columns"] = {{"full_a", s.split.counts.full_left},
                   {"full_b", s.split.counts.full_right},
                   {"straddling", s.split.counts.straddling}};
  sj["sides"] = ordered_json::array();
  for (std::size_t k = 0; k < 2; ++k) sj["sides"].push_back(side_json(r, s, k));
  sj["closure_check"] = {{"a_plus_b_equals_total", s.closure_rel_error <= 1e-9},
                         {"max_relative_error", s.closure_rel_error}};
  for (const auto& mc : r.monte_carlo)
    if (mc.scenario == s.scenario.name)
      sj["monte_carlo"] = mc_json(mc, s.scenario.side_a, s.scenario.side_b);
  for (const auto& sv : r.surveys)
    if (sv.scenario == s.scenario.name) sj["survey"] = survey_json(sv, r);
  return sj;
}

ordered_json pit_by_pit_json(const std::vector<pit::PitRow>& rows) {
  ordered_json out = ordered_json::array();
  for (const auto& row : rows)
    out.push_back({{"revenue_factor", row.revenue_factor},
                   {"blocks", row.blocks},
                   {"ore_t", row.ore_t.value_or(0)},
                   {"waste_t", row.waste_t.value_or(0)},
                   {"strip_ratio", row.strip_ratio.value_or(0)},
                   {"metal_t", units::grams_to_tonnes(row.metal_g.value_or(0))},
                   {"value_usd_at_base_price", row.value_usd},
                   {"value_usd_at_factor", row.value_usd_at_factor}});
  return out;
}

/// The scenario of the given name, or nullptr.
const border::LineResult* scenario_named(const RunResult& r, const std::string& name) {
  const border::LineResult* found = nullptr;
  for (const auto& s : r.scenarios)
    if (s.scenario.name == name) found = &s;
  return found;
}

ordered_json pit_line_json(const RunResult& r, const borderpit::BorderPits& ps,
                           const borderpit::LinePits& l) {
  const border::LineResult* sr = scenario_named(r, l.scenario);
  ordered_json lj{{"scenario", l.scenario},
                  {"straddling_rule", borderpit::straddling_names().name(l.straddling)}};
  lj["joint"] = pit_json(l.joint, ps.production_rates_t_per_y, true);
  lj["standalone"] = ordered_json::array();
  for (std::size_t k = 0; k < 2; ++k) {
    ordered_json sj{{"side", sr ? (k == 0 ? sr->scenario.side_a : sr->scenario.side_b) : ""},
                    {"own_economics", l.own_economics[k]},
                    {"marginal_cutoff_gpt", l.marginal_cutoff_gpt[k]}};
    sj.update(pit_json(l.standalone[k], ps.production_rates_t_per_y, false));
    lj["standalone"].push_back(sj);
  }
  lj["sterilised_by_border"] = {{"value_usd", l.sterilised_value_usd},
                                {"metal_t", units::grams_to_tonnes(l.sterilised_metal_g)},
                                {"metal_oz", units::grams_to_troy_oz(l.sterilised_metal_g)}};
  return lj;
}

ordered_json pits_json(const RunResult& r, const borderpit::BorderPits& ps) {
  ordered_json pj;
  pj["slope_deg"] = ps.slope_deg;
  pj["benches"] = ps.benches;
  pj["slope_sectors"] = ordered_json::array();
  for (const auto& sec : ps.sectors)
    pj["slope_sectors"].push_back({{"from_deg", sec.azimuth_from_deg},
                                   {"to_deg", sec.azimuth_to_deg},
                                   {"slope_deg", sec.slope_deg}});
  pj["slope_zones"] = ordered_json::array();
  for (const auto& [id, slope] : ps.zone_slope_deg)
    pj["slope_zones"].push_back({{"id", id}, {"slope_deg", slope}});
  pj["pattern_offsets"] = ps.pattern_offsets;
  pj["pattern_over_mined_offsets"] = ps.pattern_over_mined_offsets;
  pj["value_unit"] = "USD, undiscounted; the solver works in whole dollars";
  ordered_json eco;
  for (const auto& [k, v] : ps.economics) eco[k] = v;
  pj["economics"] = eco;
  pj["marginal_cutoff_gpt"] = ps.marginal_cutoff_gpt;
  pj["breakeven_cutoff_gpt"] = ps.breakeven_cutoff_gpt;
  pj["joint"] = pit_json(ps.joint, ps.production_rates_t_per_y, false);
  if (!ps.pit_by_pit.empty()) pj["pit_by_pit"] = pit_by_pit_json(ps.pit_by_pit);
  pj["lines"] = ordered_json::array();
  for (const auto& l : ps.lines) pj["lines"].push_back(pit_line_json(r, ps, l));
  return pj;
}

ordered_json claim_json(const border::ClaimCheck& c) {
  ordered_json cj{{"source", c.claim.source},       {"date", c.claim.date},
                  {"statement", c.claim.statement}, {"side", c.claim.side},
                  {"share_pct", c.claim.share_pct}, {"tolerance_pct", c.claim.tolerance_pct}};
  cj["evaluations"] = ordered_json::array();
  ordered_json as_is = ordered_json::array(), with_offset = ordered_json::array();
  for (const auto& row : c.rows) {
    ordered_json ej{{"scenario", row.scenario},
                    {"measure", measure_name(row.measure)},
                    {"computed_pct", row.computed_pct},
                    {"consistent", row.consistent}};
    if (row.offset_computed) {
      ej.update(offset_json(row));
      if (row.offset.reachable)
        with_offset.push_back({{"scenario", row.scenario},
                               {"measure", measure_name(row.measure)},
                               {"offset_m", row.offset.offset_m}});
    }
    if (row.consistent)
      as_is.push_back({{"scenario", row.scenario}, {"measure", measure_name(row.measure)}});
    cj["evaluations"].push_back(ej);
  }
  cj["reproduced_as_is"] = as_is;
  cj["reproduced_with_offset"] = with_offset;
  return cj;
}

ordered_json claim_offsets_json(const RunResult& r) {
  return {{"max_offset_m", r.claim_offset_max_m},
          {"offset_is",
           "the whole line translated along the right-hand normal of its overall direction (first "
           "to last vertex); positive = towards side B, so side A grows"},
          {"method",
           "scan of the share at equal steps to the ends of the valid offset range, "
           "then Brent's method (Brent 1973); the offset of smallest magnitude is given"}};
}

ordered_json disputed_json(const border::DisputedResult& d) {
  ordered_json dj{{"side_x", d.side_x}, {"side_y", d.side_y}, {"lines", d.lines}};
  dj["undisputed_x"] = region_json(d.undisputed_x);
  dj["undisputed_y"] = region_json(d.undisputed_y);
  dj["disputed"] = region_json(d.disputed);
  dj["pairs"] = ordered_json::array();
  for (const auto& pr : d.pairs)
    dj["pairs"].push_back({{"first", pr.first},
                           {"second", pr.second},
                           {"x_by_first_only", region_json(pr.x_by_first)},
                           {"x_by_second_only", region_json(pr.x_by_second)}});
  return dj;
}

/// The report's opening keys: what, which version, the CRS, the grid and the whole model.
ordered_json report_head_json(const RunResult& r) {
  ordered_json j;
  j["schema"] = "lodeline.report/1";
  j["lodeline_version"] = r.version;
  j["project"] = r.project_name;
  j["synthetic"] = r.synthetic;
  if (r.synthetic)
    j["notice"] = "SYNTHETIC DATA: every number in this report describes a made-up deposit.";
  j["crs"] = r.crs;
  j["crs_name"] = r.crs_name;
  j["grid"] = {{"origin_m", r.grid.origin_m},
               {"block_size_m", r.grid.block_size_m},
               {"counts", r.grid.counts},
               {"rotation_deg", r.grid.rotation_deg}};
  j["cutoff_gpt"] = r.cutoffs_gpt.front();
  j["cutoffs_gpt"] = r.cutoffs_gpt;
  j["total"] = tally_json(r.total);
  if (r.has_licence()) {
    j["total"]["licence_area_m2"] = r.licence_area_m2;
    j["licence_area_outside_model_m2"] = r.licence_area_outside_m2;
  }
  return j;
}

}  // namespace

std::string report_json(const RunResult& r) {
  ordered_json j = report_head_json(r);
  j["scenarios"] = ordered_json::array();
  for (const auto& s : r.scenarios) j["scenarios"].push_back(scenario_json(r, s));
  if (r.estimation) j["estimation"] = estimation_json(*r.estimation, r);
  if (r.pits) j["pits"] = pits_json(r, *r.pits);
  j["claims"] = ordered_json::array();
  for (const auto& c : r.claims) j["claims"].push_back(claim_json(c));
  if (!r.claims.empty()) j["claim_offsets"] = claim_offsets_json(r);
  if (!r.disputed.empty()) {
    j["disputed_ground"] = ordered_json::array();
    for (const auto& d : r.disputed) j["disputed_ground"].push_back(disputed_json(d));
  }
  j["diagnostics"] = ordered_json::array();
  for (const auto& d : r.diagnostics) j["diagnostics"].push_back(shown_diagnostic(r, d));
  j["inputs"] = ordered_json::array();
  for (const auto& [role, path] : r.inputs)
    j["inputs"].push_back({{"role", role}, {"path", shown_path(r, path)}});
  return j.dump(1) + "\n";
}

namespace {

std::string whole_model_markdown(const RunResult& r) {
  std::string md;
  md += fmt::format("# {} — resource split report\n\n", r.project_name);
  if (r.synthetic)
    md +=
        "> **SYNTHETIC DATA.** Every number below describes a made-up deposit built by "
        "`lodeline demo`; none is a statement about a real mine.\n\n";
  md += fmt::format(
      "CRS: {}. Cut-off: {} g/t. Side A of each line is the LEFT of the line walked "
      "from its first to its last vertex.\n\n",
      r.crs_name, r.cutoffs_gpt.front());
  const auto& t0 = r.total.by_cutoff.front();
  md += fmt::format(
      "**Whole model** above {} g/t: {:.3f} Mt at {:.3f} g/t = {:.3f} t gold "
      "({:.0f} oz).",
      t0.cutoff_gpt, t0.ore_t / 1e6, t0.grade_gpt(), units::grams_to_tonnes(t0.metal_g),
      units::grams_to_troy_oz(t0.metal_g));
  if (r.has_licence()) md += fmt::format(" Licence area {:.4f} km².", r.licence_area_m2 / 1e6);
  md += "\n\n";
  return md;
}

/// "'West' (side A)", or "Side A" when that is the side's name.
std::string side_label(const std::string& name, const std::string& letter) {
  const bool same = equal_ignoring_case(name, "side " + letter);
  return same ? "Side " + letter : fmt::format("'{}' (side {})", name, letter);
}

std::string scenario_markdown(const RunResult& r, const border::LineResult& s) {
  std::string md;
  md += fmt::format("## Line '{}' ({})\n\n", s.scenario.name, s.scenario.kind);
  if (!s.scenario.source.empty() || !s.scenario.date.empty())
    md += fmt::format("Source: {} ({}).\n\n", s.scenario.source, s.scenario.date);
  md += "| side | extent area km² | licence area | ore Mt | grade g/t | gold t | gold oz |\n";
  md += "|---|---:|---:|---:|---:|---:|---:|\n";
  for (std::size_t k = 0; k < 2; ++k) {
    const auto& side = s.sides[k];
    const auto& gt = side.by_cutoff.front();
    md += fmt::format("| {} | {:.4f} | {} | {:.3f} | {:.3f} | {:.3f} | {:.0f} |\n",
                      k == 0 ? s.scenario.side_a : s.scenario.side_b, side.area_m2 / 1e6,
                      r.has_licence() ? pct(100 * s.licence_area_m2[k] / r.licence_area_m2) : "—",
                      gt.ore_t / 1e6, gt.grade_gpt(), units::grams_to_tonnes(gt.metal_g),
                      units::grams_to_troy_oz(gt.metal_g));
  }
  md += "\nShares by measure (side A / side B):";
  for (const auto m : border::kShareMeasures) {
    const auto sh = border::shares_pct(s, m, r.has_licence());
    if (!std::isnan(sh[0]))
      md += fmt::format(" {} {:.1f} / {:.1f};", measure_name(m), sh[0], sh[1]);
  }
  if (s.side_a_bearing_deg)
    md += fmt::format(
        "\n\n{} lies {} of the line, {} {}, from the centres of their areas in the "
        "model.",
        side_label(s.scenario.side_a, "A"), border::compass_word(*s.side_a_bearing_deg),
        side_label(s.scenario.side_b, "B"),
        border::compass_word(border::opposite_deg(*s.side_a_bearing_deg)));
  md += fmt::format(
      "\n\nColumns: {} wholly side A, {} wholly side B, {} straddling. "
      "A + B = total: {} (max relative error {:.1e}).\n\n",
      s.split.counts.full_left, s.split.counts.full_right, s.split.counts.straddling,
      s.closure_rel_error <= 1e-9 ? "yes" : "NO", s.closure_rel_error);
  for (const auto& mc : r.monte_carlo)
    if (mc.scenario == s.scenario.name) md += monte_carlo_markdown(s, mc);
  for (const auto& sv : r.surveys)
    if (sv.scenario == s.scenario.name) md += survey_markdown(sv, r);
  return md;
}

/// One pit as a table row; mine life at each production rate.
std::string pit_row_markdown(const borderpit::BorderPits& ps, const std::string& name,
                             const borderpit::PitSummary& p) {
  std::string life;
  for (double rate : ps.production_rates_t_per_y)
    life += fmt::format("{}{:.1f}", life.empty() ? "" : " / ", p.ore_t / rate);
  return fmt::format("| {} | {:.1f} | {:.3f} | {:.3f} | {:.2f} | {:.3f} | {} |\n", name,
                     p.value_usd / 1e6, p.ore_t / 1e6, p.waste_t / 1e6,
                     p.ore_t > 0 ? p.waste_t / p.ore_t : 0.0, units::grams_to_tonnes(p.metal_g),
                     life);
}

std::string pit_by_pit_markdown(const std::vector<pit::PitRow>& rows) {
  std::string md =
      "### Pit by pit (joint pit, nested by revenue factor)\n\n"
      "| revenue factor | ore Mt | waste Mt | strip | gold t | value at base price M USD |\n"
      "|---:|---:|---:|---:|---:|---:|\n";
  for (const auto& row : rows)
    md += fmt::format("| {:.2f} | {:.3f} | {:.3f} | {:.2f} | {:.3f} | {:.1f} |\n",
                      row.revenue_factor, row.ore_t.value_or(0) / 1e6,
                      row.waste_t.value_or(0) / 1e6, row.strip_ratio.value_or(0),
                      units::grams_to_tonnes(row.metal_g.value_or(0)), row.value_usd / 1e6);
  md += "\n";
  return md;
}

/// "Model limits: ..." when a pit of the line meets the model's edge or floor, else "".
std::string model_limits_markdown(const borderpit::LinePits& l, const border::LineResult* sr) {
  std::vector<std::string> at;
  const std::array<std::string, 3> names{"the joint pit",
                                         fmt::format("{} alone", sr ? sr->scenario.side_a : "A"),
                                         fmt::format("{} alone", sr ? sr->scenario.side_b : "B")};
  const std::array<const borderpit::PitSummary*, 3> pits{&l.joint, &l.standalone[0],
                                                         &l.standalone[1]};
  for (std::size_t k = 0; k < 3; ++k)
    if (pits[k]->at_model_limits())
      at.push_back(
          fmt::format("{} mines {} columns on the model's edge and {} down to its "
                      "lowest bench",
                      names[k], pits[k]->edge_columns, pits[k]->floor_columns));
  if (at.empty()) return "";
  return fmt::format(
      "**Model limits:** {}. Those pits may continue beyond the model: their values and the "
      "figures above are bounded by the model's extent (extend the model where they meet it).\n\n",
      fmt::join(at, "; "));
}

std::string pit_line_markdown(const RunResult& r, const borderpit::BorderPits& ps,
                              const borderpit::LinePits& l, const std::string& rates) {
  const border::LineResult* sr = scenario_named(r, l.scenario);
  std::string md;
  md += fmt::format("### Line '{}' (straddling blocks: {})\n\n", l.scenario,
                    borderpit::straddling_names().name(l.straddling));
  md += fmt::format(
      "| pit | value M USD | ore Mt | waste Mt | strip | gold t | mine life, years at {} kt/y |\n",
      rates);
  md += "|---|---:|---:|---:|---:|---:|---|\n";
  md += pit_row_markdown(ps, "joint (unitised)", l.joint);
  for (std::size_t k = 0; k < 2; ++k)
    md += pit_row_markdown(
        ps,
        fmt::format("{} alone{}", sr ? (k == 0 ? sr->scenario.side_a : sr->scenario.side_b) : "?",
                    l.own_economics[k] ? fmt::format(" (own economics, mill cut-off {:.3f} g/t)",
                                                     l.marginal_cutoff_gpt[k])
                                       : std::string()),
        l.standalone[k]);
  md += fmt::format(
      "\nThe joint pit allocated by footprint: {} {:.1f} M USD / {:.3f} t gold; {} {:.1f} M USD / "
      "{:.3f} t gold. The border sterilises {:.1f} M USD and {:.3f} t of gold "
      "(joint minus both standalone pits).\n\n",
      sr ? sr->scenario.side_a : "A", l.joint.side_value_usd[0] / 1e6,
      units::grams_to_tonnes(l.joint.side_metal_g[0]), sr ? sr->scenario.side_b : "B",
      l.joint.side_value_usd[1] / 1e6, units::grams_to_tonnes(l.joint.side_metal_g[1]),
      l.sterilised_value_usd / 1e6, units::grams_to_tonnes(l.sterilised_metal_g));
  md += model_limits_markdown(l, sr);
  return md;
}

/// "Slope 45°", or the sectors in force, then the zones' own slopes.
std::string slope_text(const borderpit::BorderPits& ps) {
  std::string text;
  if (ps.sectors.empty()) {
    text = fmt::format("Slope {}°", ps.slope_deg);
  } else {
    std::vector<std::string> parts;
    for (const auto& sec : ps.sectors)
      parts.push_back(fmt::format("{}° facing azimuths {}° to {}°", sec.slope_deg,
                                  sec.azimuth_from_deg, sec.azimuth_to_deg));
    text = fmt::format("Slope by sector: {}", fmt::join(parts, ", "));
  }
  if (!ps.zone_slope_deg.empty()) {
    std::vector<std::string> zones;
    for (const auto& [id, slope] : ps.zone_slope_deg)
      zones.push_back(fmt::format("zone {} {}°", id, slope));
    text += fmt::format(" (elsewhere; {})", fmt::join(zones, ", "));
  }
  return text;
}

std::string pits_markdown(const RunResult& r, const borderpit::BorderPits& ps) {
  std::string md = fmt::format(
      "## Ultimate pits: together and apart\n\n{} over {} benches ({} offsets). "
      "Marginal (mill) cut-off {:.3f} g/t; break-even {:.3f} g/t. Values are "
      "undiscounted USD.\n\n",
      slope_text(ps), ps.benches, ps.pattern_offsets, ps.marginal_cutoff_gpt,
      ps.breakeven_cutoff_gpt);
  std::string rates;
  for (double rate : ps.production_rates_t_per_y)
    rates += fmt::format("{}{:.0f}", rates.empty() ? "" : " / ", rate / 1e3);
  if (!ps.pit_by_pit.empty()) md += pit_by_pit_markdown(ps.pit_by_pit);
  for (const auto& l : ps.lines) md += pit_line_markdown(r, ps, l, rates);
  return md;
}

std::string claims_markdown(const RunResult& r) {
  std::string md = "## Claims, as published, against the numbers\n\n";
  md +=
      "| source | date | statement | side | claimed | line | measure | computed | within "
      "tolerance |\n";
  md += "|---|---|---|---|---:|---|---|---:|---|\n";
  for (const auto& c : r.claims)
    for (const auto& row : c.rows)
      md += fmt::format("| {} | {} | “{}” | {} | {:.0f} % ± {:.0f} | {} | {} | {:.1f} % | {} |\n",
                        c.claim.source, c.claim.date, c.claim.statement, c.claim.side,
                        c.claim.share_pct, c.claim.tolerance_pct, row.scenario,
                        measure_name(row.measure), row.computed_pct, row.consistent ? "yes" : "no");
  md += "\n";
  md += claim_offsets_markdown(r);
  return md;
}

}  // namespace

std::string report_markdown(const RunResult& r) {
  std::string md = whole_model_markdown(r);
  for (const auto& s : r.scenarios) md += scenario_markdown(r, s);
  if (r.estimation) md += estimation_markdown(*r.estimation, r);
  if (r.pits) md += pits_markdown(r, *r.pits);
  if (!r.claims.empty()) md += claims_markdown(r);
  if (!r.disputed.empty()) md += disputed_markdown(r);
  if (!r.diagnostics.empty()) {
    md += "## Warnings and notes\n\n";
    for (const auto& d : r.diagnostics) md += "- " + shown_diagnostic(r, d) + "\n";
    md += "\n";
  }
  return md;
}

namespace {

/// Pit membership per block: bit 0 joint, bit 1 + 2*line side A, bit 2 + 2*line side B.
std::string blocks_csv_header(const RunResult& r, const borderpit::BorderPits* ps) {
  std::string csv = "i,j,k,xc,yc,zc,grade_gpt,tonnes";
  for (const auto& s : r.scenarios) csv += ",fraction_a_" + s.scenario.name;
  if (ps) {
    csv += ",destination,in_pit_joint";
    for (const auto& l : ps->lines)
      csv += ",in_pit_" + l.scenario + "_a,in_pit_" + l.scenario + "_b";
    if (!ps->shell.empty()) csv += ",shell_revenue_factor";
  }
  csv += "\n";
  return csv;
}

/// A block's destination, pit membership and shell.
void append_pit_fields(const borderpit::BorderPits& ps, std::uint32_t in_pit, std::size_t bi,
                       std::string& csv) {
  static constexpr const char* kDest[] = {",", ",waste", ",mill"};
  csv += kDest[static_cast<int>(ps.destination[bi])];
  for (std::size_t bit = 0; bit < 1 + 2 * ps.lines.size(); ++bit)
    csv += (in_pit >> bit) & 1u ? ",1" : ",0";
  if (!ps.shell.empty())
    csv += ps.shell[bi] < 0
               ? std::string(",")
               : fmt::format(",{}", ps.revenue_factors[static_cast<std::size_t>(ps.shell[bi])]);
}

/// Blocks at or above the lowest cut-off, and every block of a pit.
std::string blocks_csv(const RunResult& r, const std::vector<std::uint32_t>& in_pit) {
  const auto& grade_gpt = r.grade_gpt;
  const auto& tonnes = r.tonnes;
  const double min_cut = *std::min_element(r.cutoffs_gpt.begin(), r.cutoffs_gpt.end());
  const BlockGrid& g = r.grid;
  const borderpit::BorderPits* ps = r.pits ? &*r.pits : nullptr;
  std::string csv = blocks_csv_header(r, ps);
  for (std::int64_t b = 0; b < g.block_count(); ++b) {
    const auto bi = static_cast<std::size_t>(b);
    const double grade = grade_gpt[bi];
    const bool pit_block = ps && in_pit[bi] != 0;
    if (!(grade >= min_cut) && !pit_block) continue;
    const auto ijk = g.ijk(b);
    const auto c = g.centroid(ijk[0], ijk[1], ijk[2]);
    fmt::format_to(std::back_inserter(csv), "{},{},{},{},{},{},{},{}", ijk[0], ijk[1], ijk[2], c[0],
                   c[1], c[2], grade, tonnes[bi]);
    for (const auto& s : r.scenarios)
      fmt::format_to(
          std::back_inserter(csv), ",{}",
          s.split.fraction_left[static_cast<std::size_t>(g.column_index(ijk[0], ijk[1]))]);
    if (ps) append_pit_fields(*ps, in_pit[bi], bi, csv);
    csv += "\n";
  }
  return csv;
}

/// Pit floor per column: elevation of the base of the lowest mined block (empty: not mined).
std::string pit_surface_csv(const BlockGrid& g, const borderpit::BorderPits& ps,
                            const std::vector<std::uint32_t>& in_pit) {
  const std::size_t npits = 1 + 2 * ps.lines.size();
  const std::vector<std::int64_t> lowest = lowest_mined_k(g, npits, in_pit);
  std::string surface = "i,j,xc,yc,floor_z_joint";
  for (const auto& l : ps.lines)
    surface += ",floor_z_" + l.scenario + "_a,floor_z_" + l.scenario + "_b";
  surface += "\n";
  for (std::int64_t j = 0; j < g.ny(); ++j)
    for (std::int64_t i = 0; i < g.nx(); ++i) {
      const auto col = static_cast<std::size_t>(g.column_index(i, j));
      bool any = false;
      for (std::size_t p = 0; p < npits; ++p) any = any || lowest[col * npits + p] >= 0;
      if (!any) continue;
      const auto c = g.centroid(i, j, 0);
      fmt::format_to(std::back_inserter(surface), "{},{},{},{}", i, j, c[0], c[1]);
      for (std::size_t p = 0; p < npits; ++p) {
        const std::int64_t k = lowest[col * npits + p];
        if (k < 0)
          surface += ",";
        else
          fmt::format_to(std::back_inserter(surface), ",{}",
                         g.origin_m[2] + static_cast<double>(k) * g.block_size_m[2]);
      }
      surface += "\n";
    }
  return surface;
}

/// Each line and side A's territory, in the project CRS.
}  // namespace

std::vector<std::uint32_t> pit_membership(const borderpit::BorderPits& ps,
                                          std::size_t block_count) {
  std::vector<std::uint32_t> in_pit(block_count, 0);
  for (auto id : ps.joint_mined) in_pit[static_cast<std::size_t>(id)] |= 1u;
  for (std::size_t l = 0; l < ps.side_mined.size(); ++l)
    for (std::size_t k = 0; k < 2; ++k)
      for (auto id : ps.side_mined[l][k])
        in_pit[static_cast<std::size_t>(id)] |= 1u << (1 + 2 * l + k);
  return in_pit;
}

std::vector<std::int64_t> lowest_mined_k(const BlockGrid& g, std::size_t npits,
                                         const std::vector<std::uint32_t>& in_pit) {
  const auto ncol = static_cast<std::size_t>(g.column_count());
  std::vector<std::int64_t> lowest(ncol * npits, -1);
  for (std::int64_t b = g.block_count() - 1; b >= 0; --b) {
    const auto bi = static_cast<std::size_t>(b);
    if (!in_pit[bi]) continue;
    const auto col = bi % ncol;
    for (std::size_t p = 0; p < npits; ++p)
      if ((in_pit[bi] >> p) & 1u) lowest[col * npits + p] = b / static_cast<std::int64_t>(ncol);
  }
  return lowest;
}

void write_reports(const std::filesystem::path& dir, const RunResult& r) {
  const std::string json = report_json(r);
  const std::string md = report_markdown(r);
  const borderpit::BorderPits* ps = r.pits ? &*r.pits : nullptr;
  const std::vector<std::uint32_t> in_pit =
      ps ? pit_membership(*ps, static_cast<std::size_t>(r.grid.block_count()))
         : std::vector<std::uint32_t>{};
  const std::string csv = blocks_csv(r, in_pit);
  const std::string surface = ps ? pit_surface_csv(r.grid, *ps, in_pit) : std::string();
  const GisFiles gis = gis_files(r, in_pit);
  io::OutputSet out(dir);
  out.add("report.json", json);
  out.add("report.md", md);
  out.add("blocks.csv", csv);
  out.add("territories.geojson", gis.territories);
  out.add("layers.gpkg", gis.geopackage);
  out.add("columns.tif", gis.geotiff);
  if (ps)
    out.add("pit_surface.csv", surface);
  else
    out.remove_stale("pit_surface.csv");
  out.commit();
}

}  // namespace lodeline::report
