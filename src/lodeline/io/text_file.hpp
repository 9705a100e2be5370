// SPDX-License-Identifier: Apache-2.0
// Whole-file reads, byte offset -> line:column, and atomic (temp + rename) writes.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "lodeline/core/error.hpp"

namespace lodeline::io {

/// Reads a whole file; throws io.cannot_open with the path when it cannot.
std::string read_text(const std::filesystem::path& path);

/// 1-based line and column of a byte offset in `text` (a scan from the start: for one
/// look-up; use LineIndex for many).
InputLocation location_of(std::string_view text, std::size_t offset, const std::string& file);

/// The line starts of a text, found once: each offset -> line:column look-up is then a binary
/// search, so locating every element of a file stays linear in its size. Gives the same
/// locations as location_of().
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  [[nodiscard]] InputLocation location(std::size_t offset, const std::string& file) const;

 private:
  std::vector<std::size_t> line_starts_;
  std::size_t text_size_ = 0;
};

/// A file written unseen and put in place whole. The bytes go to an unnamed file in the
/// destination's folder (Linux O_TMPFILE: a killed process leaves nothing behind), or, where
/// the file system has none, to "<path>.tmp-<pid>". finish() flushes and closes (where a full
/// disk shows); place() gives the file its name; commit() does both. A writer destroyed before
/// place() removes what it wrote, so a failed run leaves no half-written output.
class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path path);
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile();
  void write(std::string_view bytes);
  void finish();
  void place();
  void commit();
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  void open_named_temp();
  std::filesystem::path path_;
  std::filesystem::path temp_;
  std::FILE* file_ = nullptr;
  int unnamed_fd_ = -1;  // the O_TMPFILE descriptor kept open by finish() for place()
  bool unnamed_ = false;
  bool finished_ = false;
  bool committed_ = false;
};

/// Tests only: the n-th write or close of any AtomicFile from now on fails as a full disk
/// would (0 turns the fault off).
void inject_write_fault(std::int64_t nth);

/// Writes `bytes` to `path` atomically (creates parent folders).
void write_file_atomic(const std::filesystem::path& path, std::string_view bytes);

/// Shortest decimal text that reads back to the same double ("%.17g" shortened).
std::string format_double(double value);

}  // namespace lodeline::io
