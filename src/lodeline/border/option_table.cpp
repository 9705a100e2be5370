// SPDX-License-Identifier: Apache-2.0
// The [[scenario]] and [monte_carlo] option tables.
#include "lodeline/border/option_table.hpp"

namespace lodeline::border {

namespace {

using options::bounded;
using options::Kind;
using options::Spec;
using options::Value;

Spec text(std::string key, std::string help) {
  return options::spec(std::move(key), Kind::text, std::move(help));
}

/// A text the reports show as "not stated" when absent.
Spec unstated(std::string key, std::string help) {
  Spec s = text(std::move(key), std::move(help));
  s.default_text = "not stated";
  return s;
}

/// side_a_contains / side_b_contains = [x, y]: one point the user knows lies on that side.
options::Option<Scenario> side_point(std::string key, const std::string& side,
                                     std::vector<Point2> Scenario::*member) {
  Spec s = options::spec(std::move(key), Kind::numbers,
                         "a point [x, y] that lies on " + side + " (checked against the line)");
  s.unit = "project CRS";
  s.min_items = s.max_items = 2;
  s.default_text = "none";
  return options::custom<Scenario>(
      std::move(s),
      [member](const Scenario& sc) {
        const auto& points = sc.*member;
        return points.empty() ? Value(std::vector<double>{})
                              : Value(std::vector<double>{points[0].x, points[0].y});
      },
      [member](Scenario& sc, const Value& v) {
        const auto& xy = std::get<std::vector<double>>(v);
        (sc.*member).assign(1, Point2{xy[0], xy[1]});
      });
}

Spec draws_spec() {
  Spec s = options::bounded("draws", Kind::whole, "draws of every line", 2, 1e8);
  s.flag_aliases = {"mc"};
  return s;
}

}  // namespace

const options::Table<Scenario>& scenario_table() {
  using S = Scenario;
  static const options::Table<S> table = [] {
    Spec name = text("name", "the line's name in every report (unique in the project)");
    name.required = true;
    Spec file = text("file", "the line: GeoJSON, GeoPackage, Shapefile, KML or WKT file");
    file.default_text = "none ([scenario.survey] draws it)";
    Spec feature = text("feature", "the feature's 'name' property when the file holds several");
    feature.default_text = "the only line";
    return options::Table<S>{
        "scenario",
        "Lines ([[scenario]], one table per line)",
        {options::member<S>(
             name, [](auto& s) -> auto& { return s.name; }),
         options::member<S>(
             file, [](auto& s) -> auto& { return s.file; }),
         options::member<S>(
             text("kind", "what the line is, in the user's word: surveyed, claimed, licence, ..."),
             [](auto& s) -> auto& { return s.kind; }),
         options::member<S>(
             unstated("source", "who states this line (quoted in the reports)"),
             [](auto& s) -> auto& { return s.source; }),
         options::member<S>(
             unstated("date", "when the line was stated or surveyed"),
             [](auto& s) -> auto& { return s.date; }),
         options::member<S>(
             text("side_a",
                  "name of the side left of the line, walked from its first vertex to its last"),
             [](auto& s) -> auto& { return s.side_a; }),
         options::member<S>(
             text("side_b",
                  "name of the side right of the line, walked from its first vertex to its last"),
             [](auto& s) -> auto& { return s.side_b; }),
         options::member<S>(
             feature, [](auto& s) -> auto& { return s.feature; }),
         options::member<S>(
             options::spec("allow_datum_shift", Kind::flag,
                           "accept a line whose CRS differs from the project's only by datum"),
             [](auto& s) -> auto& { return s.allow_datum_shift; }),
         side_point("side_a_contains", "side A", &Scenario::side_a_contains),
         side_point("side_b_contains", "side B", &Scenario::side_b_contains)},
        {}};
  }();
  return table;
}

const options::Table<border::MonteCarloOptions>& monte_carlo_table() {
  using O = border::MonteCarloOptions;
  static const options::Table<O> table{
      "monte_carlo",
      "Monte Carlo of the lines' position errors",
      {options::member<O>(
           draws_spec(), [](auto& o) -> auto& { return o.draws; }),
       options::member<O>(
           bounded("seed", Kind::whole, "random seed (same seed, same bytes)", 0,
                   9007199254740992.0),
           [](auto& o) -> auto& { return o.seed; }),
       options::member<O>(
           bounded("tile_columns", Kind::whole,
                   "block columns per tile side (the unit of recomputation)", 1, 4096),
           [](auto& o) -> auto& { return o.tile_columns; })},
      {}};
  return table;
}

}  // namespace lodeline::border
