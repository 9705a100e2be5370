// SPDX-License-Identifier: Apache-2.0
// Whole-file reads, locations and atomic writes.
#include "lodeline/io/text_file.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>

namespace lodeline::io {

std::string read_text(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw Error("io.cannot_open", fmt::format("'{}' is a folder, expected a file", path.string()),
                {path.string()});
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error("io.cannot_open",
                fmt::format("cannot open '{}': {}", path.string(), std::strerror(errno)),
                {path.string()});
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

InputLocation location_of(std::string_view text, std::size_t offset, const std::string& file) {
  std::int64_t line = 1, col = 1;
  const std::size_t end = std::min(offset, text.size());
  for (std::size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return {file, line, col};
}

LineIndex::LineIndex(std::string_view text) : line_starts_{0}, text_size_(text.size()) {
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') line_starts_.push_back(i + 1);
}

InputLocation LineIndex::location(std::size_t offset, const std::string& file) const {
  const std::size_t at = std::min(offset, text_size_);
  const auto next = std::upper_bound(line_starts_.begin(), line_starts_.end(), at);
  const auto line = static_cast<std::int64_t>(next - line_starts_.begin());
  const auto column = static_cast<std::int64_t>(at - *std::prev(next)) + 1;
  return {file, line, column};
}

AtomicFile::AtomicFile(std::filesystem::path path) : path_(std::move(path)) {
  if (path_.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(path_.parent_path(), ec);
  }
  temp_ = path_;
  temp_ += fmt::format(".tmp-{}", static_cast<long>(::getpid()));
  file_ = std::fopen(temp_.c_str(), "wb");
  if (!file_)
    throw Error("io.cannot_write",
                fmt::format("cannot write '{}': {}", path_.string(), std::strerror(errno)),
                {path_.string()});
}

AtomicFile::~AtomicFile() {
  if (file_) std::fclose(file_);
  if (!committed_) {
    std::error_code ec;
    std::filesystem::remove(temp_, ec);
  }
}

void AtomicFile::write(std::string_view bytes) {
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size())
    throw Error("io.cannot_write",
                fmt::format("writing '{}' failed: {}", path_.string(), std::strerror(errno)),
                {path_.string()});
}

void AtomicFile::commit() {
  const bool flushed = std::fflush(file_) == 0;
  const bool closed = std::fclose(file_) == 0;
  file_ = nullptr;
  if (!flushed || !closed)
    throw Error("io.cannot_write", fmt::format("closing '{}' failed", path_.string()),
                {path_.string()});
  std::error_code ec;
  std::filesystem::rename(temp_, path_, ec);
  if (ec)
    throw Error("io.cannot_write",
                fmt::format("cannot rename onto '{}': {}", path_.string(), ec.message()),
                {path_.string()});
  committed_ = true;
}

void write_file_atomic(const std::filesystem::path& path, std::string_view bytes) {
  AtomicFile file(path);
  file.write(bytes);
  file.commit();
}

std::string format_double(double value) { return fmt::format("{}", value); }

}  // namespace lodeline::io
