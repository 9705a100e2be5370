// SPDX-License-Identifier: Apache-2.0
// P.json -> EstimateOptions through the stage's option tables, with JSON locations for every
// finding.
#include "lodeline/kriging/params.hpp"

#include <fmt/format.h>

#include "lodeline/kriging/option_table.hpp"
#include "lodeline/options/bind.hpp"

namespace lodeline::kriging {

namespace {

void read_variogram(const nlohmann::json& doc, const io::JsonLocator& locate, EstimateOptions& o) {
  const bool kriging = o.method == Method::ordinary || o.method == Method::simple;
  if (doc.contains("variogram")) {
    o.variogram = variogram::model_from_json(doc["variogram"], locate, "/variogram");
  } else if (kriging) {
    throw Error("input.missing_option",
                "missing key 'variogram', expected a variogram model for kriging",
                locate ? locate("") : InputLocation{});
  }
}

void apply_block_size(const EstimateParams& p, const EstimateInputs& in, EstimateOptions& o) {
  if (in.block_size_m.empty()) {
    if (o.block)
      throw Error(
          "input.missing_option",
          "block support needs 'block_size_m', expected [dx, dy(, dz)] in metres",
          p.given_at.count("discretization") ? p.where("discretization") : p.where("scheme"));
    return;
  }
  if (o.method != Method::ordinary && o.method != Method::simple)
    throw Error("input.bad_option",
                "block support needs ordinary or simple kriging (method \"ok\" or \"sk\")",
                p.where("block_size_m"));
  auto& b = o.block ? *o.block : o.block.emplace();
  for (std::size_t a = 0; a < in.block_size_m.size(); ++a) b.size_m[a] = in.block_size_m[a];
}

}  // namespace

std::optional<Method> method_from_name(std::string_view name) { return method_names().parse(name); }

std::optional<SearchMetric> metric_from_name(std::string_view name) {
  return metric_names().parse(name);
}

std::optional<BlockScheme> scheme_from_name(std::string_view name) {
  return scheme_names().parse(name);
}

InputLocation EstimateParams::where(const std::string& key) const {
  const auto it = given_at.find(key);
  return it == given_at.end() ? document_at : it->second;
}

EstimateParams params_from_json(const nlohmann::json& doc, const io::JsonLocator& locate) {
  EstimateParams p;
  EstimateInputs in;
  p.document_at = locate ? locate("") : InputLocation{};
  p.given_at = options::read_json(
      doc, locate,
      {options::bind(estimate_table(), p.options), options::bind(estimate_inputs_table(), in)},
      {"variogram"});
  read_variogram(doc, locate, p.options);
  apply_block_size(p, in, p.options);
  p.value_column = in.value_column;
  p.hole_column = in.hole_column;
  p.block_size_axes = in.block_size_m.size();
  return p;
}

}  // namespace lodeline::kriging
