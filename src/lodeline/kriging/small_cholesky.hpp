// SPDX-License-Identifier: Apache-2.0
// Cholesky factorisation and solves for the small (n <= ~100) SPD kriging systems.
//
// Left-looking column Cholesky (Golub & Van Loan, Matrix Computations, 4th ed., alg. 4.2.1)
// with contiguous column updates that the compiler vectorises, able to extend a factor whose
// leading rows are shared with an earlier system (the kriging systems of neighbouring targets
// share most of their samples). Measured on the 24-sample
// kriging systems of bench_kriging, Eigen's dynamic-size LLT spends most of its time in
// per-column gemv dispatch (about 2.5x slower at this size); Eigen is kept for everything
// else.
#pragma once

#include <cmath>
#include <cstddef>

namespace lodeline::kriging::detail {

// y[i] -= a * x[i] for i < m (distinct arrays: vectorises without alias checks).
inline void axpy_sub(double* __restrict y, const double* __restrict x, double a, std::size_t m) {
  for (std::size_t i = 0; i < m; ++i) y[i] -= a * x[i];
}

// y[i] -= (l0 c0[i] + l1 c1[i]) + (l2 c2[i] + l3 c3[i]) for i < m (restrict parameters: GCC
// vectorises without run-time alias checks, which it does not do for restrict locals).
inline void update4(double* __restrict y, const double* __restrict c0, const double* __restrict c1,
                    const double* __restrict c2, const double* __restrict c3, double l0, double l1,
                    double l2, double l3, std::size_t m) {
  for (std::size_t i = 0; i < m; ++i) y[i] -= (l0 * c0[i] + l1 * c1[i]) + (l2 * c2[i] + l3 * c3[i]);
}

// y[i] -= l0 c0[i] + l1 c1[i] for i < m.
inline void update2(double* __restrict y, const double* __restrict c0, const double* __restrict c1,
                    double l0, double l1, std::size_t m) {
  for (std::size_t i = 0; i < m; ++i) y[i] -= l0 * c0[i] + l1 * c1[i];
}

// y[i] *= a for i < m.
inline void scale(double* __restrict y, double a, std::size_t m) {
  for (std::size_t i = 0; i < m; ++i) y[i] *= a;
}

// sum x[i] * y[i] with four fixed partial sums (a fixed order: deterministic, vectorisable).
inline double dot4(const double* __restrict x, const double* __restrict y, std::size_t m) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  std::size_t i = 0;
  for (; i + 4 <= m; i += 4) {
    s0 += x[i] * y[i];
    s1 += x[i + 1] * y[i + 1];
    s2 += x[i + 2] * y[i + 2];
    s3 += x[i + 3] * y[i + 3];
  }
  for (; i < m; ++i) s0 += x[i] * y[i];
  return (s0 + s1) + (s2 + s3);
}

/// Factors rows [p, n) of the lower triangle of the column-major n x n matrix `a` (leading
/// dimension lda) in place into L (A = L L^T), rows [0, p) holding L already. Every entry
/// L[i][j] is computed by the same operations whatever n and p are (column j is updated by
/// earlier columns four at a time, in a grouping fixed by j), so refactorising from a shared
/// leading block is bit-identical to factorising from scratch. Returns the number of leading
/// rows whose pivot is positive and finite (n when all are).
inline std::size_t cholesky_rows(double* a, double* inv, std::size_t n, std::size_t lda,
                                 std::size_t p) {
  for (std::size_t j = 0; j < n; ++j) {
    double* cj = a + j * lda;
    const std::size_t r0 = j > p ? j : p;  // first row of column j to compute
    const std::size_t m = n - r0;
    double* y = cj + r0;
    std::size_t k = 0;
    for (; k + 4 <= j; k += 4) {
      const double* c0 = a + k * lda;
      update4(y, c0 + r0, c0 + lda + r0, c0 + 2 * lda + r0, c0 + 3 * lda + r0, c0[j], c0[lda + j],
              c0[2 * lda + j], c0[3 * lda + j], m);
    }
    if (k + 2 <= j) {
      const double* c0 = a + k * lda;
      update2(y, c0 + r0, c0 + lda + r0, c0[j], c0[lda + j], m);
      k += 2;
    }
    if (k < j) axpy_sub(y, a + k * lda + r0, a[k * lda + j], m);
    if (j < p) {
      // Column j's pivot is known: scale the new rows only.
      scale(y, inv[j], m);
      continue;
    }
    const double d = cj[j];
    if (!(d > 0) || !std::isfinite(d)) return j;
    const double sq = std::sqrt(d);
    cj[j] = sq;
    inv[j] = 1.0 / sq;
    scale(cj + j + 1, inv[j], n - j - 1);
  }
  return n;
}

/// z = L^-1 1 for rows [p, n), rows [0, p) of z given: z[i] = (1 - sum_k L[i][k] z[k]) /
/// L[i][i] in a fixed order per row (so, like cholesky_rows, independent of n and p).
inline void unit_forward_rows(const double* l, const double* inv, std::size_t n, std::size_t lda,
                              std::size_t p, double* z) {
  for (std::size_t i = p; i < n; ++i) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    std::size_t k = 0;
    for (; k + 4 <= i; k += 4) {
      s0 += l[k * lda + i] * z[k];
      s1 += l[(k + 1) * lda + i] * z[k + 1];
      s2 += l[(k + 2) * lda + i] * z[k + 2];
      s3 += l[(k + 3) * lda + i] * z[k + 3];
    }
    for (; k < i; ++k) s0 += l[k * lda + i] * z[k];
    z[i] = (1.0 - ((s0 + s1) + (s2 + s3))) * inv[i];
  }
}

/// Solves L y = b in place, four columns at a time (inv[i] = 1 / L[i][i]: multiplications
/// instead of divisions on the solve's critical path).
inline void cholesky_forward(const double* l, const double* inv, std::size_t n, std::size_t lda,
                             double* b) {
  const std::size_t nb = n - n % 4;  // rows [0, nb) in blocks of four, then the rest
  for (std::size_t j = 0; j < nb; j += 4) {
    const double* __restrict c0 = l + j * lda;
    const double* __restrict c1 = c0 + lda;
    const double* __restrict c2 = c1 + lda;
    const double* __restrict c3 = c2 + lda;
    const double y0 = b[j] * inv[j];
    const double y1 = (b[j + 1] - c0[j + 1] * y0) * inv[j + 1];
    const double y2 = (b[j + 2] - c0[j + 2] * y0 - c1[j + 2] * y1) * inv[j + 2];
    const double y3 = (b[j + 3] - c0[j + 3] * y0 - c1[j + 3] * y1 - c2[j + 3] * y2) * inv[j + 3];
    b[j] = y0;
    b[j + 1] = y1;
    b[j + 2] = y2;
    b[j + 3] = y3;
    update4(b + j + 4, c0 + j + 4, c1 + j + 4, c2 + j + 4, c3 + j + 4, y0, y1, y2, y3, n - j - 4);
  }
  for (std::size_t j = nb; j < n; ++j) {
    const double* cj = l + j * lda;
    const double yj = b[j] * inv[j];
    b[j] = yj;
    axpy_sub(b + j + 1, cj + j + 1, yj, n - j - 1);
  }
}

/// Solves L^T x = y in place; the last n % 4 rows first, then blocks of four upwards.
inline void cholesky_backward(const double* l, const double* inv, std::size_t n, std::size_t lda,
                              double* b) {
  const std::size_t nb = n - n % 4;
  for (std::size_t jj = n; jj-- > nb;) {
    const double* cj = l + jj * lda;
    b[jj] = (b[jj] - dot4(cj + jj + 1, b + jj + 1, n - jj - 1)) * inv[jj];
  }
  for (std::size_t j = nb; j >= 4;) {
    j -= 4;
    const double* __restrict c0 = l + j * lda;
    const double* __restrict c1 = c0 + lda;
    const double* __restrict c2 = c1 + lda;
    const double* __restrict c3 = c2 + lda;
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (std::size_t i = j + 4; i < n; ++i) {
      s0 += c0[i] * b[i];
      s1 += c1[i] * b[i];
      s2 += c2[i] * b[i];
      s3 += c3[i] * b[i];
    }
    const double x3 = (b[j + 3] - s3) * inv[j + 3];
    const double x2 = (b[j + 2] - s2 - c2[j + 3] * x3) * inv[j + 2];
    const double x1 = (b[j + 1] - s1 - c1[j + 2] * x2 - c1[j + 3] * x3) * inv[j + 1];
    const double x0 = (b[j] - s0 - c0[j + 1] * x1 - c0[j + 2] * x2 - c0[j + 3] * x3) * inv[j];
    b[j] = x0;
    b[j + 1] = x1;
    b[j + 2] = x2;
    b[j + 3] = x3;
  }
}

}  // namespace lodeline::kriging::detail
