// SPDX-License-Identifier: Apache-2.0
// What every fuzz target shares: the input as a temporary file, and the readers' contract.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace lodeline::fuzz {

/// Writes `text` once to the per-process temporary folder under `name` and returns its path:
/// the fixed companion files a reader needs besides the fuzzed one (the other drillhole tables).
[[nodiscard]] std::string fixed_file(std::string_view name, std::string_view text);

/// Writes the fuzzer's input to the per-process temporary file "input<suffix>" (reused for every
/// input; the folder is removed at exit) and calls `read` with its path. The contract of every
/// reader: it returns, or refuses with a lodeline::Error whose code is not internal.*; both
/// return 0. An internal.* Error aborts (a finding); any other exception escapes to libFuzzer,
/// which records it as a crash, as it does sanitizer reports, leaks and timeouts.
int run_reader(const std::uint8_t* data, std::size_t size, std::string_view suffix,
               const std::function<void(const std::string& path)>& read);

}  // namespace lodeline::fuzz
