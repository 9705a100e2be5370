// SPDX-License-Identifier: Apache-2.0
// Where each side of a line lies, in compass words, from the geometry: side A's area against
// side B's within the model. The report states it, and a side named after a compass direction
// that its area contradicts is flagged (reversing a line's vertex order swaps the sides).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "lodeline/core/geometry.hpp"

namespace lodeline::border {

/// Bearing (degrees clockwise from grid north, [0, 360)) from the centre of side B's area to
/// the centre of side A's, within `extent`; nothing when a side has no area there.
[[nodiscard]] std::optional<double> side_a_bearing_deg(const MultiPolygon& territory_a,
                                                       const MultiPolygon& extent);

/// Side B's bearing from side A's: the opposite direction, in [0, 360).
[[nodiscard]] double opposite_deg(double bearing_deg);

/// "north", "north-east", "east", ... (8 points) for a bearing in degrees.
[[nodiscard]] std::string compass_word(double bearing_deg);

/// The direction a side name states, as a bearing: "East" 90, "North-West Block" 315,
/// "southern" 180; nothing when the name holds no compass word (or contradictory ones).
[[nodiscard]] std::optional<double> named_bearing_deg(std::string_view side_name);

/// Whether a name's bearing and the geometry's point more than 90 degrees apart.
[[nodiscard]] bool contradicts(double named_deg, double found_deg);

}  // namespace lodeline::border
