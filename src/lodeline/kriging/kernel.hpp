// SPDX-License-Identifier: Apache-2.0
// LODELINE_KERNEL marks the kriging module's hot loops: each gets an AVX2 clone picked at load
// time (GCC function multiversioning; build with -DLODELINE_NO_CLONES to leave them out). The
// module is built with -ffp-contract=off: no multiply-add is fused on either path, and every
// reduction has a fixed order, so both give the same bits. Library calls (pow, exp) stay out of
// cloned functions: called from AVX2 code they measured 3x slower on the benchmark machine.
#pragma once

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(LODELINE_NO_CLONES)
#define LODELINE_KERNEL __attribute__((target_clones("avx2", "default")))
#else
#define LODELINE_KERNEL
#endif
