// SPDX-License-Identifier: Apache-2.0
// Civil-date arithmetic by the era/day-of-era decomposition of the Gregorian calendar.
#include "lodeline/survey/civil_time.hpp"

#include <fmt/format.h>

#include <cmath>

#include "lodeline/io/csv.hpp"

namespace lodeline::survey::detail {

std::int64_t days_from_civil(std::int64_t year, int month, int day) {
  const std::int64_t y = year - (month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (month + 9) % 12;  // March = 0
  const std::int64_t doy = (153 * mp + 2) / 5 + day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool valid_date(std::int64_t year, int month, int day) {
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int last = month == 2 && leap ? 29 : kDays[month - 1];
  return day <= last;
}

namespace {

std::optional<int> digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return std::nullopt;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

}  // namespace

std::optional<double> parse_iso8601_utc(std::string_view s) {
  // YYYY-MM-DD[T ]hh:mm:ss[.fff][Z|+hh:mm|-hh:mm]
  const auto y = digits(s, 0, 4), mo = digits(s, 5, 2), d = digits(s, 8, 2);
  const auto h = digits(s, 11, 2), mi = digits(s, 14, 2), se = digits(s, 17, 2);
  if (!y || !mo || !d || !h || !mi || !se || s.size() < 19 || s[4] != '-' || s[7] != '-' ||
      (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':')
    return std::nullopt;
  if (!valid_date(*y, *mo, *d) || *h > 23 || *mi > 59 || *se > 60) return std::nullopt;
  std::size_t i = 19;
  double frac = 0;
  if (i < s.size() && s[i] == '.') {
    const std::size_t start = i;
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == start + 1) return std::nullopt;
    frac = *io::parse_double(std::string("0") + std::string(s.substr(start, i - start)));
  }
  double offset_s = 0;
  if (i < s.size()) {
    if (s[i] == 'Z' && i + 1 == s.size()) {
      ++i;
    } else if ((s[i] == '+' || s[i] == '-') && s.size() == i + 6 && s[i + 3] == ':') {
      const auto oh = digits(s, i + 1, 2), om = digits(s, i + 4, 2);
      if (!oh || !om || *oh > 23 || *om > 59) return std::nullopt;
      offset_s = (s[i] == '+' ? 1 : -1) * (*oh * 3600.0 + *om * 60.0);
      i = s.size();
    } else {
      return std::nullopt;
    }
  }
  return static_cast<double>(days_from_civil(*y, *mo, *d)) * 86400.0 + *h * 3600.0 + *mi * 60.0 +
         *se + frac - offset_s;
}

std::string format_iso8601_utc(double seconds) {
  const auto ms_total = static_cast<std::int64_t>(std::llround(seconds * 1000.0));
  std::int64_t days = ms_total >= 0 ? ms_total / 86400000 : -((-ms_total + 86399999) / 86400000);
  const std::int64_t ms_of_day = ms_total - days * 86400000;
  // civil_from_days (inverse of days_from_civil).
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", year, month, day,
                     ms_of_day / 3600000, ms_of_day / 60000 % 60, ms_of_day / 1000 % 60,
                     ms_of_day % 1000);
}

}  // namespace lodeline::survey::detail
