// SPDX-License-Identifier: Apache-2.0
// Memory budget: usable memory from sysconf and the cgroup v2/v1 limit, size texts, refusal.
#include "lodeline/core/memory.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>

#include "lodeline/core/error.hpp"

namespace lodeline {
namespace {

std::atomic<std::uint64_t> g_budget_bytes{0};  // 0: the default

std::optional<std::uint64_t> cgroup_limit_bytes() {
  for (const char* path :
       {"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"}) {
    std::ifstream in(path);
    std::string text;
    if (!(in >> text) || text == "max") continue;
    std::uint64_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec == std::errc() && end == text.data() + text.size() && v > 0) return v;
  }
  return std::nullopt;
}

/// 1024^k for the unit letter (case-insensitive; "B" or nothing = 1), optionally "iB"/"B".
std::optional<double> unit_factor(std::string_view unit) {
  if (unit.empty() || unit == "B" || unit == "b") return 1.0;
  constexpr std::string_view kLetters = "kmgt";
  const auto at =
      kLetters.find(static_cast<char>(std::tolower(static_cast<unsigned char>(unit[0]))));
  if (at == std::string_view::npos) return std::nullopt;
  const auto rest = unit.substr(1);
  if (!rest.empty() && rest != "B" && rest != "iB" && rest != "b") return std::nullopt;
  return std::pow(1024.0, static_cast<double>(at + 1));
}

}  // namespace

std::uint64_t usable_memory_bytes() {
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page_size = ::sysconf(_SC_PAGESIZE);
  std::uint64_t physical = pages > 0 && page_size > 0 ? static_cast<std::uint64_t>(pages) *
                                                            static_cast<std::uint64_t>(page_size)
                                                      : std::uint64_t{8} << 30;
  if (const auto limit = cgroup_limit_bytes()) physical = std::min(physical, *limit);
  return physical;
}

std::uint64_t memory_budget_bytes() {
  const std::uint64_t set = g_budget_bytes.load();
  return set > 0 ? set : usable_memory_bytes() / 5 * 4;
}

void set_memory_budget(std::uint64_t bytes) { g_budget_bytes = bytes; }

std::optional<std::uint64_t> parse_memory_size(std::string_view text) {
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || !std::isfinite(value) || value <= 0) return std::nullopt;
  std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
  while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  double bytes = 0;
  if (unit == "%") {
    if (value > 100) return std::nullopt;
    bytes = static_cast<double>(usable_memory_bytes()) * value / 100.0;
  } else if (const auto factor = unit_factor(unit)) {
    bytes = value * *factor;
  } else {
    return std::nullopt;
  }
  if (bytes < 1 || bytes > 1e18) return std::nullopt;
  return static_cast<std::uint64_t>(bytes);
}

std::string format_bytes(double bytes) {
  constexpr std::array<const char*, 5> kUnits{"B", "KiB", "MiB", "GiB", "TiB"};
  std::size_t u = 0;
  while (bytes >= 1024.0 && u + 1 < kUnits.size()) {
    bytes /= 1024.0;
    ++u;
  }
  const int decimals = u == 0 || bytes >= 100 ? 0 : bytes >= 10 ? 1 : 2;
  return fmt::format("{:.{}f} {}", bytes, decimals, kUnits[u]);
}

void require_memory(double needed_bytes, std::string_view what, std::string_view change,
                    const InputLocation& where) {
  const auto allowed = static_cast<double>(memory_budget_bytes());
  if (needed_bytes <= allowed) return;
  const std::string budget =
      g_budget_bytes.load() > 0
          ? std::string("the budget given by --max-memory")
          : fmt::format("the default budget, 80 % of the {} this process may use",
                        format_bytes(static_cast<double>(usable_memory_bytes())));
  throw Error("resource.memory",
              fmt::format("{} needs about {} of memory, expected at most {} ({}): {}, or raise "
                          "the budget with --max-memory",
                          what, format_bytes(needed_bytes), format_bytes(allowed), budget, change),
              where);
}

}  // namespace lodeline
