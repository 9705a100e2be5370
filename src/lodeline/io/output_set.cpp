// SPDX-License-Identifier: Apache-2.0
// Staged outputs put in place together, and the manifest that marks a complete run folder.
#include "lodeline/io/output_set.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <array>
#include <csignal>
#include <nlohmann/json.hpp>

#include "lodeline/io/json_file.hpp"

namespace lodeline::io {

std::string sha256_hex(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1)
    throw Error("internal.unexpected", "OpenSSL could not compute a SHA-256 digest");
  std::string hex;
  hex.reserve(2 * static_cast<std::size_t>(size));
  for (unsigned int i = 0; i < size; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

OutputSet::OutputSet(std::filesystem::path folder) : folder_(std::move(folder)), manifest_(true) {}

std::filesystem::path OutputSet::resolve(const std::filesystem::path& path) const {
  return path.is_relative() && !folder_.empty() ? folder_ / path : path;
}

void OutputSet::add(const std::filesystem::path& path, std::string_view bytes) {
  files_.push_back(std::make_unique<AtomicFile>(resolve(path)));
  files_.back()->write(bytes);
  if (manifest_) {
    const auto relative = resolve(path).lexically_relative(folder_).generic_string();
    entries_.push_back({relative, bytes.size(), sha256_hex(bytes)});
  }
}

void OutputSet::remove_stale(const std::filesystem::path& path) { stale_.push_back(resolve(path)); }

void OutputSet::check_destinations() const {
  for (const auto& f : files_) {
    std::error_code ec;
    const auto status = std::filesystem::symlink_status(f->path(), ec);
    if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status) &&
        !std::filesystem::is_symlink(status))
      throw Error("io.cannot_write",
                  fmt::format("cannot replace '{}': it is not a regular file, expected a file "
                              "or nothing; no output was changed",
                              f->path().string()),
                  {f->path().string()});
  }
}

std::string OutputSet::manifest_json() const {
  nlohmann::ordered_json outputs = nlohmann::ordered_json::array();
  for (const auto& e : entries_)
    outputs.push_back({{"file", e.file}, {"bytes", e.bytes}, {"sha256", e.sha256}});
  nlohmann::ordered_json doc{{"format", "lodeline-manifest/1"}, {"outputs", outputs}};
  return doc.dump(1) + "\n";
}

namespace {

volatile std::sig_atomic_t g_held_signal = 0;

extern "C" void hold_signal(int signal) { g_held_signal = signal; }

/// SIGINT, SIGTERM and SIGHUP held back while the files are put in place: a handler (process
/// wide, whichever thread receives it) records the signal, which is raised again with the
/// earlier disposition once the set is complete. SIGKILL cannot be held, and leaves at worst a
/// folder without a manifest.
class HeldSignals {
 public:
  HeldSignals() {
    g_held_signal = 0;
    struct sigaction hold {};
    hold.sa_handler = hold_signal;
    sigemptyset(&hold.sa_mask);
    for (std::size_t i = 0; i < kSignals.size(); ++i) sigaction(kSignals[i], &hold, &previous_[i]);
  }
  HeldSignals(const HeldSignals&) = delete;
  HeldSignals& operator=(const HeldSignals&) = delete;
  ~HeldSignals() {
    for (std::size_t i = 0; i < kSignals.size(); ++i)
      sigaction(kSignals[i], &previous_[i], nullptr);
    if (g_held_signal != 0) std::raise(g_held_signal);
  }

 private:
  static constexpr std::array<int, 3> kSignals{SIGINT, SIGTERM, SIGHUP};
  std::array<struct sigaction, 3> previous_{};
};

/// The earlier run's manifest goes first: from here until the new one is in place the folder
/// says it is incomplete.
void remove_manifest(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::remove(path, ec);
  if (ec)
    throw Error("io.cannot_write",
                fmt::format("cannot remove the earlier '{}': {}; no output was changed",
                            path.string(), ec.message()),
                {path.string()});
}

}  // namespace

void OutputSet::commit() {
  for (auto& f : files_) f->finish();
  check_destinations();
  std::unique_ptr<AtomicFile> manifest;
  if (manifest_) {
    manifest = std::make_unique<AtomicFile>(folder_ / kManifestName);
    manifest->write(manifest_json());
    manifest->finish();
  }
  const HeldSignals held;
  if (manifest) remove_manifest(folder_ / kManifestName);
  for (auto& f : files_) f->place();
  for (const auto& path : stale_) {
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
  if (manifest) manifest->place();
}

namespace {

Error bad_manifest(const std::filesystem::path& path, const std::string& what) {
  return Error("io.bad_manifest",
               fmt::format("{}, expected a lodeline manifest (format lodeline-manifest/1 with "
                           "outputs: file, bytes, sha256)",
                           what),
               {path.string()});
}

}  // namespace

std::vector<ManifestEntry> read_manifest(const std::filesystem::path& manifest_path) {
  const auto doc = read_json(manifest_path.string());
  if (!doc.is_object() || doc.value("format", std::string()) != "lodeline-manifest/1" ||
      !doc.contains("outputs") || !doc["outputs"].is_array())
    throw bad_manifest(manifest_path, "no format lodeline-manifest/1 with an outputs list");
  std::vector<ManifestEntry> out;
  for (const auto& e : doc["outputs"]) {
    if (!e.is_object() || !e.contains("file") || !e["file"].is_string() || !e.contains("bytes") ||
        !e["bytes"].is_number_unsigned() || !e.contains("sha256") || !e["sha256"].is_string())
      throw bad_manifest(manifest_path, fmt::format("output {} is {}", out.size() + 1, e.dump()));
    out.push_back({e["file"].get<std::string>(), e["bytes"].get<std::uint64_t>(),
                   e["sha256"].get<std::string>()});
  }
  return out;
}

std::vector<OutputCheck> verify_outputs(const std::filesystem::path& manifest_path) {
  const auto folder = manifest_path.parent_path();
  std::vector<OutputCheck> out;
  for (auto& entry : read_manifest(manifest_path)) {
    OutputCheck check{std::move(entry)};
    const auto path = folder / check.entry.file;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
      check.state = OutputCheck::State::missing;
    } else {
      const std::string bytes = read_text(path);
      const bool same =
          bytes.size() == check.entry.bytes && sha256_hex(bytes) == check.entry.sha256;
      check.state = same ? OutputCheck::State::identical : OutputCheck::State::different;
    }
    out.push_back(std::move(check));
  }
  return out;
}

}  // namespace lodeline::io
