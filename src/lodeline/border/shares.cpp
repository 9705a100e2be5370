// SPDX-License-Identifier: Apache-2.0
// Shares of one line's sides.
#include "lodeline/border/shares.hpp"

#include <cmath>

namespace lodeline::border {
namespace {

double amount(const SideTally& t, double licence_m2, ShareMeasure measure) {
  switch (measure) {
    case ShareMeasure::area:
      return t.area_m2;
    case ShareMeasure::licence_area:
      return licence_m2;
    case ShareMeasure::ore:
      return t.by_cutoff.front().ore_t;
    case ShareMeasure::metal:
      return t.by_cutoff.front().metal_g;
  }
  return NAN;
}

}  // namespace

const options::EnumNames<ShareMeasure>& share_measure_names() {
  static const options::EnumNames<ShareMeasure> names{
      {{{"area", {}, "plan area of the model extent"}, ShareMeasure::area},
       {{"licence_area", {}, "plan area of the licence inside the model extent"},
        ShareMeasure::licence_area},
       {{"ore", {}, "tonnes above the first cut-off"}, ShareMeasure::ore},
       {{"metal", {}, "contained metal above the first cut-off"}, ShareMeasure::metal}}};
  return names;
}

std::array<double, 2> shares_pct(const LineResult& line, ShareMeasure measure, bool has_licence) {
  if (measure == ShareMeasure::licence_area && !has_licence) return {NAN, NAN};
  const double a = amount(line.sides[0], line.licence_area_m2[0], measure);
  const double b = amount(line.sides[1], line.licence_area_m2[1], measure);
  if (a + b <= 0) return {NAN, NAN};
  return {100 * a / (a + b), 100 * b / (a + b)};
}

}  // namespace lodeline::border
