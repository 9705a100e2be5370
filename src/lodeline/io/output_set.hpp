// SPDX-License-Identifier: Apache-2.0
// The files of one command written together: all complete, or none touched.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lodeline/io/text_file.hpp"

namespace lodeline::io {

/// Lower-case hexadecimal SHA-256 of `bytes` (OpenSSL).
std::string sha256_hex(std::string_view bytes);

/// One output listed in a folder's manifest.json.
struct ManifestEntry {
  std::string file;  // relative to the folder, '/'-separated
  std::uint64_t bytes = 0;
  std::string sha256;
};

/// Stages every file of a command unseen (AtomicFile), then puts them in place together:
/// commit() first finishes every file (a full disk fails here, before any output is touched),
/// checks that every destination can be replaced, and only then renames them. With a manifest
/// folder, the folder's manifest.json is removed before the first rename and written last,
/// listing every file with its size and SHA-256: a folder whose manifest.json is present and
/// matches holds one run's complete set (`lodeline verify` checks it); a run interrupted while
/// renaming leaves a folder without a manifest, never a mixed set that claims to be whole.
class OutputSet {
 public:
  /// Outputs at any paths, no manifest (the few files of one subcommand).
  OutputSet() = default;
  /// Outputs of a run folder with manifest.json in `folder`.
  explicit OutputSet(std::filesystem::path folder);

  /// Stages `bytes` for `path` (relative paths are taken inside the manifest folder).
  void add(const std::filesystem::path& path, std::string_view bytes);
  /// An earlier run's output that this run does not write: removed on commit, so the folder
  /// never mixes it with this run's files.
  void remove_stale(const std::filesystem::path& path);
  void commit();

 private:
  std::filesystem::path resolve(const std::filesystem::path& path) const;
  void check_destinations() const;
  std::string manifest_json() const;

  std::filesystem::path folder_;
  bool manifest_ = false;
  std::vector<std::unique_ptr<AtomicFile>> files_;
  std::vector<ManifestEntry> entries_;
  std::vector<std::filesystem::path> stale_;
};

/// The entries of a folder's manifest.json (io.bad_manifest when it is not one).
std::vector<ManifestEntry> read_manifest(const std::filesystem::path& manifest_path);

/// What verify_outputs() found for one listed file.
struct OutputCheck {
  ManifestEntry entry;
  enum class State { identical, different, missing } state = State::identical;
};

/// Each output listed in `manifest_path` compared with the file beside it (size and SHA-256).
std::vector<OutputCheck> verify_outputs(const std::filesystem::path& manifest_path);

/// The name of the manifest of a run folder.
inline constexpr std::string_view kManifestName = "manifest.json";

}  // namespace lodeline::io
