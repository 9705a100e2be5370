// SPDX-License-Identifier: Apache-2.0
// Lowest-label pseudoflow (Hochbaum 2008) on closure graphs, explicit or implicit arcs.
//
// The closure graph has an arc v -> p for every block p that v requires (infinite capacity)
// and, conceptually, source arcs s -> v (value > 0) and sink arcs v -> t (value < 0), which
// the simple initialisation saturates; so a node's excess starts at its value, and the only
// arcs that ever carry flow are tree arcs of the normalized tree. A branch (tree of the
// forest) is strong when its root's excess (= the sum of the branch's values) is > 0.
//
// Lowest-label variant, as in Hochbaum's paper: labels start at 1 for strong and 0 for weak
// nodes; the strong root of lowest label l is processed; a depth-first walk over the nodes of
// label l in its branch looks for an arc v -> w with label(w) == l - 1 (such a w is weak,
// because every strong node has label >= l); if found, the branch is re-rooted at v, hung
// below w, and the root's excess is pushed to the root of w's branch, splitting the path
// where a reverse residual capacity is too small (the part below becomes a new strong
// branch). Otherwise the nodes of label l are relabelled to l + 1 bottom-up. The run stops
// when no strong root is left or at a gap (no node has label l - 1): labels change by at
// most 1 along a branch and weak roots keep label 0, so then no strong node requires a weak
// node, and the strong nodes form a maximum closure.
//
// Minimality: values are scaled to value * (n + 1) - 1 in 128-bit arithmetic, so an optimal
// closure of the scaled problem has the greatest original value and, among those, the fewest
// blocks: the minimal optimal closure. Roots are taken from per-label LIFO buckets, so the
// run is deterministic.
#include "lodeline/pit/closure.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "lodeline/core/error.hpp"
#include "lodeline/core/memory.hpp"

namespace lodeline::pit {
namespace {

__extension__ typedef __int128 wide_t;

constexpr std::int64_t none = -1;

/// Arcs of an explicit CSR precedence.
class CsrGraph {
 public:
  explicit CsrGraph(const ExplicitPrecedence& p) : p_(p) {}
  [[nodiscard]] std::int64_t size() const { return p_.block_count(); }
  /// First arc index k >= from of v whose target satisfies pred (target stored in *out), or
  /// the arc count of v when none does.
  template <class Pred>
  std::int64_t find_arc(std::int64_t v, std::int64_t from, Pred pred, std::int64_t* out) const {
    const std::int64_t begin = p_.offsets[v];
    const std::int64_t end = p_.offsets[v + 1];
    for (std::int64_t k = begin + from; k < end; ++k) {
      const std::int64_t t = p_.targets[k];
      if (pred(t)) {
        *out = t;
        return k - begin;
      }
    }
    return end - begin;
  }

 private:
  const ExplicitPrecedence& p_;
};

/// Arcs of a regular or zoned pattern, computed from the block's (i, j, k) on demand.
template <class Pattern>
class PatternGraph {
 public:
  explicit PatternGraph(const Pattern& p) : p_(p) {}
  [[nodiscard]] std::int64_t size() const { return p_.block_count(); }
  template <class Pred>
  std::int64_t find_arc(std::int64_t v, std::int64_t from, Pred pred, std::int64_t* out) const {
    return for_each_required(p_, v, from, [&](std::int64_t, std::int64_t t) {
      if (!pred(t)) return false;
      *out = t;
      return true;
    });
  }

 private:
  const Pattern& p_;
};

template <class Graph>
class Pseudoflow {
 public:
  Pseudoflow(const Graph& graph, const std::vector<wide_t>& weights) : g_(graph), n_(graph.size()) {
    const auto n = static_cast<std::size_t>(n_);
    parent_.assign(n, none);
    first_child_.assign(n, none);
    next_sibling_.assign(n, none);
    prev_sibling_.assign(n, none);
    next_scan_.assign(n, none);
    next_arc_.assign(n, 0);
    label_.assign(n, 0);
    bucket_next_.assign(n, none);
    requires_parent_.assign(n, 0);
    flow_.assign(n, 0);
    excess_ = weights;
    bucket_head_.assign(n + 2, none);
    label_count_.assign(n + 2, 0);
    for (std::int64_t v = n_ - 1; v >= 0; --v) {
      if (excess_[v] > 0) {
        label_[v] = 1;
        add_to_bucket(v);
      }
      ++label_count_[label_[v]];
    }
  }

  /// Runs to termination; returns 1 for the blocks of the optimal closure.
  std::vector<char> solve() {
    for (std::int64_t r = next_root(); r != none; r = next_root()) process_root(r);
    std::vector<char> state(static_cast<std::size_t>(n_), 0);  // 0 unknown, 1 strong, 2 weak
    std::vector<std::int64_t> path;
    for (std::int64_t v = 0; v < n_; ++v) {
      std::int64_t u = v;
      path.clear();
      while (state[u] == 0 && parent_[u] != none) {
        path.push_back(u);
        u = parent_[u];
      }
      const char s = state[u] != 0 ? state[u] : (excess_[u] > 0 ? 1 : 2);
      state[u] = s;
      for (const std::int64_t x : path) state[x] = s;
    }
    for (auto& s : state) s = s == 1 ? 1 : 0;
    return state;
  }

 private:
  void add_to_bucket(std::int64_t v) {
    bucket_next_[v] = bucket_head_[label_[v]];
    bucket_head_[label_[v]] = v;
    lowest_ = std::min(lowest_, label_[v]);
  }

  std::int64_t next_root() {
    for (; lowest_ <= n_; ++lowest_) {
      const std::int64_t r = bucket_head_[lowest_];
      if (r == none) continue;
      if (lowest_ >= 1 && label_count_[lowest_ - 1] == 0) return none;  // gap: done
      bucket_head_[lowest_] = bucket_next_[r];
      bucket_next_[r] = none;
      return r;
    }
    return none;
  }

  void remove_child(std::int64_t p, std::int64_t c) {
    if (prev_sibling_[c] != none)
      next_sibling_[prev_sibling_[c]] = next_sibling_[c];
    else
      first_child_[p] = next_sibling_[c];
    if (next_sibling_[c] != none) prev_sibling_[next_sibling_[c]] = prev_sibling_[c];
    prev_sibling_[c] = next_sibling_[c] = none;
    parent_[c] = none;
  }

  void add_child(std::int64_t p, std::int64_t c) {
    parent_[c] = p;
    prev_sibling_[c] = none;
    next_sibling_[c] = first_child_[p];
    if (first_child_[p] != none) prev_sibling_[first_child_[p]] = c;
    first_child_[p] = c;
  }

  /// Relabels v (label l) when none of its children still has label l.
  void check_children(std::int64_t v, std::int64_t l) {
    while (next_scan_[v] != none && label_[next_scan_[v]] != l)
      next_scan_[v] = next_sibling_[next_scan_[v]];
    if (next_scan_[v] != none) return;
    --label_count_[l];
    label_[v] = l + 1;
    ++label_count_[l + 1];
    next_arc_[v] = 0;
  }

  /// Looks for an admissible arc v -> w (label(w) == label(v) - 1); merges when found.
  bool try_merge(std::int64_t v, std::int64_t root) {
    const std::int64_t want = label_[v] - 1;
    if (want < 0) return false;
    std::int64_t w = none;
    next_arc_[v] = g_.find_arc(
        v, next_arc_[v], [&](std::int64_t t) { return label_[t] == want; }, &w);
    if (w == none) return false;
    merge(v, w, root);
    return true;
  }

  void merge(std::int64_t u, std::int64_t w, std::int64_t root) {
    // Re-root the strong branch at u and hang it below w (arc u -> w, flow 0).
    std::int64_t cur = u, new_parent = w;
    char new_requires = 1;
    wide_t new_flow = 0;
    while (cur != none) {
      const std::int64_t old_parent = parent_[cur];
      const char old_requires = requires_parent_[cur];
      const wide_t old_flow = flow_[cur];
      if (old_parent != none) remove_child(old_parent, cur);
      add_child(new_parent, cur);
      requires_parent_[cur] = new_requires;
      flow_[cur] = new_flow;
      new_parent = cur;
      new_requires = static_cast<char>(!old_requires);
      new_flow = old_flow;
      cur = old_parent;
    }
    // Push the old root's excess up to the new root, splitting where capacity runs out.
    wide_t delta = excess_[root];
    excess_[root] = 0;
    std::int64_t v = root;
    while (parent_[v] != none) {
      const std::int64_t p = parent_[v];
      if (requires_parent_[v] != 0) {
        flow_[v] += delta;  // v -> p is a precedence arc: unbounded
      } else if (flow_[v] >= delta) {
        flow_[v] -= delta;  // cancel flow on p -> v
      } else {
        excess_[v] = delta - flow_[v];
        delta = flow_[v];
        flow_[v] = 0;
        remove_child(p, v);
        add_to_bucket(v);
      }
      v = p;
    }
    excess_[v] += delta;
    if (excess_[v] > 0) add_to_bucket(v);
  }

  void process_root(std::int64_t root) {
    const std::int64_t l = label_[root];
    std::int64_t cur = root;
    next_scan_[root] = first_child_[root];
    if (try_merge(root, root)) return;
    check_children(root, l);
    while (cur != none) {
      while (next_scan_[cur] != none) {
        const std::int64_t c = next_scan_[cur];
        next_scan_[cur] = next_sibling_[c];
        cur = c;
        next_scan_[cur] = first_child_[cur];
        if (try_merge(cur, root)) return;
        check_children(cur, l);
      }
      cur = parent_[cur];
      if (cur != none) check_children(cur, l);
    }
    add_to_bucket(root);
  }

  const Graph& g_;
  std::int64_t n_;
  std::int64_t lowest_ = 0;
  std::vector<std::int64_t> parent_, first_child_, next_sibling_, prev_sibling_, next_scan_,
      next_arc_, label_, bucket_next_, bucket_head_, label_count_;
  std::vector<char> requires_parent_;  ///< 1: v requires parent(v); 0: parent(v) requires v
  std::vector<wide_t> flow_;           ///< flow on the precedence arc of v's tree edge
  std::vector<wide_t> excess_;
};

template <class Graph>
std::int64_t violation(const Graph& g, const std::vector<std::int64_t>& mined) {
  std::vector<char> in(static_cast<std::size_t>(g.size()), 0);
  for (const std::int64_t v : mined)
    if (v >= 0 && v < g.size()) in[v] = 1;
  for (std::int64_t v = 0; v < g.size(); ++v) {
    if (in[v] == 0) continue;
    std::int64_t t = none;
    g.find_arc(
        v, 0, [&](std::int64_t x) { return in[x] == 0; }, &t);
    if (t != none) return v;
  }
  return none;
}

template <class Graph>
ClosureResult solve(const Graph& g, const std::vector<std::int64_t>& values) {
  if (static_cast<std::int64_t>(values.size()) != g.size())
    throw Error("internal.pit_size", fmt::format("{} values for {} blocks, expected one per block",
                                                 values.size(), g.size()));
  // The pseudoflow tree, labels, buckets and flows: about 112 bytes per block.
  require_memory(112.0 * static_cast<double>(g.size()),
                 fmt::format("the pit of {} blocks", g.size()),
                 "use fewer or larger blocks, or a smaller model");
  std::int64_t positive = 0;
  for (const std::int64_t v : values)
    if (v > 0 && __builtin_add_overflow(positive, v, &positive))
      throw Error("numeric.overflow",
                  "the sum of the positive block values exceeds 9223372036854775807, expected "
                  "it to fit in a signed 64-bit integer");
  const wide_t scale = static_cast<wide_t>(g.size()) + 1;
  std::vector<wide_t> weights(values.size());
  for (std::size_t v = 0; v < values.size(); ++v)
    weights[v] = static_cast<wide_t>(values[v]) * scale - 1;
  Pseudoflow<Graph> flow(g, weights);
  const std::vector<char> strong = flow.solve();
  ClosureResult r;
  for (std::int64_t v = 0; v < g.size(); ++v)
    if (strong[v] != 0) {
      r.mined.push_back(v);
      r.value += values[v];
    }
  if (const std::int64_t bad = violation(g, r.mined); bad != none)
    throw Error("internal.pit_not_closed",
                fmt::format("block {} is mined without all the blocks it requires, expected a "
                            "closure (please report)",
                            bad));
  return r;
}

void check_pattern(const RegularPattern& p) {
  if (p.nx < 0 || p.ny < 0 || p.nz < 0)
    throw Error("input.bad_grid",
                fmt::format("model size {} x {} x {}, expected counts >= 0", p.nx, p.ny, p.nz));
  for (const Offset& o : p.offsets)
    if (o.dz <= 0)
      throw Error("input.bad_pattern",
                  fmt::format("offset ({}, {}, {}) has dz {}, expected dz > 0 (required blocks "
                              "lie above)",
                              o.dx, o.dy, o.dz, o.dz));
}

void check_zoned(const ZonedPattern& p) {
  if (p.nx < 0 || p.ny < 0 || p.nz < 0)
    throw Error("input.bad_grid",
                fmt::format("model size {} x {} x {}, expected counts >= 0", p.nx, p.ny, p.nz));
  if (static_cast<std::int64_t>(p.zone.size()) != p.block_count())
    throw Error("input.bad_zone",
                fmt::format("{} zone entries for {} blocks, expected one zone per block",
                            p.zone.size(), p.block_count()));
  const auto zones = static_cast<std::int64_t>(p.patterns.size());
  for (std::size_t v = 0; v < p.zone.size(); ++v)
    if (p.zone[v] < 0 || p.zone[v] >= zones)
      throw Error("input.bad_zone",
                  fmt::format("block {} is in zone {}, expected a zone in [0, {}) (one per "
                              "pattern)",
                              v, p.zone[v], zones));
  for (std::size_t z = 0; z < p.patterns.size(); ++z)
    for (const Offset& o : p.patterns[z])
      if (o.dz <= 0)
        throw Error("input.bad_pattern",
                    fmt::format("zone {} offset ({}, {}, {}) has dz {}, expected dz > 0 "
                                "(required blocks lie above)",
                                z, o.dx, o.dy, o.dz, o.dz));
}

void check_explicit(const ExplicitPrecedence& p) {
  const std::int64_t n = p.block_count();
  if (n < 0 || p.offsets.front() != 0 ||
      p.offsets.back() != static_cast<std::int64_t>(p.targets.size()))
    throw Error("internal.pit_csr",
                "malformed CSR precedence, expected offsets[0] == 0 and "
                "offsets[n] == number of targets");
  for (std::int64_t v = 0; v < n; ++v)
    for (std::int64_t k = p.offsets[v]; k < p.offsets[v + 1]; ++k)
      if (p.targets[k] < 0 || p.targets[k] >= n)
        throw Error("input.bad_id", fmt::format("block {} requires block {}, expected an id in "
                                                "[0, {})",
                                                v, p.targets[k], n));
}

}  // namespace

ClosureResult max_closure(const std::vector<std::int64_t>& values,
                          const ExplicitPrecedence& precedence) {
  check_explicit(precedence);
  return solve(CsrGraph(precedence), values);
}

ClosureResult max_closure(const std::vector<std::int64_t>& values, const RegularPattern& pattern) {
  check_pattern(pattern);
  return solve(PatternGraph<RegularPattern>(pattern), values);
}

ClosureResult max_closure(const std::vector<std::int64_t>& values, const ZonedPattern& pattern) {
  check_zoned(pattern);
  return solve(PatternGraph<ZonedPattern>(pattern), values);
}

std::int64_t first_closure_violation(const std::vector<std::int64_t>& mined,
                                     const ExplicitPrecedence& precedence) {
  check_explicit(precedence);
  return violation(CsrGraph(precedence), mined);
}

std::int64_t first_closure_violation(const std::vector<std::int64_t>& mined,
                                     const RegularPattern& pattern) {
  check_pattern(pattern);
  return violation(PatternGraph<RegularPattern>(pattern), mined);
}

std::int64_t first_closure_violation(const std::vector<std::int64_t>& mined,
                                     const ZonedPattern& pattern) {
  check_zoned(pattern);
  return violation(PatternGraph<ZonedPattern>(pattern), mined);
}

}  // namespace lodeline::pit
