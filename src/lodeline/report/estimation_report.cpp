// SPDX-License-Identifier: Apache-2.0
// Writers of the estimation section: report.json "estimation" and the report.md section.
#include <fmt/format.h>

#include <cmath>

#include "lodeline/core/units.hpp"
#include "lodeline/kriging/option_table.hpp"
#include "lodeline/report/json_parts.hpp"
#include "lodeline/report/resource_report.hpp"

namespace lodeline::report {
namespace {

using nlohmann::ordered_json;

ordered_json number_or_null(double v) {
  return std::isfinite(v) ? ordered_json(v) : ordered_json();
}

ordered_json search_json(const kriging::SearchOptions& s) {
  ordered_json j;
  j["metric"] = kriging::metric_names().name(s.metric);
  j["max_samples"] = s.max_samples;
  j["min_samples"] = s.min_samples;
  j["max_distance_m"] = number_or_null(s.max_distance_m);
  j["max_per_hole"] = s.max_per_hole;
  j["max_per_octant"] = s.max_per_octant;
  return j;
}

ordered_json sides_json(const RunResult& r,
                        const std::vector<std::array<border::SideTally, 2>>& est,
                        const std::vector<std::array<border::SideTally, 2>>* truth) {
  ordered_json a = ordered_json::array();
  for (std::size_t k = 0; k < r.scenarios.size() && k < est.size(); ++k) {
    const auto& sc = r.scenarios[k].scenario;
    ordered_json s{{"name", sc.name}, {"sides", ordered_json::array()}};
    for (std::size_t side = 0; side < 2; ++side) {
      ordered_json o{{"name", side == 0 ? sc.side_a : sc.side_b}};
      if (truth) {
        o["estimate"] = tally_json(est[k][side]);
        o["truth"] = tally_json((*truth)[k][side]);
      } else {
        const auto t = tally_json(est[k][side]);
        for (auto it = t.begin(); it != t.end(); ++it) o[it.key()] = it.value();
      }
      s["sides"].push_back(o);
    }
    a.push_back(s);
  }
  return a;
}

double pct_diff(double est, double truth) {
  return truth != 0 ? 100.0 * (est - truth) / truth : NAN;
}

std::size_t below_detection_values(const estimation::EstimationResult& e) {
  std::size_t bdl = 0;
  for (std::size_t v : e.counts.below_detection) bdl += v;
  return bdl;
}

/// Length of the kept intervals without a value of the estimated column (blank, a missing-value
/// code, a bad value kept by force).
double no_value_length_m(const estimation::EstimationResult& e) {
  return e.counts.no_value_length_m.empty() ? 0.0 : e.counts.no_value_length_m.front();
}

ordered_json drillholes_json(const estimation::EstimationResult& e, const RunResult& r) {
  ordered_json dh;
  dh["collars"] = shown_path(r, e.collars_file);
  dh["surveys"] = shown_path(r, e.surveys_file);
  dh["assays"] = shown_path(r, e.assays_file);
  dh["value"] = e.value_name;
  dh["holes"] = e.counts.holes;
  dh["holes_without_data"] = e.counts.holes_without_data;
  dh["holes_without_survey"] = e.counts.holes_without_survey;
  dh["intervals"] = e.counts.intervals;
  dh["interval_length_m"] = e.counts.interval_length_m;
  dh["gaps"] = e.counts.gaps;
  dh["gap_length_m"] = e.counts.gap_length_m;
  dh["no_value_length_m"] = no_value_length_m(e);
  dh["below_detection_values"] = below_detection_values(e);
  dh["below_detection_rule"] = e.below_detection_rule;
  dh["dip_convention"] = {{"declared", e.dip_convention_declared}, {"used", e.dip_convention_used}};
  dh["errors"] = e.counts.errors;
  dh["warnings"] = e.counts.warnings;
  dh["findings"] = ordered_json::array();
  for (const auto& f : e.findings)
    dh["findings"].push_back(
        {{"severity", std::string(drillhole::to_string(f.severity))},
         {"code", f.code},
         {"message", f.message},
         {"location",
          InputLocation{shown_path(r, f.location.file), f.location.line, f.location.column}.str()},
         {"forced", f.forced}});
  return dh;
}

ordered_json composites_json(const estimation::EstimationResult& e) {
  ordered_json comp;
  comp["length_m"] = e.composite_length_m;
  comp["min_length_m"] = e.composite_min_length_m;
  comp["residual"] = e.residual_rule;
  comp["topcuts"] = ordered_json::array();
  for (const auto& t : e.topcuts) comp["topcuts"].push_back({{"column", t.column}, {"cap", t.cap}});
  comp["count"] = e.composites;
  comp["outside_model"] = e.composites_outside_model;
  comp["capped_intervals"] = e.capped;
  comp["residuals_dropped"] = e.residuals_dropped;
  comp["residuals_merged"] = e.residuals_merged;
  comp["mean_gpt"] = e.composite_mean_gpt;
  comp["metal_balance_gpt_m"] = {
      {"raw", e.metal_raw},
      {"after_topcut", e.metal_after_topcut},
      {"composites", e.metal_composites},
      {"dropped", e.metal_dropped},
      {"composites_vs_after_topcut_pct",
       number_or_null(pct_diff(e.metal_composites, e.metal_after_topcut))}};
  return comp;
}

ordered_json variogram_json(const estimation::EstimationResult& e, const RunResult& r) {
  ordered_json vg;
  vg["file"] = shown_path(r, e.model_file);
  vg["source"] = e.model_source;
  vg["model"] = ordered_json::parse(variogram::to_json(e.model).dump());
  vg["experimental"] = ordered_json::array();
  for (const auto& ev : e.experimental) {
    ordered_json o{{"label", ev.label}, {"lags", ordered_json::array()}};
    for (std::size_t k = 0; k < ev.values.size(); ++k) {
      const auto& lag = ev.values[k];
      if (lag.pairs == 0) continue;
      o["lags"].push_back(
          {{"pairs", lag.pairs}, {"mean_distance_m", lag.mean_distance_m}, {"gamma", lag.gamma}});
    }
    vg["experimental"].push_back(o);
  }
  return vg;
}

ordered_json kriging_json(const estimation::EstimationResult& e) {
  ordered_json kr;
  kr["method"] = e.method;
  kr["support"] = e.support;
  kr["search"] = search_json(e.search);
  kr["blocks"] = e.blocks;
  kr["estimated"] = e.estimated;
  kr["not_estimated_too_few_samples"] = e.too_few;
  kr["singular_systems"] = e.singular;
  kr["duplicate_samples_merged"] = e.duplicates_merged;
  kr["blocks_with_negative_weights"] = e.blocks_with_negative_weights;
  kr["unestimated_blocks_are"] = e.unestimated;
  kr["mean_slope_of_regression"] = number_or_null(e.mean_slope);
  kr["mean_kriging_efficiency"] = number_or_null(e.mean_efficiency);
  kr["mean_kriging_variance"] = number_or_null(e.mean_variance);
  return kr;
}

ordered_json cross_validation_json(const estimation::EstimationResult& e) {
  ordered_json cv{{"mode", e.cross_validation}};
  if (e.cross_validation == "none") return cv;
  cv["samples"] = e.cv.n;
  cv["not_estimated"] = e.cv.not_estimated;
  cv["mean_error"] = number_or_null(e.cv.mean_error);
  cv["mean_squared_error"] = number_or_null(e.cv.mean_squared_error);
  cv["mean_standardised_error"] = number_or_null(e.cv.mean_standardised_error);
  cv["mean_squared_standardised_error"] = number_or_null(e.cv.mean_squared_standardised_error);
  cv["correlation"] = number_or_null(e.cv.correlation);
  return cv;
}

ordered_json truth_json(const estimation::EstimationResult& e, const RunResult& r) {
  ordered_json t;
  t["file"] = shown_path(r, e.truth_file);
  t["compared_blocks"] = e.compared_blocks;
  t["truth_mean_gpt"] = e.truth_mean_gpt;
  t["estimate_mean_gpt"] = e.estimate_mean_gpt;
  t["global_bias_pct"] = number_or_null(e.bias_pct);
  t["correlation"] = number_or_null(e.correlation);
  t["total"] = {{"estimate", tally_json(r.total)}, {"truth", tally_json(e.truth_total)}};
  std::vector<std::array<border::SideTally, 2>> est;
  for (const auto& s : r.scenarios) est.push_back(s.sides);
  t["scenarios"] = sides_json(r, est, &e.truth_sides);
  return t;
}

std::string classification_markdown(const estimation::EstimationResult& e, const RunResult& r) {
  std::string md =
      fmt::format("### Classification (user rule), above {} g/t\n\n", r.cutoffs_gpt.front());
  md += "| class | rule | blocks | ore Mt | grade g/t | gold t |";
  for (const auto& s : r.scenarios)
    md += fmt::format(" '{}': {} / {} gold t |", s.scenario.name, s.scenario.side_a,
                      s.scenario.side_b);
  md += "\n|---|---|---:|---:|---:|---:|";
  for (std::size_t k = 0; k < r.scenarios.size(); ++k) md += "---:|";
  md += "\n";
  for (const auto& c : e.classes) {
    const auto& gt = c.total.by_cutoff.front();
    md += fmt::format("| {} | {} | {} | {:.3f} | {:.3f} | {:.3f} |", c.name, c.rule, c.blocks,
                      gt.ore_t / 1e6, gt.grade_gpt(), units::grams_to_tonnes(gt.metal_g));
    for (const auto& s : c.sides)
      md +=
          fmt::format(" {:.3f} / {:.3f} |", units::grams_to_tonnes(s[0].by_cutoff.front().metal_g),
                      units::grams_to_tonnes(s[1].by_cutoff.front().metal_g));
    md += "\n";
  }
  md += "\n";
  return md;
}

std::string truth_row_markdown(const std::string& where, const border::GradeTonnage& est,
                               const border::GradeTonnage& tru) {
  return fmt::format("| {} | {} | {:.3f} | {:.3f} | {:.3f} | {:.3f} | {:+.1f} % |\n", where,
                     est.cutoff_gpt, est.ore_t / 1e6, tru.ore_t / 1e6,
                     units::grams_to_tonnes(est.metal_g), units::grams_to_tonnes(tru.metal_g),
                     pct_diff(est.metal_g, tru.metal_g));
}

std::string truth_markdown(const estimation::EstimationResult& e, const RunResult& r) {
  std::string md = "### The estimate against the truth it was drilled from (synthetic data)\n\n";
  md += fmt::format(
      "{} blocks compared: mean grade estimate {:.4f} g/t vs truth {:.4f} g/t (global bias "
      "{:+.2f} %), correlation {:.3f}.\n\n",
      e.compared_blocks, e.estimate_mean_gpt, e.truth_mean_gpt, e.bias_pct, e.correlation);
  md +=
      "| where | cut-off g/t | ore Mt estimate | ore Mt truth | gold t estimate | gold t truth | "
      "gold difference |\n|---|---:|---:|---:|---:|---:|---:|\n";
  for (std::size_t c = 0; c < r.cutoffs_gpt.size(); ++c)
    md += truth_row_markdown("whole model", r.total.by_cutoff[c], e.truth_total.by_cutoff[c]);
  for (std::size_t k = 0; k < r.scenarios.size() && k < e.truth_sides.size(); ++k) {
    const auto& s = r.scenarios[k];
    for (std::size_t side = 0; side < 2; ++side)
      md += truth_row_markdown(fmt::format("'{}' {}", s.scenario.name,
                                           side == 0 ? s.scenario.side_a : s.scenario.side_b),
                               s.sides[side].by_cutoff.front(),
                               e.truth_sides[k][side].by_cutoff.front());
  }
  md += "\n";
  return md;
}

}  // namespace

ordered_json estimation_json(const estimation::EstimationResult& e, const RunResult& r) {
  ordered_json j;
  j["drillholes"] = drillholes_json(e, r);
  j["desurvey"] = {{"method", e.desurvey_method},
                   {"max_balanced_tangent_vs_minimum_curvature_m", e.max_balanced_vs_mincurv_m},
                   {"max_tangent_vs_minimum_curvature_m", e.max_tangent_vs_mincurv_m}};
  j["composites"] = composites_json(e);
  j["variogram"] = variogram_json(e, r);
  j["kriging"] = kriging_json(e);
  j["cross_validation"] = cross_validation_json(e);
  j["classification"] = ordered_json::array();
  for (const auto& c : e.classes)
    j["classification"].push_back({{"class", c.name},
                                   {"rule", c.rule},
                                   {"blocks", c.blocks},
                                   {"total", tally_json(c.total)},
                                   {"scenarios", sides_json(r, c.sides, nullptr)}});
  if (e.has_truth) j["truth"] = truth_json(e, r);
  return j;
}

std::string estimation_markdown(const estimation::EstimationResult& e, const RunResult& r) {
  std::string md = "## Estimate from drillholes\n\n";
  md += fmt::format(
      "{} holes, {} intervals over {:.1f} m ({} gaps, {:.1f} m unsampled); {} below-detection "
      "values ({}); dip convention {} (declared {}). Findings: {} errors, {} warnings.\n\n",
      e.counts.holes, e.counts.intervals, e.counts.interval_length_m, e.counts.gaps,
      e.counts.gap_length_m + no_value_length_m(e), below_detection_values(e),
      e.below_detection_rule, e.dip_convention_used, e.dip_convention_declared, e.counts.errors,
      e.counts.warnings);
  md += fmt::format(
      "Desurvey: {} (largest end-of-hole difference: balanced tangent {:.2f} m, tangent {:.2f} m). "
      "Composites: {} of {} m{} (minimum {} m, residual {}), {} intervals top-cut; metal balance "
      "(g/t·m) raw {:.1f}, after top-cut {:.1f}, composites {:.1f}, dropped {:.1f}.\n\n",
      e.desurvey_method, e.max_balanced_vs_mincurv_m, e.max_tangent_vs_mincurv_m, e.composites,
      e.composite_length_m,
      e.composites_outside_model == 0
          ? std::string()
          : fmt::format(", {} of them outside the block model", e.composites_outside_model),
      e.composite_min_length_m, e.residual_rule, e.capped, e.metal_raw, e.metal_after_topcut,
      e.metal_composites, e.metal_dropped);
  md += fmt::format("Variogram ({}, {}): nugget {:.4g}", shown_path(r, e.model_file),
                    e.model_source, e.model.nugget);
  for (const auto& s : e.model.structures)
    md += fmt::format(
        " + {} sill {:.4g}, ranges {:.1f}/{:.1f}/{:.1f} m, angles {:.1f}/{:.1f}/{:.1f}°",
        variogram::to_string(s.type), s.sill, s.ranges_m[0], s.ranges_m[1], s.ranges_m[2],
        s.angles_deg[0], s.angles_deg[1], s.angles_deg[2]);
  md += ".\n\n";
  md += fmt::format(
      "{} ({}), {} to {} samples, {} per hole at most: {} of {} blocks estimated ({} with too few "
      "samples, {} singular); mean slope of regression {:.3f}, mean kriging efficiency {:.3f}; {} "
      "blocks with negative weights.\n\n",
      e.method, e.support, e.search.min_samples, e.search.max_samples, e.search.max_per_hole,
      e.estimated, e.blocks, e.too_few, e.singular, e.mean_slope, e.mean_efficiency,
      e.blocks_with_negative_weights);
  if (e.cross_validation != "none")
    md += fmt::format(
        "Cross-validation ({}): {} samples, mean error {:.4f} g/t, mean squared error {:.4f}, mean "
        "squared standardised error {:.3f}, correlation {:.3f}.\n\n",
        e.cross_validation, e.cv.n, e.cv.mean_error, e.cv.mean_squared_error,
        e.cv.mean_squared_standardised_error, e.cv.correlation);
  if (!e.classes.empty()) md += classification_markdown(e, r);
  if (e.has_truth) md += truth_markdown(e, r);
  return md;
}

}  // namespace lodeline::report
