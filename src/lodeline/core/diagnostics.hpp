// SPDX-License-Identifier: Apache-2.0
// Warnings and notes recorded by stages; they travel into the report, never to stdout directly.
#pragma once

#include <string>
#include <vector>

#include "lodeline/core/error.hpp"

namespace lodeline {

struct Diagnostic {
  enum class Level { note, warning };
  Level level = Level::warning;
  std::string code;
  std::string message;
  InputLocation location;
  [[nodiscard]] std::string formatted() const;
};

class Diagnostics {
 public:
  void warn(std::string code, std::string message, InputLocation location = {});
  void note(std::string code, std::string message, InputLocation location = {});
  [[nodiscard]] const std::vector<Diagnostic>& items() const { return items_; }
  /// Appends every finding of `other`, in its order.
  void append(const Diagnostics& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
  }
  [[nodiscard]] std::size_t warning_count() const;

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace lodeline
