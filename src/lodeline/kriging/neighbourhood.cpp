// SPDX-License-Identifier: Apache-2.0
// k nearest within a radius on a nanoflann kd-tree; hole and octant limits by widening the
// candidate count until enough are accepted (deterministic for a given tree and query).
#include "lodeline/kriging/neighbourhood.hpp"

#include <algorithm>
#include <cmath>
#include <nanoflann.hpp>

#include "lodeline/kriging/kernel.hpp"

namespace lodeline::kriging {

namespace {

struct Cloud {
  const std::vector<std::array<double, 3>>* pts;
  [[nodiscard]] std::size_t kdtree_get_point_count() const { return pts->size(); }
  [[nodiscard]] double kdtree_get_pt(std::size_t i, std::size_t d) const { return (*pts)[i][d]; }
  template <class Box>
  bool kdtree_get_bbox(Box&) const {
    return false;
  }
};

/// Offers (d, i) to the `count` best of at most `capacity`, kept in increasing (squared
/// distance, index): the kept set is the smallest by (d, i) whatever order they are offered
/// in. Below capacity only d < limit enters. Returns whether it entered.
inline bool rank(double* dist2, std::uint32_t* index, std::size_t& count, std::size_t capacity,
                 double limit, double d, std::uint32_t i) {
  if (count == capacity) {
    if (d > dist2[capacity - 1] || (d == dist2[capacity - 1] && i > index[capacity - 1]))
      return false;
  } else if (d >= limit) {
    return false;
  }
  std::size_t k = count < capacity ? count : capacity - 1;
  while (k > 0 && (dist2[k - 1] > d || (dist2[k - 1] == d && index[k - 1] > i))) {
    dist2[k] = dist2[k - 1];
    index[k] = index[k - 1];
    --k;
  }
  dist2[k] = d;
  index[k] = i;
  if (count < capacity) ++count;
  return true;
}

/// k nearest with squared distance <= radius2; ties ordered by index as they arrive.
class BoundedKnn {
 public:
  using DistanceType = double;
  using IndexType = std::uint32_t;
  BoundedKnn(std::size_t capacity, double radius2, std::uint32_t* index, double* dist2)
      : capacity_(capacity), limit_(radius2), worst_(radius2), index_(index), dist2_(dist2) {}
  [[nodiscard]] std::size_t size() const { return count_; }
  [[nodiscard]] bool full() const { return count_ == capacity_; }
  // Ties with the current k-th are let through (nextafter), so that the kept set is the k
  // smallest by (distance, index) whatever the traversal order or initial bound.
  [[nodiscard]] double worstDist() const { return worst_; }
  bool addPoint(double d, std::uint32_t i) {
    if (rank(dist2_, index_, count_, capacity_, limit_, d, i) && full())
      worst_ = std::nextafter(dist2_[capacity_ - 1], HUGE_VAL);
    return true;
  }

 private:
  std::size_t capacity_;
  std::size_t count_ = 0;
  double limit_;
  double worst_;
  std::uint32_t* index_;
  double* dist2_;
};

/// Every point with squared distance < limit2 (a radius query).
class Within {
 public:
  using DistanceType = double;
  using IndexType = std::uint32_t;
  Within(double limit2, std::vector<std::pair<double, std::uint32_t>>* out)
      : limit_(limit2), out_(out) {}
  [[nodiscard]] std::size_t size() const { return out_->size(); }
  [[nodiscard]] bool full() const { return true; }
  [[nodiscard]] double worstDist() const { return limit_; }
  bool addPoint(double d, std::uint32_t i) {
    if (d < limit_) out_->emplace_back(d, i);
    return true;
  }

 private:
  double limit_;
  std::vector<std::pair<double, std::uint32_t>>* out_;
};

/// Squared distance in the same operation order as nanoflann's L2_Simple_Adaptor, so the
/// group search and the tree agree on every tie.
double dist2(const std::array<double, 3>& q, double x, double y, double z) {
  const double a = q[0] - x, b = q[1] - y, c = q[2] - z;
  double r = 0;
  r += a * a;
  r += b * b;
  r += c * c;
  return r;
}

// Slack on triangle-inequality bounds: rounding in the computed distances is ~1e-16 relative.
double widen(double d) { return d * (1 + 1e-9) + 1e-9; }

}  // namespace

struct NeighbourSearch::Tree {
  using Index = nanoflann::KDTreeSingleIndexAdaptor<nanoflann::L2_Simple_Adaptor<double, Cloud>,
                                                    Cloud, 3, std::uint32_t>;
  Cloud cloud;
  Index index;
  explicit Tree(const std::vector<std::array<double, 3>>* pts)
      : cloud{pts}, index(3, cloud, nanoflann::KDTreeSingleIndexAdaptorParams(12)) {}
};

NeighbourSearch::NeighbourSearch(std::vector<std::array<double, 3>> points,
                                 std::vector<std::int64_t> hole, NeighbourLimits limits)
    : points_(std::move(points)), hole_(std::move(hole)), limits_(limits) {
  // Inclusive radius: the result sets keep d2 < limit2_.
  const double r2 = limits_.radius * limits_.radius;
  limit2_ = std::isfinite(r2) ? std::nextafter(r2, HUGE_VAL) : HUGE_VAL;
  tree_ = std::make_unique<Tree>(&points_);
}

NeighbourSearch::~NeighbourSearch() = default;

bool NeighbourSearch::groups_apply() const {
  return limits_.max_samples > 0 && limits_.max_per_octant == 0;
}

bool NeighbourSearch::per_hole() const { return !hole_.empty() && limits_.max_per_hole > 0; }

bool NeighbourSearch::hole_full(const std::vector<std::int64_t>& taken, std::int64_t h) const {
  return static_cast<std::size_t>(std::count(taken.begin(), taken.end(), h)) >=
         limits_.max_per_hole;
}

void NeighbourSearch::prepare(const std::array<double, 3>& centre, double reach, Group& g,
                              Scratch& scratch) const {
  g.centre = centre;
  g.reach = reach;
  g.index.clear();
  g.dc.clear();
  g.px.clear();
  g.py.clear();
  g.pz.clear();
  const std::size_t n = points_.size();
  if (n == 0) return;
  const std::size_t want = std::min(limits_.max_samples, n);
  double dk = HUGE_VAL;
  if (per_hole()) {
    // The centre's own selection (at most max_per_hole per hole, within the radius) is a
    // valid selection for every query: samples with a per-hole cap and a count form a matroid,
    // whose greedy (nearest-first) selection has the smallest largest distance of all, so a
    // query's farthest accepted sample is never farther than the centre's selection is from
    // it (at most dk + reach), or than the radius.
    find(centre, scratch.sel, scratch.sel_d2, scratch);
    if (scratch.sel.size() == want) dk = std::sqrt(scratch.sel_d2.back());
  } else {
    // k-th nearest distance from the centre, unbounded.
    scratch.index.resize(want);
    scratch.dist2.resize(want);
    BoundedKnn knn(want, HUGE_VAL, scratch.index.data(), scratch.dist2.data());
    tree_->index.findNeighbors(knn, centre.data(), nanoflann::SearchParams());
    if (knn.full()) dk = std::sqrt(scratch.dist2[want - 1]);
  }
  g.dk = dk;
  // A query q within `reach` has its k nearest within dk + reach of q (the centre's k nearest
  // are), and never beyond the radius: all of them lie within min(dk + reach, radius) + reach
  // of the centre.
  const double r = widen(std::min(dk + reach, limits_.radius) + reach);
  auto& found = scratch.found;
  found.clear();
  Within within(std::isfinite(r) ? r * r : HUGE_VAL, &found);
  tree_->index.findNeighbors(within, centre.data(), nanoflann::SearchParams());
  // Shells of equal width around the centre (a counting sort, in the tree's order within a
  // shell): find_in needs only a lower bound of each candidate's distance that never
  // decreases along the list.
  constexpr std::size_t kShells = 64;
  const std::size_t m = found.size();
  double dmax = 0;
  for (const auto& f : found) dmax = std::max(dmax, f.first);
  dmax = std::sqrt(dmax);
  const double width = dmax > 0 ? dmax / kShells : 1.0;
  auto& shell = scratch.index;
  shell.resize(m);
  std::array<std::size_t, kShells + 1> start{};
  for (std::size_t j = 0; j < m; ++j) {
    shell[j] = static_cast<std::uint32_t>(
        std::min<double>(kShells - 1, std::floor(std::sqrt(found[j].first) / width)));
    ++start[shell[j] + 1];
  }
  for (std::size_t b = 0; b < kShells; ++b) start[b + 1] += start[b];
  // Padded to whole blocks of kBlock with candidates that are never accepted (infinitely far).
  const std::size_t padded = (m + Group::kBlock - 1) / Group::kBlock * Group::kBlock;
  g.index.assign(padded, std::numeric_limits<std::uint32_t>::max());
  g.dc.assign(padded, HUGE_VAL);
  g.px.assign(padded, 1e300);
  g.py.assign(padded, 1e300);
  g.pz.assign(padded, 1e300);
  if (per_hole()) g.hole.assign(padded, kNoHole);
  for (std::size_t j = 0; j < m; ++j) {
    const std::size_t at = start[shell[j]]++;
    const std::uint32_t i = found[j].second;
    g.index[at] = i;
    g.dc[at] = static_cast<double>(shell[j]) * width * (1 - 1e-9);  // <= the distance
    g.px[at] = points_[i][0];
    g.py[at] = points_[i][1];
    g.pz[at] = points_[i][2];
    if (per_hole()) g.hole[at] = hole_[i];
  }
}

// The candidates' squared distances from q for the block at j0, in one vectorised pass (the
// operation order of dist2).
inline void block_dist2(const NeighbourSearch::Group& g, std::size_t j0,
                        const std::array<double, 3>& q, double* d8) {
  const double* __restrict px = g.px.data() + j0;
  const double* __restrict py = g.py.data() + j0;
  const double* __restrict pz = g.pz.data() + j0;
  const double q0 = q[0], q1 = q[1], q2 = q[2];
  for (std::size_t l = 0; l < NeighbourSearch::Group::kBlock; ++l) {
    const double a = q0 - px[l], b = q1 - py[l], c = q2 - pz[l];
    double r = 0;
    r += a * a;
    r += b * b;
    r += c * c;
    d8[l] = r;
  }
}

LODELINE_KERNEL void NeighbourSearch::find_in(const Group& g, const std::array<double, 3>& q,
                                              std::vector<std::uint32_t>& out,
                                              std::vector<double>& out_dist2,
                                              Scratch& scratch) const {
  if (per_hole()) {
    find_in_per_hole(g, q, out, out_dist2, scratch);
    return;
  }
  const std::size_t want = std::min(limits_.max_samples, points_.size());
  out.resize(want);
  out_dist2.resize(want);
  std::uint32_t* idx = out.data();
  double* d2s = out_dist2.data();
  const double delta = std::sqrt(dist2(q, g.centre[0], g.centre[1], g.centre[2]));
  // Candidates come in increasing distance from the centre: once that distance exceeds
  // (current k-th distance or the radius) + delta, no later one can be accepted.
  double stop = widen(limits_.radius + delta);
  std::size_t count = 0;
  const std::size_t m = g.index.size();  // a whole number of blocks
  for (std::size_t j0 = 0; j0 < m; j0 += Group::kBlock) {
    if (g.dc[j0] > stop) break;
    // The block's squared distances in one vectorised pass (the operation order of dist2),
    // then the few that can enter are ranked. Candidates past `stop` inside the block are
    // simply not accepted: the ranking is exact whatever is offered to it.
    double d8[Group::kBlock];
    block_dist2(g, j0, q, d8);
    for (std::size_t l = 0; l < Group::kBlock; ++l) {
      if (rank(d2s, idx, count, want, limit2_, d8[l], g.index[j0 + l]) && count == want)
        stop = std::min(stop, widen(std::sqrt(d2s[want - 1]) + delta));
    }
  }
  out.resize(count);
  out_dist2.resize(count);
}

void NeighbourSearch::find_in_per_hole(const Group& g, const std::array<double, 3>& q,
                                       std::vector<std::uint32_t>& out,
                                       std::vector<double>& out_dist2, Scratch& scratch) const {
  out.clear();
  out_dist2.clear();
  const std::size_t want = std::min(limits_.max_samples, points_.size());
  const double delta = std::sqrt(dist2(q, g.centre[0], g.centre[1], g.centre[2]));
  // Every accepted sample lies within min(dk + delta, radius) of q (see prepare): the
  // candidates up to that plus delta from the centre, nearest first, then the same greedy
  // pass as find().
  const double stop = widen(std::min(g.dk + delta, limits_.radius) + delta);
  auto& c = scratch.found;
  c.clear();
  const std::size_t m = g.index.size();
  for (std::size_t j0 = 0; j0 < m; j0 += Group::kBlock) {
    if (g.dc[j0] > stop) break;
    double d8[Group::kBlock];
    block_dist2(g, j0, q, d8);
    for (std::size_t l = 0; l < Group::kBlock; ++l)
      if (d8[l] < limit2_) c.emplace_back(d8[l], static_cast<std::uint32_t>(j0 + l));
  }
  std::sort(c.begin(), c.end(), [&](const auto& a, const auto& b) {
    return a.first < b.first || (a.first == b.first && g.index[a.second] < g.index[b.second]);
  });
  scratch.holes.clear();
  for (const auto& [d, j] : c) {
    if (out.size() == want) break;
    if (hole_full(scratch.holes, g.hole[j])) continue;
    scratch.holes.push_back(g.hole[j]);
    out.push_back(g.index[j]);
    out_dist2.push_back(d);
  }
}

void NeighbourSearch::find(const std::array<double, 3>& q, std::vector<std::uint32_t>& out,
                           std::vector<double>& out_dist2, Scratch& scratch,
                           std::int64_t exclude_index, std::int64_t exclude_hole,
                           double bound2) const {
  out.clear();
  out_dist2.clear();
  const std::size_t n = points_.size();
  if (n == 0) return;
  const bool holes = !hole_.empty();
  const bool capped = per_hole();
  const bool octants = limits_.max_per_octant > 0;
  const bool excluding = exclude_index >= 0 || (holes && exclude_hole != kNoHole);
  const bool constrained = capped || octants || excluding;
  const std::size_t want = limits_.max_samples == 0 ? n : std::min(limits_.max_samples, n);

  std::size_t cand = constrained ? std::min(n, 2 * want + 8) : want;
  for (;;) {
    scratch.index.resize(cand);
    scratch.dist2.resize(cand);
    if (!constrained && bound2 < limit2_) {
      // A bound known to hold the k nearest (from a nearby query): a full result within it
      // is exactly the unbounded result; otherwise search again without it.
      BoundedKnn bounded(cand, bound2, scratch.index.data(), scratch.dist2.data());
      tree_->index.findNeighbors(bounded, q.data(), nanoflann::SearchParams());
      if (bounded.full()) {
        out.assign(scratch.index.begin(), scratch.index.end());
        out_dist2.assign(scratch.dist2.begin(), scratch.dist2.end());
        return;
      }
    }
    BoundedKnn result(cand, limit2_, scratch.index.data(), scratch.dist2.data());
    tree_->index.findNeighbors(result, q.data(), nanoflann::SearchParams());
    const std::size_t found = result.size();
    if (!constrained) {
      out.assign(scratch.index.begin(), scratch.index.begin() + static_cast<std::ptrdiff_t>(found));
      out_dist2.assign(scratch.dist2.begin(),
                       scratch.dist2.begin() + static_cast<std::ptrdiff_t>(found));
      return;
    }
    out.clear();
    out_dist2.clear();
    std::array<std::size_t, 8> in_octant{};
    scratch.holes.clear();
    for (std::size_t c = 0; c < found && out.size() < want; ++c) {
      const std::uint32_t i = scratch.index[c];
      if (static_cast<std::int64_t>(i) == exclude_index) continue;
      if (holes && hole_[i] == exclude_hole) continue;
      std::size_t o = 0;
      if (octants) {
        const auto& p = points_[i];
        o = (p[0] >= q[0] ? 1u : 0u) | (p[1] >= q[1] ? 2u : 0u) | (p[2] >= q[2] ? 4u : 0u);
        if (in_octant[o] >= limits_.max_per_octant) continue;
      }
      if (capped && hole_full(scratch.holes, hole_[i])) continue;
      if (octants) ++in_octant[o];
      if (capped) scratch.holes.push_back(hole_[i]);
      out.push_back(i);
      out_dist2.push_back(scratch.dist2[c]);
    }
    if (out.size() >= want || found < cand || cand == n) return;
    cand = std::min(n, cand * 2);
  }
}

}  // namespace lodeline::kriging
