// SPDX-License-Identifier: Apache-2.0
// Option tables of the estimation stage.
#include "lodeline/estimation/option_table.hpp"

#include <fmt/format.h>

namespace lodeline::estimation {

using options::bounded;
using options::Kind;
using options::metres_or_zero;
using options::Spec;
using options::Value;

const options::Table<EstimationConfig>& estimate_run_table() {
  using options::Kind;
  using options::Spec;
  using options::Value;
  static const options::Table<EstimationConfig> table = [] {
    Spec cv = options::spec("cross_validation", Kind::choice, "cross-validation run");
    cv.choices = {{"leave_one_hole_out", {}, "every hole left out in turn (needs hole ids)"},
                  {"leave_one_out", {}, "every composite left out in turn"},
                  {"none", {}, "no cross-validation"}};
    Spec unestimated =
        options::spec("unestimated", Kind::choice, "blocks the search leaves without an estimate");
    unestimated.choices = {{"waste", {}, "rock at 0 grade with the model's density"},
                           {"absent", {}, "not part of the model"}};
    Spec truth = options::spec(
        "truth", Kind::text, "synthetic data: the block model the holes were drilled from (.lbm)");
    truth.default_text = "none";
    Spec truth_grade = options::spec("truth_grade", Kind::text, "the grade column of `truth`");
    using C = EstimationConfig;
    return options::Table<C>{
        "estimate",
        "Around the estimator (project only)",
        {options::member<C>(
             cv, [](auto& c) -> auto& { return c.cross_validation; }),
         options::member<C>(
             unestimated, [](auto& c) -> auto& { return c.unestimated; }),
         options::custom<C>(
             truth, [](const C& c) { return Value(c.truth_file.string()); },
             [](C& c, const Value& v) { c.truth_file = std::get<std::string>(v); }),
         options::member<C>(
             truth_grade, [](auto& c) -> auto& { return c.truth_grade; })},
        {}};
  }();
  return table;
}

const options::Table<EstimationConfig>& variogram_fit_table() {
  using C = EstimationConfig;
  static const options::Table<C> table = [] {
    Spec lag = metres_or_zero("lag_m", "lag width of the experimental variograms",
                              "5 x the composite length");
    Spec lags = bounded("lags", Kind::whole, "number of lags", 0, 1000);
    lags.zero_means = "12";
    Spec tolerance = bounded("tolerance_deg", Kind::number, "angular tolerance", 0, 90);
    tolerance.unit = "deg";
    tolerance.min_open = true;
    Spec band = metres_or_zero("bandwidth_m", "bandwidth of the directions", "unlimited");
    Spec model = options::spec("model", Kind::text,
                               "variogram model JSON (the fit's start when fit = true)");
    model.required = true;
    return options::Table<C>{
        "variogram",
        "Variogram fit (project)",
        {options::custom<C>(
             model, [](const C& c) { return Value(c.variogram_file.string()); },
             [](C& c, const Value& v) { c.variogram_file = std::get<std::string>(v); }),
         options::member<C>(
             options::spec("fit", Kind::flag,
                           "fit sills and ranges to the composites along the "
                           "model's three axes (weighted least squares)"),
             [](auto& c) -> auto& { return c.fit_variogram; }),
         options::member<C>(
             lag, [](auto& c) -> auto& { return c.fit_lag_m; }),
         options::member<C>(
             lags, [](auto& c) -> auto& { return c.fit_lags; }),
         options::member<C>(
             tolerance, [](auto& c) -> auto& { return c.fit_tolerance_deg; }),
         options::member<C>(
             band, [](auto& c) -> auto& { return c.fit_bandwidth_m; }),
         options::member<C>(
             options::spec("accept_fit", Kind::flag,
                           "keep a fit that fails the sanity checks (range > 3 x the data "
                           "extent, total sill outside 1/3 to 3 x the composites' variance) as a "
                           "warning"),
             [](auto& c) -> auto& { return c.accept_fit; })},
        {{"lags", [](const C& c) -> std::optional<std::string> {
            if (c.fit_lags == 0 || c.fit_lags >= 2) return std::nullopt;
            return fmt::format("'lags' is {}, expected 0 (= 12) or at least 2", c.fit_lags);
          }}}};
  }();
  return table;
}

const options::Table<EstimationConfig>& estimated_value_table() {
  using C = EstimationConfig;
  static const options::Table<C> table{
      "drillholes",
      "The value estimated",
      {options::member<C>(
          options::spec("value", Kind::text, "assay column estimated (g/t)"),
          [](auto& c) -> auto& { return c.value; })},
      {}};
  return table;
}

namespace {

/// A threshold of a class rule: unset (NaN) = not part of the rule.
options::Option<ClassRule> threshold(Spec s, std::optional<double> ClassRule::*member) {
  s.default_text = "none";
  return options::custom<ClassRule>(
      std::move(s), [member](const ClassRule& r) { return Value((r.*member).value_or(NAN)); },
      [member](ClassRule& r, const Value& v) { r.*member = std::get<double>(v); });
}

options::Option<ClassRule> at_least(Spec s, std::optional<std::int64_t> ClassRule::*member) {
  s.default_text = "none";
  return options::custom<ClassRule>(
      std::move(s),
      [member](const ClassRule& r) { return Value((r.*member).value_or(std::int64_t{0})); },
      [member](ClassRule& r, const Value& v) { r.*member = std::get<std::int64_t>(v); });
}

}  // namespace

const options::Table<ClassRule>& class_rule_table() {
  using R = ClassRule;
  static const options::Table<R> table = [] {
    Spec name = options::spec("class", Kind::text,
                              "class name (measured, indicated, inferred, ...); rules are tried "
                              "in file order, the first a block meets wins");
    name.required = true;
    Spec nearest =
        options::spec("max_nearest_m", Kind::number, "the nearest composite is at most this far");
    nearest.unit = "m";
    nearest.min = 0;
    Spec variance = options::spec("max_variance", Kind::number, "kriging variance at most this");
    variance.min = 0;
    return options::Table<R>{
        "classification",
        "Resource classes ([[classification]], one table per class)",
        {options::member<R>(
             name, [](auto& r) -> auto& { return r.name; }),
         threshold(options::spec("min_slope", Kind::number,
                                 "slope of regression (true on estimate) at least this"),
                   &ClassRule::min_slope),
         threshold(
             options::spec("min_efficiency", Kind::number, "kriging efficiency at least this"),
             &ClassRule::min_efficiency),
         threshold(nearest, &ClassRule::max_nearest_m),
         threshold(variance, &ClassRule::max_variance),
         at_least(options::bounded("min_samples", Kind::whole,
                                   "composites in the search at least this", 0, 1e9),
                  &ClassRule::min_samples),
         at_least(options::bounded("min_holes", Kind::whole, "holes in the search at least this", 0,
                                   1e9),
                  &ClassRule::min_holes)},
        {}};
  }();
  return table;
}

}  // namespace lodeline::estimation
