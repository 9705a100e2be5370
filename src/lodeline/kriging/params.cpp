// SPDX-License-Identifier: Apache-2.0
// P.json -> EstimateOptions through the stage's option tables, with JSON locations for every
// finding.
#include "lodeline/kriging/params.hpp"

#include <fmt/format.h>

#include "lodeline/kriging/option_table.hpp"
#include "lodeline/options/bind.hpp"

namespace lodeline::kriging {

namespace {

/// The pointer of the first of `keys` ("a/b" for nested) present in `doc`, or "".
std::string pointer_of(const nlohmann::json& doc, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    const auto p = nlohmann::json::json_pointer(std::string("/") + key);
    if (doc.contains(p)) return p.to_string();
  }
  return "";
}

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

void apply_block_size(const nlohmann::json& doc, const io::JsonLocator& locate,
                      const EstimateInputs& in, EstimateOptions& o) {
  auto at = [&](const std::string& p) { return locate ? locate(p) : InputLocation{}; };
  if (in.block_size_m.empty()) {
    if (o.block)
      throw Error("input.missing_option",
                  "block support needs 'block_size_m', expected [dx, dy(, dz)] in metres",
                  at(pointer_of(doc, {"discretization", "scheme", "block/discretization",
                                      "block/scheme", "block"})));
    return;
  }
  if (o.method != Method::ordinary && o.method != Method::simple)
    throw Error("input.bad_option",
                "block support needs ordinary or simple kriging (method \"ok\" or \"sk\")",
                at(pointer_of(doc, {"block_size_m", "block/size"})));
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

EstimateParams params_from_json(const nlohmann::json& doc, const io::JsonLocator& locate) {
  EstimateParams p;
  EstimateInputs in;
  options::read_json(
      doc, locate,
      {options::bind(estimate_table(), p.options), options::bind(estimate_inputs_table(), in)},
      {"variogram"});
  read_variogram(doc, locate, p.options);
  apply_block_size(doc, locate, in, p.options);
  p.value_column = in.value_column;
  p.hole_column = in.hole_column;
  p.block_size_axes = in.block_size_m.size();
  p.discretization_pointer = pointer_of(doc, {"discretization", "block/discretization"});
  p.block_size_pointer = pointer_of(doc, {"block_size_m", "block/size"});
  p.max_per_hole_pointer = pointer_of(doc, {"max_per_hole", "search/max_per_hole"});
  return p;
}

}  // namespace lodeline::kriging
