// SPDX-License-Identifier: Apache-2.0
// Claims confronted with the numbers: the parallel offset of a line that gives a claimed share.
//
// Root finding: R. P. Brent, "Algorithms for Minimization without Derivatives", Prentice-Hall
// 1973, chapter 4 (bracketed inverse quadratic interpolation with bisection safeguard).
#pragma once

#include <cmath>
#include <cstdint>
#include <functional>
#include <vector>

#include "lodeline/border/measures.hpp"
#include "lodeline/core/block_grid.hpp"
#include "lodeline/core/error.hpp"
#include "lodeline/core/geometry.hpp"

namespace lodeline::border {

/// Unit vector (world easting, northing) of a parallel offset: the right-hand normal of the
/// line's overall direction (first -> last vertex), i.e. pointing towards side B. A positive
/// offset therefore moves the line towards side B and side A grows. Throws
/// geometry.too_few_vertices for fewer than 2 vertices and geometry.degenerate_line when the
/// first and last vertex coincide.
Point2 offset_direction(const Polyline& line);

/// The whole line translated by offset_m * offset_direction(line): a pure translation, so the
/// line keeps its shape (a surveyed or claimed line moved as one piece).
Polyline offset_line(const Polyline& line, double offset_m);

struct OffsetRange {
  double lo_m = 0;  ///< <= 0
  double hi_m = 0;  ///< >= 0
};

/// The offsets, within [-max_offset_m, max_offset_m], for which the translated line still
/// starts and ends outside the model extent (or on its edge) and meets the extent: the
/// connected interval containing 0, shrunk by 1e-7 relative at each end so that the split is
/// defined at the limits.
OffsetRange valid_offset_range(const BlockGrid& grid, const Polyline& line, double max_offset_m);

struct OffsetSearchOptions {
  double max_offset_m = 0;       ///< search within ±this; 0 = the model extent's diagonal
  std::int64_t scan_steps = 64;  ///< bracketing steps on each side of 0
  double tolerance_m = 1e-4;     ///< Brent's tolerance on the offset
  std::int64_t max_iterations = 200;
  /// Throws input.bad_option naming the field.
  void validate() const;
};

/// Brent's method on a bracket [a, b] with f(a) f(b) <= 0 (fa, fb given); returns a point
/// within `tolerance` of a sign change of f. Throws numeric.no_convergence after
/// max_iterations evaluations, internal.root_bracket when the bracket has no sign change.
double brent_root(const std::function<double(double)>& f, double a, double b, double fa, double fb,
                  double tolerance, std::int64_t max_iterations,
                  std::int64_t* evaluations = nullptr);

/// One requested share: side (0 = side A, 1 = side B) of measure `measure` (an index into the
/// MeasureSet) is claimed to be share_pct.
struct ShareTarget {
  std::size_t measure = 0;
  int side = 0;
  double share_pct = 0;
};

struct OffsetSolution {
  bool reachable = false;
  /// The offset of smallest |offset| that gives the claimed share (positive: towards side B,
  /// side A grows); NaN when not reachable.
  double offset_m = NAN;
  double share_pct_at_offset = NAN;  ///< the claimed side's share at offset_m (a check)
  double share_pct_at_zero = NAN;    ///< the claimed side's share of the line as given
  OffsetRange range;                 ///< the offsets searched
  std::int64_t evaluations = 0;      ///< splits computed for this target (scan excluded)
};

/// For each target, the parallel offset of `line` at which the claimed side's share of the
/// measure equals the claimed share. Method: the side-A share is evaluated at 0 and at
/// scan_steps equal steps on each side of 0 up to the ends of valid_offset_range (all measures
/// at once, shared by every target); the sign change of share - target nearest to 0 on each
/// side brackets a root, refined by Brent's method; the smaller |offset| wins (the positive
/// one on a tie). For a line that every parallel to offset_direction crosses once, side A
/// only grows with the offset and each share is monotone, so the root is unique; otherwise a
/// target that the share passes twice within one scan step can be missed. Evaluations are
/// independent splits run in parallel; results do not depend on the thread count.
std::vector<OffsetSolution> solve_offsets(const MeasureSet& measures, const Polyline& line,
                                          const std::vector<ShareTarget>& targets,
                                          const OffsetSearchOptions& options);

}  // namespace lodeline::border
