// SPDX-License-Identifier: Apache-2.0
// Whole-file reads, locations and atomic writes.
#include "lodeline/io/text_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
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

namespace {

// The fault seam of the tests: when set, the n-th write or close of any AtomicFile fails as a
// full disk would (0: never).
std::atomic<std::int64_t> g_fail_at{0};
std::atomic<std::int64_t> g_operations{0};

bool injected_fault() {
  const std::int64_t at = g_fail_at.load();
  return at > 0 && g_operations.fetch_add(1) + 1 == at;
}

Error write_error(const std::filesystem::path& path, const char* what, int err) {
  return Error("io.cannot_write",
               fmt::format("{} '{}' failed: {}", what, path.string(), std::strerror(err)),
               {path.string()});
}

std::filesystem::path folder_of(const std::filesystem::path& path) {
  return path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
}

}  // namespace

void inject_write_fault(std::int64_t nth) {
  g_operations = 0;
  g_fail_at = nth;
}

AtomicFile::AtomicFile(std::filesystem::path path) : path_(std::move(path)) {
  if (path_.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(path_.parent_path(), ec);
  }
  if (std::filesystem::is_directory(path_))
    throw Error("io.cannot_write",
                fmt::format("cannot write '{}': it is a folder, expected a file or nothing",
                            path_.string()),
                {path_.string()});
  const int fd = ::open(folder_of(path_).c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
  // The unnamed file is given its name through /proc/self/fd; without /proc, a named temporary.
  if (fd >= 0 && ::access(fmt::format("/proc/self/fd/{}", fd).c_str(), F_OK) == 0) {
    file_ = ::fdopen(fd, "wb");
    unnamed_ = file_ != nullptr;
  } else if (fd >= 0) {
    ::close(fd);
  }
  if (!file_) open_named_temp();
}

void AtomicFile::open_named_temp() {
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
  if (unnamed_fd_ >= 0) ::close(unnamed_fd_);
  if (!committed_ && !temp_.empty()) {
    std::error_code ec;
    std::filesystem::remove(temp_, ec);
  }
}

void AtomicFile::write(std::string_view bytes) {
  if (injected_fault()) throw write_error(path_, "writing", ENOSPC);
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size())
    throw write_error(path_, "writing", errno);
}

void AtomicFile::finish() {
  if (finished_) return;
  if (injected_fault()) throw write_error(path_, "closing", ENOSPC);
  if (std::fflush(file_) != 0) throw write_error(path_, "writing", errno);
  if (unnamed_) {
    unnamed_fd_ = ::dup(::fileno(file_));
    if (unnamed_fd_ < 0) throw write_error(path_, "closing", errno);
  }
  const int closed = std::fclose(file_);
  file_ = nullptr;
  if (closed != 0) throw write_error(path_, "closing", errno);
  finished_ = true;
}

void AtomicFile::place() {
  finish();
  if (unnamed_) {
    // Named only for the instant between link and rename.
    temp_ = path_;
    temp_ += fmt::format(".tmp-{}", static_cast<long>(::getpid()));
    std::filesystem::remove(temp_);
    if (::linkat(AT_FDCWD, fmt::format("/proc/self/fd/{}", unnamed_fd_).c_str(), AT_FDCWD,
                 temp_.c_str(), AT_SYMLINK_FOLLOW) != 0)
      throw write_error(path_, "naming", errno);
  }
  std::error_code ec;
  std::filesystem::rename(temp_, path_, ec);
  if (ec)
    throw Error("io.cannot_write",
                fmt::format("cannot rename onto '{}': {}", path_.string(), ec.message()),
                {path_.string()});
  committed_ = true;
}

void AtomicFile::commit() { place(); }

void write_file_atomic(const std::filesystem::path& path, std::string_view bytes) {
  AtomicFile file(path);
  file.write(bytes);
  file.commit();
}

std::string format_double(double value) { return fmt::format("{}", value); }

}  // namespace lodeline::io
