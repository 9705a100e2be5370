// SPDX-License-Identifier: Apache-2.0
// Maximum-weight closure (ultimate pit) of integer block values by Hochbaum's pseudoflow.
//
// References:
//   D. S. Hochbaum (2008), "The pseudoflow algorithm: a new algorithm for the maximum-flow
//   problem", Operations Research 56(4):992-1009 (lowest-label variant, normalized tree,
//   merge / push / split, gap termination).
//   M. Deutsch, K. Dagdelen, T. Johnson (2022), "An open-source program for efficiently
//   computing ultimate pit limits: MineFlow", Natural Resources Research (implicit regular
//   precedence patterns, minimum-search patterns).
#pragma once

#include <cstdint>
#include <vector>

namespace lodeline::pit {

/// Explicit precedence in CSR form: block v may be mined only if every block in
/// targets[offsets[v] .. offsets[v+1]) is mined. offsets has n+1 entries, offsets[0] == 0.
struct ExplicitPrecedence {
  std::vector<std::int64_t> offsets{0};
  std::vector<std::int64_t> targets;

  [[nodiscard]] std::int64_t block_count() const {
    return static_cast<std::int64_t>(offsets.size()) - 1;
  }
};

/// One relative precedence: block (i, j, k) requires block (i+dx, j+dy, k+dz). dz > 0
/// (k = 0 is the lowest level, so required blocks lie above).
struct Offset {
  std::int64_t dx = 0;
  std::int64_t dy = 0;
  std::int64_t dz = 0;
  friend bool operator==(const Offset&, const Offset&) = default;
};

/// Implicit precedence of a regular model: the same offsets for every block; offsets that
/// leave the model are dropped. Block id = i + nx * (j + ny * k), x fastest, k = 0 lowest.
/// The arcs are generated on the fly and never stored.
struct RegularPattern {
  std::int64_t nx = 0;
  std::int64_t ny = 0;
  std::int64_t nz = 0;
  std::vector<Offset> offsets;

  [[nodiscard]] std::int64_t block_count() const { return nx * ny * nz; }
};

/// Implicit precedence of a regular model whose blocks belong to zones, each zone with its
/// own offsets: block v requires (i+dx, j+dy, k+dz) for every offset of patterns[zone[v]];
/// offsets that leave the model are dropped. Same block ids as RegularPattern. zone has one
/// entry per block (else input.bad_zone), each in [0, patterns.size()) (input.bad_zone), and
/// every offset has dz > 0 (input.bad_pattern). Arcs are generated on the fly, never stored.
struct ZonedPattern {
  std::int64_t nx = 0;
  std::int64_t ny = 0;
  std::int64_t nz = 0;
  std::vector<std::int32_t> zone;             ///< zone of each block, by block id
  std::vector<std::vector<Offset>> patterns;  ///< offsets of each zone

  [[nodiscard]] std::int64_t block_count() const { return nx * ny * nz; }
};

/// The offsets that apply to block v: the pattern's, or those of v's zone.
inline const std::vector<Offset>& offsets_of(const RegularPattern& p, std::int64_t) {
  return p.offsets;
}
inline const std::vector<Offset>& offsets_of(const ZonedPattern& p, std::int64_t v) {
  return p.patterns[static_cast<std::size_t>(p.zone[static_cast<std::size_t>(v)])];
}

/// Calls fn(index of the offset, target id) for every offset of block v that stays inside
/// the model, in offset order, until fn returns true; returns the index where it stopped or
/// the offset count. One place for the implicit arcs of both pattern kinds.
template <class Pattern, class Fn>
std::int64_t for_each_required(const Pattern& p, std::int64_t v, std::int64_t from, Fn&& fn) {
  const std::int64_t i = v % p.nx;
  const std::int64_t rest = v / p.nx;
  const std::int64_t j = rest % p.ny;
  const std::int64_t k = rest / p.ny;
  const std::vector<Offset>& offsets = offsets_of(p, v);
  const auto count = static_cast<std::int64_t>(offsets.size());
  for (std::int64_t a = from; a < count; ++a) {
    const Offset& o = offsets[static_cast<std::size_t>(a)];
    const std::int64_t ti = i + o.dx, tj = j + o.dy, tk = k + o.dz;
    if (ti < 0 || ti >= p.nx || tj < 0 || tj >= p.ny || tk < 0 || tk >= p.nz) continue;
    if (fn(a, ti + p.nx * (tj + p.ny * tk))) return a;
  }
  return count;
}

struct ClosureResult {
  std::vector<std::int64_t> mined;  ///< ids of the minimal optimal closure, ascending
  std::int64_t value = 0;           ///< sum of the values of the mined blocks
};

/// The minimal maximum-weight closure: of all closures of greatest total value, the one
/// with fewest blocks (it is unique: the intersection of all optimal closures).
/// values.size() must equal the block count of the precedence (else internal.pit_size).
/// Throws numeric.overflow when the sum of the positive values does not fit in int64, and
/// input.bad_pattern for offsets with dz <= 0. Deterministic: the result and the order of
/// the work depend only on the input.
ClosureResult max_closure(const std::vector<std::int64_t>& values,
                          const ExplicitPrecedence& precedence);
ClosureResult max_closure(const std::vector<std::int64_t>& values, const RegularPattern& pattern);
ClosureResult max_closure(const std::vector<std::int64_t>& values, const ZonedPattern& pattern);

/// First block (ascending id) of `mined` whose required blocks are not all in `mined`, or -1
/// when `mined` is a closure. `mined` need not be sorted.
std::int64_t first_closure_violation(const std::vector<std::int64_t>& mined,
                                     const ExplicitPrecedence& precedence);
std::int64_t first_closure_violation(const std::vector<std::int64_t>& mined,
                                     const RegularPattern& pattern);
std::int64_t first_closure_violation(const std::vector<std::int64_t>& mined,
                                     const ZonedPattern& pattern);

}  // namespace lodeline::pit
