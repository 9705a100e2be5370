// SPDX-License-Identifier: Apache-2.0
// The one error type of lodeline: a stable dotted code, a message and the data location.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace lodeline {

/// Where in an input file a finding is. line/column are 1-based; 0 means "unknown".
struct InputLocation {
  std::string file;
  std::int64_t line = 0;
  std::int64_t column = 0;

  /// "file:line:col", "file:line", "file" or "" depending on what is known.
  [[nodiscard]] std::string str() const;
};

/// Categories decide the process exit status (see exit_status()).
enum class ErrorCategory { usage, input, geometry, numeric, io, resource, internal };

/// Exit status of the CLI for a category: usage 2, input 3, CRS/geometry 4, numeric 5, I/O 6,
/// resource 7, internal 70. Documented in docs/errors.md.
int exit_status(ErrorCategory category);

/// Category from the first component of a dotted code ("input.bad_number" -> input).
/// "crs." codes belong to the geometry category.
ErrorCategory category_of(const std::string& code);

/// Thrown by the library, caught only by the CLI. The first finding is the error itself;
/// readers that check a whole file attach further findings and the total count.
class Error : public std::runtime_error {
 public:
  Error(std::string code, std::string message, InputLocation location = {});

  [[nodiscard]] const std::string& code() const { return code_; }
  [[nodiscard]] const std::string& message() const { return message_; }
  [[nodiscard]] const InputLocation& location() const { return location_; }
  [[nodiscard]] ErrorCategory category() const { return category_of(code_); }
  /// "file:line:col: error[code]: message" for this finding alone.
  [[nodiscard]] std::string headline() const;
  /// headline plus the attached findings and "... and N more errors".
  [[nodiscard]] std::string formatted() const;

  /// Further findings of the same check (already formatted headlines).
  std::vector<std::string> more;
  /// Total number of findings including this one (>= 1 + more.size()).
  std::size_t total = 1;

 private:
  std::string code_;
  std::string message_;
  InputLocation location_;
};

/// Collects findings of a whole-file check; throw_if_any() throws the first with the rest
/// attached (at most `keep` are kept verbatim, all are counted).
class ErrorList {
 public:
  explicit ErrorList(std::size_t keep = 20) : keep_(keep) {}
  void add(Error error);
  [[nodiscard]] bool empty() const { return count_ == 0; }
  [[nodiscard]] std::size_t count() const { return count_; }
  void throw_if_any() const;

 private:
  std::size_t keep_;
  std::size_t count_ = 0;
  std::vector<Error> errors_;
};

}  // namespace lodeline
