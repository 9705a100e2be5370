// SPDX-License-Identifier: Apache-2.0
// Every code lodeline reports, in one table: {code, category, severity, summary}.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "lodeline/core/error.hpp"

namespace lodeline {

enum class Severity { error, warning, note };

struct ErrorCodeInfo {
  std::string_view code;     ///< dotted, e.g. "input.bad_number"
  ErrorCategory category;    ///< decides the exit status (exit_status())
  Severity severity;         ///< how it is reported by default (--force may demote errors)
  std::string_view summary;  ///< one line for docs/errors.md and `lodeline errors`
};

/// Every code, sorted by code.
[[nodiscard]] std::span<const ErrorCodeInfo> error_codes();
/// The entry of `code`, or nullptr when the table does not hold it.
[[nodiscard]] const ErrorCodeInfo* find_error_code(std::string_view code);
[[nodiscard]] std::string_view severity_name(Severity severity);

}  // namespace lodeline

namespace lodeline {

/// The Markdown table of every code (code, exit status, severity, summary), as generated into
/// docs/errors.md.
[[nodiscard]] std::string error_codes_markdown();

}  // namespace lodeline
