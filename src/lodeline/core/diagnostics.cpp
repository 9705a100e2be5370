// SPDX-License-Identifier: Apache-2.0
// Warnings and notes recorded by stages.
#include "lodeline/core/diagnostics.hpp"

#include <algorithm>

namespace lodeline {

std::string Diagnostic::formatted() const {
  const std::string where = location.str();
  const char* kind = level == Level::warning ? "warning" : "note";
  return (where.empty() ? std::string() : where + ": ") + kind + "[" + code + "]: " + message;
}

void Diagnostics::warn(std::string code, std::string message, InputLocation location) {
  items_.push_back({Diagnostic::Level::warning, std::move(code), std::move(message),
                    std::move(location)});
}

void Diagnostics::note(std::string code, std::string message, InputLocation location) {
  items_.push_back(
      {Diagnostic::Level::note, std::move(code), std::move(message), std::move(location)});
}

std::size_t Diagnostics::warning_count() const {
  return static_cast<std::size_t>(std::count_if(items_.begin(), items_.end(), [](const auto& d) {
    return d.level == Diagnostic::Level::warning;
  }));
}

}  // namespace lodeline
