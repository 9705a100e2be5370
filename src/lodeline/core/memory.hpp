// SPDX-License-Identifier: Apache-2.0
// The memory budget: every stage that allocates in proportion to its input estimates its
// footprint first and refuses (resource.memory) before allocating more than the budget.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lodeline/core/error.hpp"

namespace lodeline {

/// The memory this process may use: physical memory, or the cgroup's limit (a container)
/// when that is lower.
std::uint64_t usable_memory_bytes();

/// The budget in force: set_memory_budget()'s, else 80 % of usable_memory_bytes().
std::uint64_t memory_budget_bytes();
void set_memory_budget(std::uint64_t bytes);

/// "16G", "512M", "1.5GiB", "750000000", "60%" (of usable memory) -> bytes; nothing when the
/// text is none of those. K/M/G/T are powers of 1024.
std::optional<std::uint64_t> parse_memory_size(std::string_view text);

/// "1.50 GiB", "512 MiB", "12.5 KiB" (binary units, about 3 significant digits).
std::string format_bytes(double bytes);

/// Throws resource.memory when `needed_bytes` exceeds the budget: what needs it, the figures,
/// and `change` (what to change in the input) beside --max-memory.
void require_memory(double needed_bytes, std::string_view what, std::string_view change,
                    const InputLocation& where = {});

}  // namespace lodeline
