// SPDX-License-Identifier: Apache-2.0
// The drillhole stages' option tables.
#include "lodeline/drillhole/option_table.hpp"

#include <fmt/format.h>

namespace lodeline::drillhole {

using options::Kind;
using options::Spec;
using options::Value;

const options::EnumNames<DipConvention>& dip_convention_names() {
  static const options::EnumNames<DipConvention> names{
      {{{"negative_down", {}, "-90..90, negative below horizontal"}, DipConvention::negative_down},
       {{"positive_down", {}, "-90..90, positive below horizontal"}, DipConvention::positive_down},
       {{"inclination_from_vertical", {}, "0..180 from straight down"},
        DipConvention::inclination_from_vertical},
       {{"auto", {}, "guessed from the majority of the values, with a warning"},
        DipConvention::detect}}};
  return names;
}

const options::EnumNames<DesurveyMethod>& desurvey_names() {
  static const options::EnumNames<DesurveyMethod> names{
      {{{"minimum_curvature", {"mincurv"}, "circular arcs between stations"},
        DesurveyMethod::minimum_curvature},
       {{"balanced_tangent", {"balanced"}, "two straight halves per interval"},
        DesurveyMethod::balanced_tangent},
       {{"tangent", {}, "straight along the upper station"}, DesurveyMethod::tangent}}};
  return names;
}

const options::EnumNames<ResidualRule>& residual_names() {
  static const options::EnumNames<ResidualRule> names{
      {{{"drop", {}, "left out (its metal is reported as dropped)"}, ResidualRule::drop},
       {{"merge", {}, "joined to the composite before it"}, ResidualRule::merge},
       {{"redistribute", {}, "the run is cut into equal composites instead"},
        ResidualRule::redistribute}}};
  return names;
}

namespace {

Spec named(std::string key, Kind kind, std::string help) {
  Spec s;
  s.key = std::move(key);
  s.kind = kind;
  s.help = std::move(help);
  return s;
}

options::Option<DrillholeOptions> below_detection_option() {
  Spec s = named("below_detection", Kind::text,
                 "values such as \"<0.01\": error | half | zero | value=X (reported)");
  return options::custom<DrillholeOptions>(
      s, [](const DrillholeOptions& o) { return Value(o.below_detection.str()); },
      [](DrillholeOptions& o, const Value& v) {
        o.below_detection = BelowDetectionRule::parse(std::get<std::string>(v));
      });
}

}  // namespace

const options::Table<DrillholeFiles>& drillhole_files_table() {
  using F = DrillholeFiles;
  static const options::Table<F> table = [] {
    Spec collars = named("collars", Kind::text,
                         "collar CSV: hole id, x, y, z, depth (+ azimuth, dip: a one-station "
                         "survey)");
    collars.required = true;
    Spec surveys = named("surveys", Kind::text, "survey CSV: hole id, at (depth), azimuth, dip");
    surveys.default_text = "none (the collars' azimuth and dip)";
    Spec assays =
        named("assays", Kind::text, "interval CSV: hole id, from, to, values (grades, domains)");
    assays.flag_aliases = {"intervals"};
    assays.required = true;
    return options::Table<F>{"drillholes",
                             "Drillhole tables: files",
                             {options::member<F>(
                                  collars, [](auto& f) -> auto& { return f.collars; }),
                              options::member<F>(
                                  surveys, [](auto& f) -> auto& { return f.surveys; }),
                              options::member<F>(
                                  assays, [](auto& f) -> auto& { return f.assays; })},
                             {}};
  }();
  return table;
}

namespace {

/// A column-name override, e.g. "from" for the interval table's start depth.
template <class Ref>
options::Option<ColumnNames> column(std::string key, std::string help, Ref ref) {
  Spec s = named(std::move(key), Kind::text, std::move(help));
  s.default_text = "from the alias list";
  return options::member<ColumnNames>(std::move(s), ref);
}

}  // namespace

const options::Table<ColumnNames>& columns_table() {
  using C = ColumnNames;
  static const options::Table<C> table = [] {
    Spec hole = named("hole_id", Kind::text, "hole id column of all three tables");
    hole.default_text = "from the alias list";
    return options::Table<C>{
        "drillholes.columns",
        "Drillhole column names",
        {options::custom<C>(
             hole, [](const C& c) { return options::Value(c.collar_hole_id); },
             [](C& c, const options::Value& v) {
               c.collar_hole_id = c.survey_hole_id = c.interval_hole_id = std::get<std::string>(v);
             }),
         column(
             "x", "collar easting", [](auto& c) -> auto& { return c.x; }),
         column(
             "y", "collar northing", [](auto& c) -> auto& { return c.y; }),
         column(
             "z", "collar elevation", [](auto& c) -> auto& { return c.z; }),
         column(
             "depth", "hole length", [](auto& c) -> auto& { return c.depth; }),
         column(
             "collar_azimuth", "collar azimuth (holes without surveys)",
             [](auto& c) -> auto& { return c.collar_azimuth; }),
         column(
             "collar_dip", "collar dip (holes without surveys)",
             [](auto& c) -> auto& { return c.collar_dip; }),
         column(
             "at", "survey depth", [](auto& c) -> auto& { return c.survey_at; }),
         column(
             "azimuth", "survey azimuth", [](auto& c) -> auto& { return c.survey_azimuth; }),
         column(
             "dip", "survey dip", [](auto& c) -> auto& { return c.survey_dip; }),
         column(
             "from", "interval start depth", [](auto& c) -> auto& { return c.from; }),
         column(
             "to", "interval end depth", [](auto& c) -> auto& { return c.to; })},
        {}};
  }();
  return table;
}

const options::Table<DrillholeOptions>& drillholes_table() {
  using O = DrillholeOptions;
  static const options::Table<O> table = [] {
    Spec tolerance =
        named("depth_tolerance_m", Kind::number,
              "depths closer than this are equal (contiguity, overlaps, beyond-depth)");
    tolerance.unit = "m";
    tolerance.min = 0;
    Spec domain = named("domain", Kind::text,
                        "interval column holding the domain: composites never cross a change");
    domain.default_text = "none";
    return options::Table<O>{
        "drillholes",
        "Drillhole tables: reading and validation",
        {options::enumerated<O>(
             named("dip_convention", Kind::choice, "how dips are signed"), dip_convention_names(),
             [](auto& o) -> auto& { return o.dip_convention; }),
         below_detection_option(),
         options::member<O>(
             domain, [](auto& o) -> auto& { return o.domain_column; }),
         options::member<O>(
             named("force", Kind::flag, "go on after validation errors, recorded as warnings"),
             [](auto& o) -> auto& { return o.force; }),
         options::member<O>(
             tolerance, [](auto& o) -> auto& { return o.depth_tolerance_m; }),
         options::member<O>(
             options::name_list(
                 "missing_values",
                 "codes meaning 'no value' in the value columns: read as not "
                 "sampled and reported (numbers match by value, texts ignoring "
                 "case); [] (\"\" on the command line) reads every number as a value"),
             [](auto& o) -> auto& { return o.missing_values; }),
         options::member<O>(
             named("keep_negative_values", Kind::flag,
                   "keep negative values as numbers (else each is an error: grades cannot be "
                   "negative)"),
             [](auto& o) -> auto& { return o.keep_negative_values; })},
        {}};
  }();
  return table;
}

const options::Table<DesurveyOptions>& desurvey_table() {
  using O = DesurveyOptions;
  static const options::Table<O> table{
      "drillholes",
      "Desurvey",
      {options::enumerated<O>(
          named("desurvey", Kind::choice, "path between survey stations"), desurvey_names(),
          [](auto& o) -> auto& { return o.method; })},
      {}};
  return table;
}

const options::Table<CompositeOptions>& composite_table() {
  using O = CompositeOptions;
  static const options::Table<O> table = [] {
    Spec length = named("length_m", Kind::number, "composite length");
    length.unit = "m";
    length.min = 0;
    length.min_open = true;
    length.flag = "composite-length-m";
    length.flag_aliases = {"composite-length"};
    Spec min_length = named("min_length_m", Kind::number,
                            "a residual at least this long stays as a shorter composite");
    min_length.unit = "m";
    min_length.min = 0;
    min_length.zero_means = "min(1 m, length_m)";
    min_length.flag = "min-length-m";
    min_length.flag_aliases = {"min-length"};
    Spec residual = named("residual", Kind::choice, "a residual shorter than min_length_m");
    return options::Table<O>{
        "composite",
        "Compositing",
        {options::member<O>(
             length, [](auto& o) -> auto& { return o.length_m; }),
         options::member<O>(
             min_length, [](auto& o) -> auto& { return o.min_length_m; }),
         options::enumerated<O>(
             residual, residual_names(), [](auto& o) -> auto& { return o.residual; })},
        {{"min_length_m", [](const O& o) -> std::optional<std::string> {
            if (o.min_length() <= o.length_m) return std::nullopt;
            return fmt::format("'min_length_m' is {}, expected at most length_m = {}",
                               o.min_length_m, o.length_m);
          }}}};
  }();
  return table;
}

}  // namespace lodeline::drillhole
