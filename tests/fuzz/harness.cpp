// SPDX-License-Identifier: Apache-2.0
// The temporary files of a fuzz target and the check of what a reader threw.
#include "harness.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "lodeline/core/error.hpp"

namespace lodeline::fuzz {
namespace {

namespace fs = std::filesystem;

/// $TMPDIR/lodeline-fuzz-<pid>, made on first use and removed when the process exits normally
/// (a crashing input leaves it behind, with the input that crashed in it).
class TempFolder {
 public:
  TempFolder() {
    const char* tmp = std::getenv("TMPDIR");
    path_ = fs::path(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") /
            ("lodeline-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(path_);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  ~TempFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

const fs::path& temp_folder() {
  static const TempFolder folder;
  return folder.path();
}

void write_bytes(const fs::path& path, const char* data, std::size_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data, static_cast<std::streamsize>(size));
  if (!out) {
    std::fprintf(stderr, "fuzz harness: cannot write %s\n", path.c_str());
    std::abort();
  }
}

bool is_internal(const Error& error) { return error.code().rfind("internal.", 0) == 0; }

}  // namespace

std::string fixed_file(std::string_view name, std::string_view text) {
  const fs::path path = temp_folder() / name;
  if (!fs::exists(path)) write_bytes(path, text.data(), text.size());
  return path.string();
}

int run_reader(const std::uint8_t* data, std::size_t size, std::string_view suffix,
               const std::function<void(const std::string& path)>& read) {
  const fs::path path = temp_folder() / ("input" + std::string(suffix));
  write_bytes(path, reinterpret_cast<const char*>(data), size);
  try {
    read(path.string());
  } catch (const Error& e) {
    if (!is_internal(e)) return 0;
    std::fprintf(stderr, "fuzz harness: an internal error is a finding:\n%s\n",
                 e.formatted().c_str());
    std::abort();
  }
  return 0;
}

}  // namespace lodeline::fuzz
