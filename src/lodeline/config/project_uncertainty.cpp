// SPDX-License-Identifier: Apache-2.0
// Reading [monte_carlo], per-scenario position errors and [disputed], each value at its location.
#include "lodeline/config/project_uncertainty.hpp"

#include <fmt/format.h>

#include <cmath>

#include "lodeline/border/option_table.hpp"
#include "lodeline/options/bind.hpp"

namespace lodeline::config {
namespace {

double sd_value(const TomlReader& r, const toml::node& n) {
  if (!n.is_number())
    throw Error("input.bad_option",
                fmt::format("'sd_m' holds a {}, expected standard deviations in metres",
                            TomlReader::type_name(n)),
                r.where(n));
  const double v = *n.value<double>();
  if (!(v >= 0 && v <= border::kMaxPositionSdM))
    throw Error("input.bad_option",
                fmt::format("'sd_m' holds {}, expected a standard deviation from 0 to {:g} m", v,
                            border::kMaxPositionSdM),
                r.where(n));
  return v;
}

}  // namespace

MonteCarloSettings read_monte_carlo_table(const TomlReader& r, const toml::table& t) {
  MonteCarloSettings m;
  m.enabled = true;
  m.where = r.where(t);
  options::read_toml(t, r.file(), {options::bind(border::monte_carlo_table(), m.options)});
  return m;
}

LineUncertainty read_line_uncertainty(
    const TomlReader& r, const toml::table& t,
    const std::function<std::filesystem::path(const std::string&)>& resolve) {
  LineUncertainty u;
  const toml::node* given = nullptr;
  for (const char* key : kScenarioErrorKeys)
    if (const toml::node* n = t.get(key)) {
      if (given)
        throw Error("input.bad_option",
                    fmt::format("'{}' and another position error key are both given, expected "
                                "one of sd_m, vertex_covariance_m2, pillars",
                                key),
                    r.where(*n));
      given = n;
    }
  if (!given) return u;
  u.given = true;
  u.where = r.where(*given);
  if (const toml::node* n = t.get("sd_m")) {
    if (const toml::array* a = n->as_array()) {
      if (a->empty())
        throw Error("input.bad_option", "'sd_m' is an empty array, expected one sd per vertex",
                    r.where(*n));
      for (const auto& e : *a)
        u.per_vertex.push_back(border::VertexCovariance::isotropic(sd_value(r, e)));
      u.given_as = fmt::format("sd_m per vertex ({} values), E and N independent", a->size());
    } else {
      u.sd_m = sd_value(r, *n);
      u.given_as = fmt::format("sd_m = {} m for every vertex, E and N independent", u.sd_m);
    }
  } else if (const toml::node* c = t.get("vertex_covariance_m2")) {
    const toml::array* a = c->as_array();
    if (!a || a->empty())
      throw Error("input.bad_option",
                  "'vertex_covariance_m2' is not a non-empty array, expected [[var_e, cov_en, "
                  "var_n], ...] in m², one per vertex",
                  r.where(*c));
    for (const auto& e : *a) {
      const toml::array* v = e.as_array();
      if (!v || v->size() != 3 || !(*v)[0].is_number() || !(*v)[1].is_number() ||
          !(*v)[2].is_number())
        throw Error("input.bad_option",
                    "'vertex_covariance_m2' holds an entry that is not [var_e, cov_en, var_n], "
                    "expected three numbers in m²",
                    r.where(e));
      const border::VertexCovariance vc{*(*v)[0].value<double>(), *(*v)[1].value<double>(),
                                        *(*v)[2].value<double>()};
      try {
        border::validate_covariance({vc}, 1);
      } catch (const Error& err) {
        throw Error(err.code(),
                    fmt::format("entry {} of 'vertex_covariance_m2': {}", u.per_vertex.size(),
                                err.message()),
                    r.where(e));
      }
      u.per_vertex.push_back(vc);
    }
    u.given_as = fmt::format("vertex_covariance_m2 per vertex ({} values)", a->size());
  } else {
    const std::string file = r.str(t, "pillars", "");
    if (file.empty())
      throw Error("input.bad_option", "'pillars' is empty, expected a surveyed line GeoJSON",
                  r.where(*given));
    u.pillars_file = resolve(file);
    u.given_as = fmt::format("pillar covariances from '{}'", file);
  }
  return u;
}

void check_uncertainty_sections(const Project& p, const TomlReader& r, const toml::table& root) {
  bool any = false;
  for (const auto& sc : p.scenarios) {
    const auto& u = sc.uncertainty;
    if (!u.given) continue;
    any = true;
    // A surveyed line always carries its pillars' errors; they are used only with [monte_carlo].
    if (!p.monte_carlo.enabled && !u.from_survey)
      throw Error("input.missing_option",
                  fmt::format("scenario '{}' gives position errors but the project has no "
                              "[monte_carlo] table, expected [monte_carlo] with draws and seed to "
                              "use them",
                              sc.scenario.name),
                  u.where);
  }
  if (p.monte_carlo.enabled && !any)
    throw Error("input.missing_option",
                "[monte_carlo] is given but no scenario gives position errors, expected sd_m, "
                "vertex_covariance_m2, pillars or [scenario.survey] in a [[scenario]]",
                p.monte_carlo.where);
  if (!p.disputed_lines.empty()) {
    const toml::node* t = root.get("disputed");
    const InputLocation at = t ? r.where(*t) : InputLocation{p.file.string()};
    const border::Scenario* first = nullptr;
    for (const auto& name : p.disputed_lines) {
      const border::Scenario* s = nullptr;
      for (const auto& sc : p.scenarios)
        if (sc.scenario.name == name) s = &sc.scenario;
      if (!s)
        throw Error(
            "input.bad_option",
            fmt::format("[disputed] lines names '{}', expected one of the scenario names", name),
            at);
      if (!first) first = s;
      const bool same = (s->side_a == first->side_a && s->side_b == first->side_b) ||
                        (s->side_a == first->side_b && s->side_b == first->side_a);
      if (!same)
        throw Error(
            "input.bad_option",
            fmt::format("[disputed] line '{}' has sides '{}' / '{}' but '{}' has '{}' / "
                        "'{}', expected lines between the same two sides",
                        s->name, s->side_a, s->side_b, first->name, first->side_a, first->side_b),
            at);
    }
  }
}

}  // namespace lodeline::config
