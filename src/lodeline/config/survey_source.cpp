// SPDX-License-Identifier: Apache-2.0
// [scenario.survey] parsing and the surveyed line's pillars as Monte Carlo points.
#include "lodeline/config/survey_source.hpp"

#include <fmt/format.h>

#include "lodeline/options/bind.hpp"
#include "lodeline/survey/option_table.hpp"

namespace lodeline::config {

SurveySource read_survey_source(
    const TomlReader& r, const toml::table& scenario,
    const std::function<std::filesystem::path(const std::string&)>& resolve) {
  SurveySource s;
  const toml::table* t = r.table(scenario, "survey");
  if (!t) return s;
  s.given = true;
  s.where = r.where(*t);
  options::read_toml(*t, r.file(),
                     {options::bind(survey::survey_table(), s.options),
                      options::bind(survey::survey_inputs_table(), s.inputs)});
  for (auto& file : s.inputs.fix_files) file = resolve(file).string();
  s.inputs.order_file = resolve(s.inputs.order_file).string();
  s.inputs.sessions_file = resolve(s.inputs.sessions_file).string();
  s.options.transformation_hint = "transformation = \"<PROJ operation>\" in [scenario.survey]";
  s.options.crs_hint = "[project] crs";
  s.options.datum_shift_hint = "allow_datum_shift = true in the [[scenario]]";
  try {
    s.options.validate(/*require_crs=*/false);  // the project CRS is set when the project runs
  } catch (const Error& e) {
    throw Error(e.code(), e.message(), s.where);
  }
  return s;
}

}  // namespace lodeline::config
