// SPDX-License-Identifier: Apache-2.0
// Pit input readers with file:line:col errors, cycle check and minimum-search slope patterns.
#include "lodeline/pit/precedence.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "lodeline/core/error.hpp"
#include "lodeline/io/csv.hpp"
#include "lodeline/io/text_file.hpp"

namespace lodeline::pit {
namespace {

struct Token {
  std::string_view text;
  std::int64_t column = 0;  ///< 1-based
};

struct Line {
  std::int64_t number = 0;  ///< 1-based
  std::vector<Token> tokens;
};

/// Whitespace-separated tokens of every non-blank, non-comment line.
std::vector<Line> tokenize(std::string_view text) {
  std::vector<Line> lines;
  std::size_t pos = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
  std::int64_t number = 0;
  while (pos < text.size()) {
    ++number;
    const std::size_t line_start = pos;
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    Line line;
    line.number = number;
    std::size_t i = pos;
    while (i < end) {
      while (i < end && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r')) ++i;
      if (i >= end) break;
      const std::size_t start = i;
      while (i < end && text[i] != ' ' && text[i] != '\t' && text[i] != '\r') ++i;
      line.tokens.push_back(
          {text.substr(start, i - start), static_cast<std::int64_t>(start - line_start) + 1});
    }
    if (!line.tokens.empty() && line.tokens.front().text.front() != '#')
      lines.push_back(std::move(line));
    pos = end + 1;
  }
  return lines;
}

std::int64_t integer(const Token& t, const Line& line, const std::string& file, const char* what) {
  const auto v = io::parse_int(t.text);
  if (!v)
    throw Error("input.bad_integer", fmt::format("{} is '{}', expected an integer", what, t.text),
                {file, line.number, t.column});
  return *v;
}

std::string fields(std::size_t n) { return fmt::format("{} field{}", n, n == 1 ? "" : "s"); }

InputLocation at(const std::string& file, const Line& line, std::int64_t column) {
  return {file, line.number, column};
}

/// Column just after the last token (where a missing field would be).
std::int64_t end_column(const Line& line) {
  const Token& t = line.tokens.back();
  return t.column + static_cast<std::int64_t>(t.text.size());
}

std::int64_t block_id(const Token& t, const Line& line, const std::string& file,
                      std::int64_t block_count, const char* what) {
  const std::int64_t id = integer(t, line, file, what);
  if (id < 0 || id >= block_count)
    throw Error("input.bad_id",
                fmt::format("{} is {}, expected an id in [0, {})", what, id, block_count),
                at(file, line, t.column));
  return id;
}

std::int64_t model_size(std::int64_t nx, std::int64_t ny, std::int64_t nz) {
  std::int64_t n = 0;
  if (nx <= 0 || ny <= 0 || nz <= 0 || __builtin_mul_overflow(nx, ny, &n) ||
      __builtin_mul_overflow(n, nz, &n))
    throw Error("input.bad_grid",
                fmt::format("model size {} x {} x {}, expected positive counts whose product "
                            "fits in 64 bits",
                            nx, ny, nz));
  return n;
}

void check_benches_and_block(std::int64_t benches, BlockSize block) {
  if (benches < 1)
    throw Error("input.bad_option", fmt::format("{} benches, expected at least 1", benches));
  if (!(block.x_m > 0 && block.y_m > 0 && block.z_m > 0 && std::isfinite(block.x_m) &&
        std::isfinite(block.y_m) && std::isfinite(block.z_m)))
    throw Error("input.bad_option",
                fmt::format("block size {} x {} x {} m, expected positive sizes", block.x_m,
                            block.y_m, block.z_m));
}

void sort_pattern(std::vector<Offset>& pattern) {
  std::sort(pattern.begin(), pattern.end(), [](const Offset& a, const Offset& b) {
    if (a.dz != b.dz) return a.dz < b.dz;
    if (a.dx != b.dx) return a.dx < b.dx;
    return a.dy < b.dy;
  });
}

/// A validated sector: [start, start + width) degrees, start in [0, 360), width in (0, 360].
struct Sector {
  double start = 0;
  double width = 0;
  double reach_per_bench_m = 0;  ///< z_m / tan(slope)
  double from = 0;               ///< as given, for messages
  double to = 0;
};

constexpr const char* sector_rule =
    "expected sectors covering azimuths [0, 360) without gaps or overlaps";

std::vector<Sector> check_sectors(const std::vector<SlopeSector>& sectors, double z_m) {
  if (sectors.empty())
    throw Error("input.bad_slope", fmt::format("no slope sectors, {}", sector_rule));
  std::vector<Sector> out;
  for (const SlopeSector& s : sectors) {
    const double a = s.azimuth_from_deg, b = s.azimuth_to_deg;
    if (!(a >= 0 && a <= 360 && b >= 0 && b <= 360) || a == b)
      throw Error("input.bad_slope",
                  fmt::format("slope sector from {} to {} degrees, expected azimuths in "
                              "[0, 360] that differ",
                              a, b));
    if (!(s.slope_deg > 0 && s.slope_deg < 90))
      throw Error("input.bad_slope",
                  fmt::format("slope angle {} degrees in sector [{}, {}), expected an angle in "
                              "(0, 90)",
                              s.slope_deg, a, b));
    out.push_back({a == 360 ? 0 : a, b > a ? b - a : b + 360 - a,
                   z_m / std::tan(s.slope_deg * std::numbers::pi / 180.0), a, b});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Sector& x, const Sector& y) { return x.start < y.start; });
  constexpr double eps = 1e-9;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const std::size_t next = (i + 1) % out.size();
    const double end = out[i].start + out[i].width;
    const double next_start = out[next].start + (next == 0 ? 360 : 0);
    if (end < next_start - eps)
      throw Error("input.bad_slope",
                  fmt::format("azimuths [{}, {}) degrees are in no slope sector, {}",
                              end >= 360 ? end - 360 : end,
                              next_start > 360 ? next_start - 360 : next_start, sector_rule));
    if (end > next_start + eps)
      throw Error("input.bad_slope",
                  fmt::format("slope sectors [{}, {}) and [{}, {}) overlap, {}", out[i].from,
                              out[i].to, out[next].from, out[next].to, sector_rule));
  }
  return out;
}

/// Reach per bench at an azimuth in [0, 360): the gentler slope on a boundary.
double reach_at(const std::vector<Sector>& sectors, double azimuth_deg) {
  constexpr double eps = 1e-9;
  double best = 0;
  for (const Sector& s : sectors) {
    double d = azimuth_deg - s.start;
    if (d < 0) d += 360;
    if (d < s.width + eps || d > 360 - eps) best = std::max(best, s.reach_per_bench_m);
  }
  return best;
}

}  // namespace

std::vector<std::int64_t> parse_values(std::string_view text, const std::string& file) {
  const auto lines = tokenize(text);
  if (lines.empty())
    throw Error("input.empty_file", "no values, expected one 'id value' line per block", {file});
  const auto n = static_cast<std::int64_t>(lines.size());
  std::vector<std::int64_t> values(lines.size(), 0);
  std::vector<std::int64_t> seen_line(lines.size(), 0);
  for (const Line& line : lines) {
    if (line.tokens.size() != 2)
      throw Error(
          "input.bad_count", fields(line.tokens.size()) + ", expected 2 ('id value')",
          at(file, line, line.tokens.size() > 2 ? line.tokens[2].column : end_column(line)));
    const std::int64_t id = block_id(line.tokens[0], line, file, n, "block id");
    const std::int64_t value = integer(line.tokens[1], line, file, "value");
    if (seen_line[id] != 0)
      throw Error("input.duplicate_id",
                  fmt::format("block {} appears again (first on line {}), expected each id once",
                              id, seen_line[id]),
                  at(file, line, line.tokens[0].column));
    seen_line[id] = line.number;
    values[id] = value;
  }
  return values;
}

std::vector<std::int64_t> read_values(const std::string& path) {
  return parse_values(io::read_text(path), path);
}

namespace {

/// A cycle found on the depth-first stack: the blocks from t's entry on (8 at most).
[[noreturn]] void precedence_cycle(const std::vector<std::pair<std::int64_t, std::int64_t>>& stack,
                                   std::int64_t t, const std::vector<Line>& lines,
                                   const std::vector<std::int64_t>& line_index,
                                   const std::string& file) {
  std::size_t from = stack.size() - 1;
  while (stack[from].first != t) --from;
  std::string cycle;
  const std::size_t shown = std::min<std::size_t>(stack.size() - from, 8);
  for (std::size_t i = from; i < from + shown; ++i) cycle += fmt::format("{} -> ", stack[i].first);
  cycle += stack.size() - from > shown ? std::string("...") : fmt::format("{}", t);
  const Line& line = lines[static_cast<std::size_t>(line_index[t])];
  throw Error("input.precedence_cycle",
              fmt::format("block {} is on a precedence cycle ({}), expected precedence "
                          "without cycles",
                          t, cycle),
              at(file, line, line.tokens[0].column));
}

/// Cycle check: iterative depth-first search, 0 new, 1 on the stack, 2 done.
void check_no_cycle(const ExplicitPrecedence& p, const std::vector<Line>& lines,
                    const std::vector<std::int64_t>& line_index, const std::string& file) {
  const std::size_t n = p.offsets.size() - 1;
  std::vector<char> color(n, 0);
  std::vector<std::pair<std::int64_t, std::int64_t>> stack;  // (block, next arc)
  for (std::size_t s = 0; s < n; ++s) {
    if (color[s] != 0) continue;
    stack.emplace_back(static_cast<std::int64_t>(s), p.offsets[s]);
    color[s] = 1;
    while (!stack.empty()) {
      auto& [v, k] = stack.back();
      if (k == p.offsets[v + 1]) {
        color[v] = 2;
        stack.pop_back();
        continue;
      }
      const std::int64_t t = p.targets[k++];
      if (color[t] == 0) {
        color[t] = 1;
        stack.emplace_back(t, p.offsets[t]);
      } else if (color[t] == 1) {
        precedence_cycle(stack, t, lines, line_index, file);
      }
    }
  }
}

}  // namespace

ExplicitPrecedence parse_precedence(std::string_view text, const std::string& file,
                                    std::int64_t block_count) {
  const auto lines = tokenize(text);
  const auto n = static_cast<std::size_t>(std::max<std::int64_t>(block_count, 0));
  std::vector<std::int64_t> line_of(n, 0);      // line number of each block's line
  std::vector<std::int64_t> line_index(n, -1);  // index into lines
  std::vector<std::int64_t> degree(n, 0);
  std::vector<std::int64_t> flat;
  std::vector<std::int64_t> start(lines.size(), 0);
  for (std::size_t li = 0; li < lines.size(); ++li) {
    const Line& line = lines[li];
    const std::int64_t id = block_id(line.tokens[0], line, file, block_count, "block id");
    if (line.tokens.size() < 2)
      throw Error("input.bad_count", "no predecessor count, expected 'id n p1 ... pn'",
                  at(file, line, end_column(line)));
    const Token& count_token = line.tokens[1];
    const std::int64_t count = integer(count_token, line, file, "predecessor count");
    const auto listed = static_cast<std::int64_t>(line.tokens.size()) - 2;
    if (count < 0 || count != listed)
      throw Error("input.bad_count",
                  fmt::format("block {} declares {} predecessors but lists {}, expected the "
                              "count to match the ids that follow",
                              id, count, listed),
                  at(file, line, count_token.column));
    if (line_of[id] != 0)
      throw Error("input.duplicate_id",
                  fmt::format("block {} has a second precedence line (first on line {}), "
                              "expected one line per block",
                              id, line_of[id]),
                  at(file, line, line.tokens[0].column));
    line_of[id] = line.number;
    line_index[id] = static_cast<std::int64_t>(li);
    start[li] = static_cast<std::int64_t>(flat.size());
    for (std::size_t k = 2; k < line.tokens.size(); ++k)
      flat.push_back(block_id(line.tokens[k], line, file, block_count, "predecessor id"));
    degree[id] = count;
  }
  ExplicitPrecedence p;
  p.offsets.assign(n + 1, 0);
  for (std::size_t v = 0; v < n; ++v) p.offsets[v + 1] = p.offsets[v] + degree[v];
  p.targets.resize(flat.size());
  for (std::size_t v = 0; v < n; ++v)
    if (line_index[v] >= 0)
      std::copy_n(flat.begin() + start[line_index[v]], degree[v], p.targets.begin() + p.offsets[v]);

  check_no_cycle(p, lines, line_index, file);
  return p;
}

ExplicitPrecedence read_precedence(const std::string& path, std::int64_t block_count) {
  return parse_precedence(io::read_text(path), path, block_count);
}

std::vector<std::int64_t> parse_regular_values(std::string_view text, const std::string& file,
                                               std::int64_t nx, std::int64_t ny, std::int64_t nz) {
  const std::int64_t n = model_size(nx, ny, nz);
  std::vector<std::int64_t> values;
  values.reserve(static_cast<std::size_t>(std::min<std::int64_t>(n, 1 << 26)));
  std::int64_t last_line = 0;
  for (const Line& line : tokenize(text)) {
    if (line.tokens.size() != 1)
      throw Error("input.bad_count",
                  fields(line.tokens.size()) + ", expected one integer value per line",
                  at(file, line, line.tokens[1].column));
    if (static_cast<std::int64_t>(values.size()) == n)
      throw Error("input.bad_count",
                  fmt::format("more than {} values, expected NX*NY*NZ = {} ({} x {} x {})", n, n,
                              nx, ny, nz),
                  at(file, line, line.tokens[0].column));
    values.push_back(integer(line.tokens[0], line, file, "value"));
    last_line = line.number;
  }
  if (static_cast<std::int64_t>(values.size()) != n)
    throw Error("input.bad_count",
                fmt::format("{} values, expected NX*NY*NZ = {} ({} x {} x {})", values.size(), n,
                            nx, ny, nz),
                {file, last_line + 1, 0});
  return values;
}

std::vector<std::int64_t> read_regular_values(const std::string& path, std::int64_t nx,
                                              std::int64_t ny, std::int64_t nz) {
  return parse_regular_values(io::read_text(path), path, nx, ny, nz);
}

std::vector<Offset> parse_offsets(std::string_view text, const std::string& file) {
  std::vector<Offset> offsets;
  for (const Line& line : tokenize(text)) {
    if (line.tokens.size() != 3)
      throw Error(
          "input.bad_count", fields(line.tokens.size()) + ", expected 3 ('dx dy dz')",
          at(file, line, line.tokens.size() > 3 ? line.tokens[3].column : end_column(line)));
    Offset o{integer(line.tokens[0], line, file, "dx"), integer(line.tokens[1], line, file, "dy"),
             integer(line.tokens[2], line, file, "dz")};
    if (o.dz <= 0)
      throw Error("input.bad_pattern",
                  fmt::format("dz is {}, expected dz > 0 (a block requires blocks above it)", o.dz),
                  at(file, line, line.tokens[2].column));
    offsets.push_back(o);
  }
  return offsets;
}

std::vector<Offset> read_offsets(const std::string& path) {
  return parse_offsets(io::read_text(path), path);
}

namespace {

// Half-widths (in blocks) of the box holding a cone that reaches reach_per_bench_m per bench;
// refuses cones of more than 5e7 cells with the caller's message.
template <class Message>
std::pair<std::int64_t, std::int64_t> search_box(double reach_per_bench_m, std::int64_t benches,
                                                 const BlockSize& block, Message&& message) {
  const double max_reach_m = static_cast<double>(benches) * reach_per_bench_m * (1 + 1e-9);
  const double max_ix = std::floor(max_reach_m / block.x_m);
  const double max_iy = std::floor(max_reach_m / block.y_m);
  if ((2 * max_ix + 1) * (2 * max_iy + 1) * static_cast<double>(benches) > 5e7)
    throw Error("input.bad_slope", message());
  return {static_cast<std::int64_t>(max_ix), static_cast<std::int64_t>(max_iy)};
}

}  // namespace

std::vector<Offset> minimum_search_pattern(double slope_deg, std::int64_t benches,
                                           BlockSize block) {
  if (!(slope_deg > 0 && slope_deg < 90))
    throw Error("input.bad_slope",
                fmt::format("slope angle {} degrees, expected an angle in (0, 90)", slope_deg));
  check_benches_and_block(benches, block);
  const double reach_per_bench_m = block.z_m / std::tan(slope_deg * std::numbers::pi / 180.0);
  const auto inside = [&](std::int64_t dx, std::int64_t dy, std::int64_t dz) {
    const double hx = static_cast<double>(dx) * block.x_m;
    const double hy = static_cast<double>(dy) * block.y_m;
    const double r = static_cast<double>(dz) * reach_per_bench_m;
    return dz >= 1 && hx * hx + hy * hy <= r * r * (1 + 1e-9);
  };
  const auto [mx, my] = search_box(reach_per_bench_m, benches, block, [&] {
    return fmt::format(
        "a {} degree cone over {} benches spans more than 5e7 blocks, "
        "expected a steeper slope or fewer benches",
        slope_deg, benches);
  });
  std::vector<Offset> pattern;
  for (std::int64_t dz = 1; dz <= benches; ++dz) {
    const std::size_t lower = pattern.size();  // offsets of lower levels only
    for (std::int64_t dx = -mx; dx <= mx; ++dx)
      for (std::int64_t dy = -my; dy <= my; ++dy) {
        if (!inside(dx, dy, dz)) continue;
        bool reducible = false;
        for (std::size_t q = 0; q < lower && !reducible; ++q)
          reducible = inside(dx - pattern[q].dx, dy - pattern[q].dy, dz - pattern[q].dz);
        if (!reducible) pattern.push_back({dx, dy, dz});
      }
  }
  sort_pattern(pattern);
  return pattern;
}

namespace {

/// Offsets within mx, my columns and `benches` levels, numbered level by level.
struct PatternBox {
  std::int64_t mx = 0, my = 0, benches = 0;
  std::int64_t width = 0, level = 0;  // columns per row, cells per level

  PatternBox(std::int64_t box_x, std::int64_t box_y, std::int64_t box_benches)
      : mx(box_x),
        my(box_y),
        benches(box_benches),
        width(2 * box_x + 1),
        level((2 * box_x + 1) * (2 * box_y + 1)) {}
  [[nodiscard]] std::int64_t cell(std::int64_t dx, std::int64_t dy) const {
    return (dy + my) * width + dx + mx;
  }
  [[nodiscard]] std::size_t slot(std::int64_t dz, std::int64_t c) const {
    return static_cast<std::size_t>(dz * level + c);
  }
  [[nodiscard]] std::size_t cells() const {
    return static_cast<std::size_t>((benches + 1) * level);
  }
};

/// The cone, level by level (level 0 unused).
std::vector<char> sector_cone(const PatternBox& box, const std::vector<Sector>& sec,
                              BlockSize block) {
  std::vector<char> cone(box.cells(), 0);
  for (std::int64_t dz = 1; dz <= box.benches; ++dz)
    for (std::int64_t dy = -box.my; dy <= box.my; ++dy)
      for (std::int64_t dx = -box.mx; dx <= box.mx; ++dx) {
        bool in = dx == 0 && dy == 0;
        if (!in) {
          const double hx = static_cast<double>(dx) * block.x_m;
          const double hy = static_cast<double>(dy) * block.y_m;
          double azimuth = std::atan2(hx, hy) * 180.0 / std::numbers::pi;
          if (azimuth < 0) azimuth += 360;
          if (azimuth >= 360) azimuth -= 360;
          const double r = static_cast<double>(dz) * reach_at(sec, azimuth);
          in = hx * hx + hy * hy <= r * r * (1 + 1e-9);
        }
        cone[box.slot(dz, box.cell(dx, dy))] = in ? 1 : 0;
      }
  return cone;
}

/// Offsets reachable as sums of pattern offsets, level by level; level 0 is the origin.
struct Closure {
  std::vector<char> in;
  std::vector<std::vector<std::int64_t>> members;  // cells of each level

  explicit Closure(const PatternBox& box)
      : in(box.cells(), 0), members(static_cast<std::size_t>(box.benches + 1)) {
    in[box.slot(0, box.cell(0, 0))] = 1;
    members[0].push_back(box.cell(0, 0));
  }

  /// Level dz: every sum of an offset and a reachable cell of a lower level.
  void fill_level(const PatternBox& box, std::int64_t dz, const std::vector<Offset>& pattern) {
    auto& here = members[static_cast<std::size_t>(dz)];
    for (const Offset& o : pattern) {
      if (o.dz > dz) continue;
      for (const std::int64_t from : members[static_cast<std::size_t>(dz - o.dz)]) {
        const std::int64_t x = from % box.width - box.mx + o.dx;
        const std::int64_t y = from / box.width - box.my + o.dy;
        if (x < -box.mx || x > box.mx || y < -box.my || y > box.my) continue;
        const std::int64_t to = box.cell(x, y);
        if (in[box.slot(dz, to)] != 0) continue;
        in[box.slot(dz, to)] = 1;
        here.push_back(to);
      }
    }
  }
};

/// Verification: the closure of the final pattern alone, against the cone.
void count_cone_cover(const PatternBox& box, const std::vector<char>& cone, SectorPattern& result) {
  Closure check(box);
  for (std::int64_t dz = 1; dz <= box.benches; ++dz) check.fill_level(box, dz, result.offsets);
  for (std::int64_t dz = 1; dz <= box.benches; ++dz)
    for (std::int64_t c = 0; c < box.level; ++c) {
      const bool in_cone = cone[box.slot(dz, c)] != 0, reached = check.in[box.slot(dz, c)] != 0;
      result.cone_size += in_cone ? 1 : 0;
      result.missed += in_cone && !reached ? 1 : 0;
      result.added += reached && !in_cone ? 1 : 0;
    }
}

}  // namespace

SectorPattern minimum_search_pattern_sectors(const std::vector<SlopeSector>& sectors,
                                             std::int64_t benches, BlockSize block) {
  check_benches_and_block(benches, block);
  const std::vector<Sector> sec = check_sectors(sectors, block.z_m);
  double max_reach_per_bench_m = 0;
  double gentlest_deg = 90;
  for (const Sector& s : sec)
    max_reach_per_bench_m = std::max(max_reach_per_bench_m, s.reach_per_bench_m);
  for (const SlopeSector& s : sectors) gentlest_deg = std::min(gentlest_deg, s.slope_deg);
  const auto [mx, my] = search_box(max_reach_per_bench_m, benches, block, [&] {
    return fmt::format(
        "a cone with slopes down to {} degrees over {} benches spans more "
        "than 5e7 blocks, expected steeper slopes or fewer benches",
        gentlest_deg, benches);
  });
  const PatternBox box(mx, my, benches);
  const std::vector<char> cone = sector_cone(box, sec, block);
  SectorPattern result;
  Closure built(box);
  for (std::int64_t dz = 1; dz <= benches; ++dz) {
    built.fill_level(box, dz, result.offsets);  // sums of offsets of lower benches
    for (std::int64_t dx = -mx; dx <= mx; ++dx)
      for (std::int64_t dy = -my; dy <= my; ++dy) {
        const std::int64_t c = box.cell(dx, dy);
        if (cone[box.slot(dz, c)] == 0 || built.in[box.slot(dz, c)] != 0) continue;
        result.offsets.push_back({dx, dy, dz});
        built.in[box.slot(dz, c)] = 1;
        built.members[static_cast<std::size_t>(dz)].push_back(c);
      }
  }
  sort_pattern(result.offsets);
  count_cone_cover(box, cone, result);
  return result;
}

std::string format_offsets(const std::vector<Offset>& offsets) {
  std::string out;
  for (const Offset& o : offsets) out += fmt::format("{} {} {}\n", o.dx, o.dy, o.dz);
  return out;
}

}  // namespace lodeline::pit
