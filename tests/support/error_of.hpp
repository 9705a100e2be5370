// SPDX-License-Identifier: Apache-2.0
// The error text a piece of test code throws, for asserting exact messages.
#pragma once

#include <functional>
#include <string>

#include "lodeline/core/error.hpp"

namespace lodeline::test {

/// What `f` throws as Error::formatted() ("file:line:col: error[code]: ..."), or "no error".
inline std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.formatted();
  }
  return "no error";
}

/// What `f` throws as Error::headline(), or "(no error)".
inline std::string headline_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.headline();
  }
  return "(no error)";
}

}  // namespace lodeline::test
