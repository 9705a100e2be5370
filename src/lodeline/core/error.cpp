// SPDX-License-Identifier: Apache-2.0
// Error formatting, categories and exit statuses.
#include "lodeline/core/error.hpp"

#include "lodeline/core/error_codes.hpp"

#include <fmt/format.h>

namespace lodeline {

std::string InputLocation::str() const {
  if (file.empty()) return {};
  if (line <= 0) return file;
  if (column <= 0) return fmt::format("{}:{}", file, line);
  return fmt::format("{}:{}:{}", file, line, column);
}

int exit_status(ErrorCategory category) {
  switch (category) {
    case ErrorCategory::usage: return 2;
    case ErrorCategory::input: return 3;
    case ErrorCategory::geometry: return 4;
    case ErrorCategory::numeric: return 5;
    case ErrorCategory::io: return 6;
    case ErrorCategory::resource: return 7;
    case ErrorCategory::internal: return 70;
  }
  return 70;
}

ErrorCategory category_of(const std::string& code) {
  if (const ErrorCodeInfo* info = find_error_code(code)) return info->category;
  const std::string head = code.substr(0, code.find('.'));
  if (head == "usage") return ErrorCategory::usage;
  if (head == "input") return ErrorCategory::input;
  if (head == "geometry" || head == "crs") return ErrorCategory::geometry;
  if (head == "numeric") return ErrorCategory::numeric;
  if (head == "io") return ErrorCategory::io;
  if (head == "resource") return ErrorCategory::resource;
  return ErrorCategory::internal;
}

Error::Error(std::string code, std::string message, InputLocation location)
    : std::runtime_error(message),
      code_(std::move(code)),
      message_(std::move(message)),
      location_(std::move(location)) {}

std::string Error::headline() const {
  const std::string where = location_.str();
  return where.empty() ? fmt::format("error[{}]: {}", code_, message_)
                       : fmt::format("{}: error[{}]: {}", where, code_, message_);
}

std::string Error::formatted() const {
  std::string out = headline();
  for (const auto& line : more) out += "\n" + line;
  const std::size_t shown = 1 + more.size();
  if (total > shown) out += fmt::format("\n... and {} more errors ({} in all)", total - shown, total);
  return out;
}

void ErrorList::add(Error error) {
  ++count_;
  if (errors_.size() < keep_) errors_.push_back(std::move(error));
}

void ErrorList::throw_if_any() const {
  if (count_ == 0) return;
  Error first = errors_.front();
  for (std::size_t i = 1; i < errors_.size(); ++i) first.more.push_back(errors_[i].headline());
  first.total = count_;
  throw first;
}

}  // namespace lodeline
