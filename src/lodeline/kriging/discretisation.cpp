// SPDX-License-Identifier: Apache-2.0
// Block discretisation points and weights (regular or Gauss-Legendre).
//
// Gauss-Legendre nodes/weights on [-1, 1]: Abramowitz & Stegun (1964), Table 25.4.
#include "lodeline/kriging/discretisation.hpp"

#include <fmt/format.h>

#include <cmath>
#include <numbers>

#include "lodeline/core/error.hpp"

namespace lodeline::kriging {

namespace {

struct Rule {
  std::vector<double> node;    // in [-0.5, 0.5]
  std::vector<double> weight;  // sum 1
};

Rule gauss_rule(int n) {
  // Nodes and weights on [-1, 1] (weights sum to 2), halved below.
  std::vector<double> x, w;
  switch (n) {
    case 1:
      x = {0.0};
      w = {2.0};
      break;
    case 2:
      x = {-0.5773502691896257, 0.5773502691896257};
      w = {1.0, 1.0};
      break;
    case 3:
      x = {-0.7745966692414834, 0.0, 0.7745966692414834};
      w = {0.5555555555555556, 0.8888888888888888, 0.5555555555555556};
      break;
    case 4:
      x = {-0.8611363115940526, -0.3399810435848563, 0.3399810435848563, 0.8611363115940526};
      w = {0.3478548451374538, 0.6521451548625461, 0.6521451548625461, 0.3478548451374538};
      break;
    default:
      x = {-0.9061798459386640, -0.5384693101056831, 0.0, 0.5384693101056831, 0.9061798459386640};
      w = {0.2369268850561891, 0.4786286704993665, 0.5688888888888889, 0.4786286704993665,
           0.2369268850561891};
      break;
  }
  Rule r;
  for (std::size_t k = 0; k < x.size(); ++k) {
    r.node.push_back(x[k] / 2);
    r.weight.push_back(w[k] / 2);
  }
  return r;
}

Rule regular_rule(int n) {
  Rule r;
  for (int k = 0; k < n; ++k) {
    r.node.push_back(-0.5 + (k + 0.5) / n);
    r.weight.push_back(1.0 / n);
  }
  return r;
}

}  // namespace

Discretisation discretise(const BlockOptions& options, bool three_d) {
  const int dims = three_d ? 3 : 2;
  std::array<Rule, 3> rules;
  for (int a = 0; a < 3; ++a) {
    const auto au = static_cast<std::size_t>(a);
    if (a >= dims) {
      rules[au] = Rule{{0.0}, {1.0}};
      continue;
    }
    const double size = options.size_m[au];
    const int n = options.discretization[au];
    if (!std::isfinite(size) || size <= 0)
      throw Error("input.bad_option",
                  fmt::format("block size[{}] is {}, expected a size > 0 m", a, size));
    const int max_n = options.scheme == BlockScheme::gauss ? 5 : 100;
    if (n < 1 || n > max_n)
      throw Error("input.bad_option",
                  fmt::format("block discretization[{}] is {}, expected 1 to {} points ({})", a, n,
                              max_n, options.scheme == BlockScheme::gauss ? "gauss" : "regular"));
    rules[au] = options.scheme == BlockScheme::gauss ? gauss_rule(n) : regular_rule(n);
  }
  const double rot = options.rotation_deg * std::numbers::pi / 180.0;
  const double c = std::cos(rot), s = std::sin(rot);
  Discretisation d;
  // x fastest, then y, then z.
  for (std::size_t k = 0; k < rules[2].node.size(); ++k)
    for (std::size_t j = 0; j < rules[1].node.size(); ++j)
      for (std::size_t i = 0; i < rules[0].node.size(); ++i) {
        const double ox = rules[0].node[i] * options.size_m[0];
        const double oy = rules[1].node[j] * options.size_m[1];
        const double oz = three_d ? rules[2].node[k] * options.size_m[2] : 0.0;
        d.offsets_m.push_back(options.rotation_deg == 0
                                  ? std::array<double, 3>{ox, oy, oz}
                                  : std::array<double, 3>{c * ox - s * oy, s * ox + c * oy, oz});
        double w = rules[0].weight[i] * rules[1].weight[j] * rules[2].weight[k];
        w = static_cast<double>(static_cast<float>(w));
        d.weights.push_back(w);
      }
  return d;
}

}  // namespace lodeline::kriging
