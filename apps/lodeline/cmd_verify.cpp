// SPDX-License-Identifier: Apache-2.0
// `lodeline verify`: are the files of a run folder the complete set its manifest lists?
#include <fmt/format.h>

#include "cli.hpp"
#include "lodeline/io/output_set.hpp"

namespace lodeline::cli {
namespace {

const char* state_word(io::OutputCheck::State state) {
  switch (state) {
    case io::OutputCheck::State::identical:
      return "identical";
    case io::OutputCheck::State::different:
      return "different";
    case io::OutputCheck::State::missing:
      return "missing";
  }
  return "?";
}

/// A folder or its manifest.json; a folder without one was never completed (or is not a run's).
std::filesystem::path manifest_of(const std::filesystem::path& given) {
  std::error_code ec;
  if (!std::filesystem::is_directory(given, ec)) return given;
  auto path = given / io::kManifestName;
  if (!std::filesystem::exists(path, ec))
    throw Error("io.output_changed",
                fmt::format("folder has no {}, expected the outputs of a completed run (a run "
                            "interrupted while putting its files in place leaves none)",
                            io::kManifestName),
                {given.string()});
  return path;
}

}  // namespace

Action add_verify_command(CLI::App& app) {
  auto path = std::make_shared<std::string>();
  app.add_option("folder", *path, "a run's output folder, or its manifest.json")->required();
  return [path](Context& ctx) {
    const auto manifest = manifest_of(*path);
    const auto checks = io::verify_outputs(manifest);
    std::size_t changed = 0;
    for (const auto& c : checks) {
      ctx.out << fmt::format("{:<10} {}\n", state_word(c.state), c.entry.file);
      changed += c.state == io::OutputCheck::State::identical ? 0 : 1;
    }
    if (changed > 0)
      throw Error("io.output_changed",
                  fmt::format("{} of {} outputs differ from the manifest or are missing, "
                              "expected every file as the run wrote it",
                              changed, checks.size()),
                  {manifest.string()});
    ctx.out << fmt::format("{}: all {} outputs as the run wrote them\n", manifest.string(),
                           checks.size());
  };
}

}  // namespace lodeline::cli
