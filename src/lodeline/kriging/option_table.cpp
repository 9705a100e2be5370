// SPDX-License-Identifier: Apache-2.0
// The kriging stage's option tables.
#include "lodeline/kriging/option_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace lodeline::kriging {

using options::Kind;
using options::Spec;
using options::Value;

const options::EnumNames<Method>& method_names() {
  static const options::EnumNames<Method> names{
      {{{"ok", {}, "ordinary kriging"}, Method::ordinary},
       {{"sk", {}, "simple kriging with the known `mean`"}, Method::simple},
       {{"idw", {}, "inverse distance to the power `idw_power`"}, Method::idw},
       {{"nn", {}, "nearest sample"}, Method::nearest}}};
  return names;
}

const options::EnumNames<SearchMetric>& metric_names() {
  static const options::EnumNames<SearchMetric> names{
      {{{"anisotropic",
         {},
         "distances in the space of the variogram's first structure, in metres along its major "
         "axis (a sphere when there is no variogram)"},
        SearchMetric::anisotropic},
       {{"euclidean", {}, "plain distance in metres, as gstat"}, SearchMetric::euclidean}}};
  return names;
}

const options::EnumNames<BlockScheme>& scheme_names() {
  static const options::EnumNames<BlockScheme> names{
      {{{"regular", {}, "n points per axis at cell centres (1 to 100)"}, BlockScheme::regular},
       {{"gauss", {}, "Gauss-Legendre points per axis (1 to 5), as gstat"}, BlockScheme::gauss}}};
  return names;
}

const options::EnumNames<DuplicatePolicy>& duplicate_names() {
  static const options::EnumNames<DuplicatePolicy> names{
      {{{"merge", {}, "samples at one location become one with their mean value"},
        DuplicatePolicy::merge},
       {{"error", {}, "refuse the second sample at a location"}, DuplicatePolicy::error}}};
  return names;
}

namespace {

Spec whole(std::string key, std::string help, double min, std::string zero_means = "") {
  Spec s;
  s.key = std::move(key);
  s.kind = Kind::whole;
  s.help = std::move(help);
  s.min = min;
  s.zero_means = std::move(zero_means);
  s.aliases = {fmt::format("search.{}", s.key)};
  return s;
}

Spec named(std::string key, std::string help) {
  Spec s;
  s.key = std::move(key);
  s.help = std::move(help);
  return s;
}

BlockOptions& block_of(EstimateOptions& o) {
  if (!o.block) o.block.emplace();
  return *o.block;
}

const BlockOptions& block_or_default(const EstimateOptions& o) {
  static const BlockOptions defaults;
  return o.block ? *o.block : defaults;
}

options::Option<EstimateOptions> discretization_option() {
  Spec s = named("discretization",
                 "block support: points per block axis [nx, ny(, nz)]; absent = point support in "
                 "`lodeline estimate`, block support with the default in a project once given");
  s.kind = Kind::numbers;
  s.min_items = 2;
  s.max_items = 3;
  s.integers = true;
  s.min = 1;
  s.max = 100;
  s.aliases = {"block.discretization"};
  return options::custom<EstimateOptions>(
      s,
      [](const EstimateOptions& o) {
        const auto& d = block_or_default(o).discretization;
        return Value(std::vector<double>(d.begin(), d.end()));
      },
      [](EstimateOptions& o, const Value& v) {
        const auto& n = std::get<std::vector<double>>(v);
        auto& d = block_of(o).discretization;
        for (std::size_t a = 0; a < 3; ++a)
          d[a] = a < n.size() ? static_cast<int>(n[a]) : 0;  // 0: z not given (2D data only)
      });
}

options::Option<EstimateOptions> scheme_option() {
  Spec s = named("scheme", "block support: where the discretisation points lie");
  s.kind = Kind::choice;
  s.choices = scheme_names().names();
  s.aliases = {"block.scheme"};
  return options::custom<EstimateOptions>(
      s,
      [](const EstimateOptions& o) {
        return Value(scheme_names().name(block_or_default(o).scheme));
      },
      [](EstimateOptions& o, const Value& v) {
        block_of(o).scheme = *scheme_names().parse(std::get<std::string>(v));
      });
}

std::vector<options::Option<EstimateOptions>> estimate_options() {
  using O = EstimateOptions;
  Spec method = named("method", "estimator");
  Spec mean = named("mean", "the known mean for simple kriging (the value's unit)");
  mean.default_text = "none";
  Spec power = named("idw_power", "inverse distance power");
  power.min = 0;
  power.min_open = true;
  Spec distance = named("max_distance_m", "search radius (along the major axis when anisotropic)");
  distance.unit = "m";
  distance.min = 0;
  distance.min_open = true;
  distance.default_text = "none (unlimited)";
  distance.aliases = {"search.max_distance"};
  Spec metric = named("metric", "search distance");
  metric.aliases = {"search.metric"};
  Spec duplicates = named("duplicates", "samples at identical coordinates");
  return {options::enumerated<O>(
              method, method_names(), [](auto& o) -> auto& { return o.method; }),
          options::member<O>(
              mean, [](auto& o) -> auto& { return o.sk_mean; }),
          options::member<O>(
              power, [](auto& o) -> auto& { return o.idw_power; }),
          options::member<O>(
              whole("max_samples", "nearest samples used per target", 0, "all"),
              [](auto& o) -> auto& { return o.search.max_samples; }),
          options::member<O>(
              whole("min_samples", "fewer found: the target is not estimated", 1),
              [](auto& o) -> auto& { return o.search.min_samples; }),
          options::member<O>(
              whole("max_per_hole", "samples per drillhole", 0, "no limit"),
              [](auto& o) -> auto& { return o.search.max_per_hole; }),
          options::member<O>(whole("min_holes", "fewer distinct drillholes found: not estimated",
                                   0, "no test"),
                             [](auto& o) -> auto& { return o.search.min_holes; }),
          options::member<O>(
              whole("max_per_octant", "samples per octant (GSLIB kt3d)", 0, "no octants"),
              [](auto& o) -> auto& { return o.search.max_per_octant; }),
          options::member<O>(
              distance, [](auto& o) -> auto& { return o.search.max_distance_m; }),
          options::enumerated<O>(
              metric, metric_names(), [](auto& o) -> auto& { return o.search.metric; }),
          discretization_option(),
          scheme_option(),
          options::enumerated<O>(
              duplicates, duplicate_names(), [](auto& o) -> auto& { return o.duplicates; })};
}

std::vector<options::Rule<EstimateOptions>> estimate_rules() {
  return {{"min_samples",
           [](const EstimateOptions& o) -> std::optional<std::string> {
             if (o.search.max_samples == 0 || o.search.min_samples <= o.search.max_samples)
               return std::nullopt;
             return fmt::format("'min_samples' is {}, expected at most max_samples = {}",
                                o.search.min_samples, o.search.max_samples);
           }},
          {"mean",
           [](const EstimateOptions& o) -> std::optional<std::string> {
             if (o.method != Method::simple || std::isfinite(o.sk_mean)) return std::nullopt;
             return std::string(
                 "simple kriging (method \"sk\") needs 'mean', expected the known "
                 "mean of the value");
           }},
          {"discretization",
           [](const EstimateOptions& o) -> std::optional<std::string> {
             if (!o.block || o.block->scheme != BlockScheme::gauss) return std::nullopt;
             const auto& d = o.block->discretization;
             if (*std::max_element(d.begin(), d.end()) <= 5) return std::nullopt;
             return fmt::format(
                 "'discretization' is [{}], expected at most 5 points per axis with "
                 "scheme \"gauss\" (or scheme \"regular\")",
                 fmt::join(d, ", "));
           }},
          {"discretization", [](const EstimateOptions& o) -> std::optional<std::string> {
             if (!o.block || o.method == Method::ordinary || o.method == Method::simple)
               return std::nullopt;
             return std::string(
                 "block support needs ordinary or simple kriging (method \"ok\" or "
                 "\"sk\")");
           }}};
}

}  // namespace

const options::Table<EstimateOptions>& estimate_table() {
  static const options::Table<EstimateOptions> table{
      "estimate", "Estimation (kriging, inverse distance, nearest neighbour)", estimate_options(),
      estimate_rules()};
  return table;
}

const options::Table<EstimateInputs>& estimate_inputs_table() {
  using I = EstimateInputs;
  static const options::Table<EstimateInputs> table = [] {
    Spec value = named("value", "the sample column to estimate");
    value.kind = Kind::text;
    value.required = true;
    Spec hole = named("hole", "the sample column holding hole ids");
    hole.kind = Kind::text;
    hole.default_text = "hole_id, hole, bhid or dhid when present";
    Spec size = named("block_size_m", "block support: block size [dx, dy(, dz)]");
    size.kind = Kind::numbers;
    size.min_items = 2;
    size.max_items = 3;
    size.unit = "m";
    size.min = 0;
    size.min_open = true;
    size.aliases = {"block.size"};
    size.default_text = "none (point support)";
    return options::Table<EstimateInputs>{
        "estimate",
        "Inputs of `lodeline estimate` (a project takes them from [drillholes] and the grid)",
        {options::member<I>(
             value, [](auto& o) -> auto& { return o.value_column; }),
         options::member<I>(
             hole, [](auto& o) -> auto& { return o.hole_column; }),
         options::custom<I>(
             size, [](const I& o) { return Value(o.block_size_m); },
             [](I& o, const Value& v) { o.block_size_m = std::get<std::vector<double>>(v); })},
        {}};
  }();
  return table;
}

}  // namespace lodeline::kriging
