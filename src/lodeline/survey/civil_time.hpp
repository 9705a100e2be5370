// SPDX-License-Identifier: Apache-2.0
// UTC civil date/time <-> seconds since 1970-01-01T00:00:00Z (proleptic Gregorian, no leap
// seconds), and ISO 8601 text, for the survey readers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lodeline::survey::detail {

/// Days since 1970-01-01 of year/month/day (month 1-12, day 1-31).
std::int64_t days_from_civil(std::int64_t year, int month, int day);
/// Whether year/month/day is a real date.
bool valid_date(std::int64_t year, int month, int day);
/// "2021-06-01T10:00:00Z", "2021-06-01 10:00:00.5", "2021-06-01T13:00:00+03:00" -> UTC
/// seconds; a time without a zone is UTC. nullopt when the text is not such a time.
std::optional<double> parse_iso8601_utc(std::string_view text);
/// Seconds -> "2021-06-01T10:00:00.000Z" (milliseconds).
std::string format_iso8601_utc(double seconds);

}  // namespace lodeline::survey::detail
