// SPDX-License-Identifier: Apache-2.0
// Parallel loops over indices whose errors do not depend on the thread count.
#pragma once

#include <tbb/parallel_for.h>

#include <cstddef>
#include <exception>
#include <vector>

namespace lodeline {

/// Runs f(0) ... f(n - 1) in parallel (TBB). An exception thrown by any call is kept by its
/// index; after all calls, the one of the lowest index is rethrown, so the error reported is
/// the same for any number of threads.
template <class F>
void parallel_for_index(std::size_t n, F&& f) {
  std::vector<std::exception_ptr> failed(n);
  tbb::parallel_for(std::size_t{0}, n, [&](std::size_t i) {
    try {
      f(i);
    } catch (...) {
      failed[i] = std::current_exception();
    }
  });
  for (auto& e : failed)
    if (e) std::rethrow_exception(e);
}

}  // namespace lodeline
