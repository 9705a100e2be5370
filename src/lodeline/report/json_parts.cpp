// SPDX-License-Identifier: Apache-2.0
// JSON pieces shared by the report writers.
#include "lodeline/report/json_parts.hpp"

#include "lodeline/core/units.hpp"

namespace lodeline::report {

using nlohmann::ordered_json;

ordered_json tonnage_json(const border::GradeTonnage& gt) {
  ordered_json j;
  j["cutoff_gpt"] = gt.cutoff_gpt;
  j["ore_t"] = gt.ore_t;
  j["grade_gpt"] = gt.grade_gpt();
  j["metal_kg"] = units::grams_to_kg(gt.metal_g);
  j["metal_t"] = units::grams_to_tonnes(gt.metal_g);
  j["metal_oz"] = units::grams_to_troy_oz(gt.metal_g);
  return j;
}

ordered_json tally_json(const border::SideTally& t) {
  ordered_json j;
  j["area_m2"] = t.area_m2;
  j["mineralised_area_m2"] = t.model_area_m2;
  const auto head = tonnage_json(t.by_cutoff.front());
  for (auto it = head.begin(); it != head.end(); ++it)
    if (it.key() != "cutoff_gpt") j[it.key()] = it.value();
  j["grade_tonnage"] = ordered_json::array();
  for (const auto& gt : t.by_cutoff) j["grade_tonnage"].push_back(tonnage_json(gt));
  return j;
}

}  // namespace lodeline::report
