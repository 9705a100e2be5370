// SPDX-License-Identifier: Apache-2.0
// The hand-checked economics of the economics and border-pit tests: 1555.17384 USD/oz =
// 50 USD/g, recovery 0.8 -> 40 USD per contained g; mining 4 USD/t, processing 12 and
// transport 4 USD/t. Break-even (20 USD/t) 0.5 g/t; marginal (16 USD/t) 0.4 g/t.
#pragma once

#include "lodeline/economics/economics.hpp"

namespace lodeline::test {

inline economics::EconomicsOptions hand_economics() {
  economics::EconomicsOptions o;
  o.price_usd_per_oz = 1555.17384;
  o.payability_frac = 1;
  o.selling_cost_usd_per_oz = 0;
  o.recovery_frac = 0.8;
  o.mining_cost_usd_per_t = 4;
  o.processing_cost_usd_per_t = 12;
  o.transport_cost_usd_per_t = 4;
  return o;
}

}  // namespace lodeline::test
