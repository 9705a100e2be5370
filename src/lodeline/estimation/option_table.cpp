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
    return options::Table<C>{"variogram",
                             "Variogram fit (project)",
                             {options::member<C>(
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
                                  band, [](auto& c) -> auto& { return c.fit_bandwidth_m; })},
                             {{"lags", [](const C& c) -> std::optional<std::string> {
                                 if (c.fit_lags == 0 || c.fit_lags >= 2) return std::nullopt;
                                 return fmt::format("'lags' is {}, expected 0 (= 12) or at least 2",
                                                    c.fit_lags);
                               }}}};
  }();
  return table;
}

}  // namespace lodeline::estimation
