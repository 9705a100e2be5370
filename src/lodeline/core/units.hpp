// SPDX-License-Identifier: Apache-2.0
// Unit constants and conversions used across lodeline (grade g/t = ppm, metal in g/kg/t/oz).
#pragma once

namespace lodeline::units {

inline constexpr double kGramsPerTroyOunce = 31.1034768;  // exact by definition
inline constexpr double kGramsPerTonne = 1.0e6;

/// Contained metal in grams for `tonnes` of material at `grade_gpt` (g/t).
constexpr double metal_g(double tonnes, double grade_gpt) { return tonnes * grade_gpt; }
constexpr double grams_to_kg(double grams) { return grams / 1.0e3; }
constexpr double grams_to_tonnes(double grams) { return grams / kGramsPerTonne; }
constexpr double grams_to_troy_oz(double grams) { return grams / kGramsPerTroyOunce; }

}  // namespace lodeline::units
