// SPDX-License-Identifier: Apache-2.0
// The engine's two shortcuts, each against the thing it replaces:
// - a Cholesky factor extended from a shared leading block is bit-identical to factorising the
//   new matrix from scratch, and solves agree with Eigen's LLT to 1e-12;
// - the group search (one candidate list for a compact group of queries) returns exactly the
//   kd-tree search's neighbours, order and squared distances, ties included.
#include <gtest/gtest.h>

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <random>

#include "lodeline/kriging/estimate_internal.hpp"
#include "lodeline/kriging/neighbourhood.hpp"
#include "lodeline/kriging/small_cholesky.hpp"

using namespace lodeline::kriging;
using namespace lodeline::kriging::detail;

namespace {

constexpr std::size_t kLda = 24;

// Spherical covariance (nugget 0.2 + 0.8, range 1) of points in the unit cube, column-major
// lower triangle with leading dimension kLda.
std::vector<double> covariance(const std::vector<std::array<double, 3>>& p) {
  std::vector<double> a(kLda * kLda, 0.0);
  for (std::size_t j = 0; j < p.size(); ++j)
    for (std::size_t i = j; i < p.size(); ++i) {
      const double h = std::sqrt(std::pow(p[i][0] - p[j][0], 2) + std::pow(p[i][1] - p[j][1], 2) +
                                 std::pow(p[i][2] - p[j][2], 2));
      const double u = std::min(h, 1.0);
      a[j * kLda + i] = 0.8 * (1 - u * (1.5 - 0.5 * u * u)) + (i == j ? 0.2 : 0.0);
    }
  return a;
}

std::vector<std::array<double, 3>> random_points(std::size_t n, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<std::array<double, 3>> p(n);
  for (auto& q : p) q = {u(rng), u(rng), u(rng)};
  return p;
}

Eigen::MatrixXd dense(const std::vector<double>& a, std::size_t n) {
  Eigen::MatrixXd m(n, n);
  for (std::size_t j = 0; j < n; ++j)
    for (std::size_t i = j; i < n; ++i)
      m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) =
          m(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(i)) = a[j * kLda + i];
  return m;
}

// The same doubles bit for bit (signed zeros and NaN payloads too). Not memcmp on data(): an
// empty vector's data() may be null, and memcmp of a null pointer is undefined even for 0 bytes.
bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](double x, double y) {
    return std::bit_cast<std::uint64_t>(x) == std::bit_cast<std::uint64_t>(y);
  });
}

}  // namespace

TEST(SmallCholesky, ExtendingASharedLeadingBlockIsBitIdentical) {
  std::mt19937_64 rng(7);
  for (const std::size_t n : {std::size_t{5}, std::size_t{17}, std::size_t{24}})
    for (const std::size_t p : {std::size_t{0}, std::size_t{1}, std::size_t{4}, n / 2, n - 1}) {
      auto pts = random_points(n, rng);
      auto fresh_a = covariance(pts);
      // A factor of another matrix that shares the first p points.
      auto other = pts;
      for (std::size_t i = p; i < n; ++i) other[i] = random_points(1, rng)[0];
      auto ext = covariance(other);
      std::vector<double> inv_ext(kLda), z_ext(kLda);
      ASSERT_EQ(cholesky_rows(ext.data(), inv_ext.data(), n, kLda, 0), n);
      unit_forward_rows(ext.data(), inv_ext.data(), n, kLda, 0, z_ext.data());
      // Overwrite rows [p, n) with the new matrix's and extend.
      const auto a = covariance(pts);
      for (std::size_t j = 0; j < n; ++j)
        for (std::size_t i = std::max(j, p); i < n; ++i) ext[j * kLda + i] = a[j * kLda + i];
      ASSERT_EQ(cholesky_rows(ext.data(), inv_ext.data(), n, kLda, p), n);
      unit_forward_rows(ext.data(), inv_ext.data(), n, kLda, p, z_ext.data());

      std::vector<double> inv(kLda), z(kLda);
      ASSERT_EQ(cholesky_rows(fresh_a.data(), inv.data(), n, kLda, 0), n);
      unit_forward_rows(fresh_a.data(), inv.data(), n, kLda, 0, z.data());
      for (std::size_t j = 0; j < n; ++j) {
        EXPECT_EQ(std::memcmp(fresh_a.data() + j * kLda + j, ext.data() + j * kLda + j,
                              (n - j) * sizeof(double)),
                  0)
            << "n " << n << " p " << p << " column " << j;
      }
      EXPECT_EQ(std::memcmp(z.data(), z_ext.data(), n * sizeof(double)), 0);

      // Against Eigen: L L^T = A, z = L^-1 1, and the forward/backward solve.
      const Eigen::MatrixXd A = dense(a, n);
      const Eigen::LLT<Eigen::MatrixXd> llt(A);
      const auto ni = static_cast<Eigen::Index>(n);
      Eigen::MatrixXd L = Eigen::MatrixXd::Zero(ni, ni);
      for (std::size_t j = 0; j < n; ++j)
        for (std::size_t i = j; i < n; ++i)
          L(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = fresh_a[j * kLda + i];
      EXPECT_LT((L - Eigen::MatrixXd(llt.matrixL())).cwiseAbs().maxCoeff(), 1e-12);
      const Eigen::VectorXd zl = llt.matrixL().solve(Eigen::VectorXd::Ones(ni));
      for (std::size_t i = 0; i < n; ++i)
        EXPECT_NEAR(z[i], zl[static_cast<Eigen::Index>(i)], 1e-10);
      Eigen::VectorXd b = Eigen::VectorXd::LinSpaced(ni, -1.0, 2.0);
      const Eigen::VectorXd x = llt.solve(b);
      cholesky_forward(fresh_a.data(), inv.data(), n, kLda, b.data());
      cholesky_backward(fresh_a.data(), inv.data(), n, kLda, b.data());
      EXPECT_LT((b - x).cwiseAbs().maxCoeff(), 1e-9 * x.cwiseAbs().maxCoeff());
    }
}

TEST(SmallCholesky, ReportsTheFirstBadPivot) {
  // Rows 0 and 2 coincide: row 2's pivot is zero (or round-off), never a NaN factor.
  std::vector<std::array<double, 3>> pts{{0.1, 0.1, 0.1}, {0.5, 0.2, 0.9}, {0.1, 0.1, 0.1}};
  auto a = covariance(pts);
  for (std::size_t i = 0; i < 3; ++i) a[i * kLda + i] -= 0.2;  // no nugget
  std::vector<double> inv(kLda);
  const std::size_t valid = cholesky_rows(a.data(), inv.data(), 3, kLda, 0);
  EXPECT_GE(valid, 2u);
  if (valid == 3) {
    EXPECT_LT(a[2 * kLda + 2], 1e-7);  // round-off only
  }
}

TEST(GroupSearch, SameNeighboursOrderAndDistancesAsTheTree) {
  // Points on an integer lattice (many exact ties) plus a random scatter.
  std::mt19937_64 rng(11);
  std::vector<std::array<double, 3>> pts;
  for (int i = 0; i < 12; ++i)
    for (int j = 0; j < 12; ++j)
      for (int k = 0; k < 6; ++k) pts.push_back({double(i), double(j), double(k)});
  std::uniform_real_distribution<double> u(0, 12);
  for (int i = 0; i < 400; ++i) pts.push_back({u(rng), u(rng), u(rng) / 2});
  for (const double radius : {2.5, 4.0, 1e9})
    for (const std::size_t k : {std::size_t{1}, std::size_t{8}, std::size_t{24}}) {
      NeighbourLimits lim;
      lim.max_samples = k;
      lim.radius = radius;
      const NeighbourSearch search(pts, {}, lim);
      ASSERT_TRUE(search.groups_apply());
      NeighbourSearch::Scratch scratch;
      NeighbourSearch::Group group;
      for (const std::array<double, 3> centre :
           {std::array<double, 3>{3, 3, 2}, std::array<double, 3>{0, 0, 0},
            std::array<double, 3>{11.5, 6.25, 5.5}, std::array<double, 3>{-3, 20, 1}}) {
        const double reach = 1.75;
        search.prepare(centre, reach, group, scratch);
        std::uniform_real_distribution<double> off(-1, 1);
        for (int t = 0; t < 200; ++t) {
          // Queries within the reach, lattice points and half-lattice points among them.
          std::array<double, 3> q{centre[0] + off(rng), centre[1] + off(rng), centre[2] + off(rng)};
          if (t % 4 == 0) q = {std::round(q[0]), std::round(q[1]), std::round(q[2])};
          if (t % 4 == 1) q = {std::round(q[0]) + 0.5, std::round(q[1]), std::round(q[2]) + 0.5};
          const double d = std::sqrt(std::pow(q[0] - centre[0], 2) + std::pow(q[1] - centre[1], 2) +
                                     std::pow(q[2] - centre[2], 2));
          if (d > reach) continue;
          std::vector<std::uint32_t> a, b;
          std::vector<double> da, db;
          search.find(q, a, da, scratch);
          search.find_in(group, q, b, db, scratch);
          ASSERT_EQ(a, b) << "radius " << radius << " k " << k << " query " << q[0] << "," << q[1]
                          << "," << q[2];
          ASSERT_EQ(da.size(), db.size());
          EXPECT_TRUE(same_bits(da, db));
        }
      }
    }
}

TEST(GroupSearch, NotWithOctantsOrWithoutACount) {
  std::vector<std::array<double, 3>> pts{{0, 0, 0}, {1, 0, 0}};
  NeighbourLimits lim;
  lim.max_samples = 2;
  EXPECT_TRUE(NeighbourSearch(pts, {1, 2}, lim).groups_apply());
  lim.max_per_hole = 1;
  EXPECT_TRUE(NeighbourSearch(pts, {1, 2}, lim).groups_apply());
  lim.max_per_octant = 1;  // octants depend on the query: the tree path
  EXPECT_FALSE(NeighbourSearch(pts, {1, 2}, lim).groups_apply());
  lim.max_per_octant = 0;
  lim.max_samples = 0;  // every sample within the radius: the tree path
  EXPECT_FALSE(NeighbourSearch(pts, {1, 2}, lim).groups_apply());
}

TEST(GroupSearch, PerHoleLimitsGiveTheTreesSelection) {
  // Vertical "holes" on a 3 m grid, a sample every metre (many ties across holes), and a
  // per-hole cap that binds: the group search must make the same nearest-first selection.
  std::vector<std::array<double, 3>> pts;
  std::vector<std::int64_t> holes;
  for (int i = 0; i < 8; ++i)
    for (int j = 0; j < 8; ++j)
      for (int k = 0; k < 20; ++k) {
        pts.push_back({3.0 * i, 3.0 * j, double(k)});
        holes.push_back(i * 8 + j);
      }
  std::mt19937_64 rng(5);
  for (const std::size_t cap : {std::size_t{1}, std::size_t{3}, std::size_t{7}})
    for (const double radius : {4.0, 9.0, 1e9}) {
      NeighbourLimits lim;
      lim.max_samples = 12;
      lim.max_per_hole = cap;
      lim.radius = radius;
      const NeighbourSearch search(pts, holes, lim);
      ASSERT_TRUE(search.groups_apply());
      NeighbourSearch::Scratch scratch;
      NeighbourSearch::Group group;
      std::size_t capped = 0;
      for (const std::array<double, 3> centre :
           {std::array<double, 3>{10.5, 10.5, 9.5}, std::array<double, 3>{0, 0, 0},
            std::array<double, 3>{21, 4.5, 19}}) {
        const double reach = 2.5;
        search.prepare(centre, reach, group, scratch);
        std::uniform_real_distribution<double> off(-1.4, 1.4);
        for (int t = 0; t < 150; ++t) {
          std::array<double, 3> q{centre[0] + off(rng), centre[1] + off(rng), centre[2] + off(rng)};
          if (t % 3 == 0) q = {std::round(q[0]), std::round(q[1]), std::round(q[2])};
          std::vector<std::uint32_t> a, b;
          std::vector<double> da, db;
          search.find(q, a, da, scratch);
          search.find_in(group, q, b, db, scratch);
          ASSERT_EQ(a, b) << "cap " << cap << " radius " << radius;
          ASSERT_EQ(da.size(), db.size());
          EXPECT_TRUE(same_bits(da, db));
          std::map<std::int64_t, std::size_t> per;
          for (const auto i : a) capped += ++per[holes[i]] == cap ? 1 : 0;
        }
      }
      EXPECT_GT(capped, 0u);  // the cap was reached, so it shaped the selection
    }
}

TEST(BlockCovariance, DispatchedKernelGivesThePlainFormulasBits) {
  // The spherical point-to-block kernel may run as an AVX2 clone: it must give the bits of the
  // plain formula, summed in the kernel's documented order (eight partial sums).
  lodeline::kriging::detail::Space sp;
  sp.type = lodeline::variogram::StructureType::spherical;
  sp.sill = 0.8;
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> u(-0.08, 0.08);
  const std::size_t nd = 64;
  std::vector<double> w(nd);
  for (std::size_t d = 0; d < nd; ++d) {
    sp.dx.push_back(u(rng));
    sp.dy.push_back(u(rng));
    sp.dz.push_back(2 * u(rng));
    w[d] = 1.0 / 64 + u(rng) / 100;
    sp.disc_reach = std::max(
        sp.disc_reach, std::sqrt(sp.dx[d] * sp.dx[d] + sp.dy[d] * sp.dy[d] + sp.dz[d] * sp.dz[d]));
  }
  std::uniform_real_distribution<double> v(-1.3, 1.3);
  std::vector<double> px, py, pz;
  for (int k = 0; k < 300; ++k) {
    px.push_back(v(rng));
    py.push_back(v(rng));
    pz.push_back(v(rng));
  }
  const std::array<double, 3> q{0.05, -0.02, 0.1};
  std::vector<double> out(px.size(), 0.0), tmp(nd);
  lodeline::kriging::detail::add_block_covariances(sp, w.data(), nd, px.data(), py.data(),
                                                   pz.data(), px.size(), q, out.data(), tmp.data());
  std::size_t zero = 0;
  for (std::size_t k = 0; k < px.size(); ++k) {
    const double vx = px[k] - q[0], vy = py[k] - q[1], vz = pz[k] - q[2];
    double s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    for (std::size_t d = 0; d < nd; ++d) {
      const double a = sp.dx[d] - vx, b = sp.dy[d] - vy, c = sp.dz[d] - vz;
      const double h = std::sqrt(a * a + b * b + c * c);
      const double inside = h < 1.0;
      s[d % 8] += w[d] * (1.0 * (inside * (1.0 - h * (1.5 - 0.5 * (h * h)))));
    }
    const double expect =
        0.0 + sp.sill * (((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7])));
    EXPECT_EQ(std::memcmp(&out[k], &expect, sizeof expect), 0)
        << k << ": " << out[k] << " vs " << expect;
    if (expect == 0) ++zero;
  }
  EXPECT_GT(zero, 10u);  // some samples are beyond the range from the whole block (skipped)
}
