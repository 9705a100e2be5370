// SPDX-License-Identifier: Apache-2.0
// Block model CSV (checked row by row against the grid) and binary .lbm reading and writing.
#include "lodeline/blockmodel/block_model_io.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>

#include "lodeline/io/csv.hpp"
#include "lodeline/io/json_file.hpp"
#include "lodeline/io/text_file.hpp"

namespace lodeline::blockmodel {
namespace {

using Aliases = std::vector<std::string>;
using Ijk = std::array<std::int64_t, 3>;
using Cols = std::array<std::size_t, 3>;

const std::array<Aliases, 3> kCoordAliases = {{
    {"XC", "X", "XCENTRE", "XCENTER", "X_CENTRE", "X_CENTER", "EAST", "EASTING"},
    {"YC", "Y", "YCENTRE", "YCENTER", "Y_CENTRE", "Y_CENTER", "NORTH", "NORTHING"},
    {"ZC", "Z", "ZCENTRE", "ZCENTER", "Z_CENTRE", "Z_CENTER", "ELEV", "ELEVATION", "RL"},
}};
const std::array<Aliases, 3> kIjkAliases = {{{"I", "IX"}, {"J", "IY"}, {"K", "IZ"}}};
const std::array<std::string, 3> kCoordWhat = {"x coordinate", "y coordinate", "z coordinate"};
const std::array<std::string, 3> kIjkWhat = {"i index", "j index", "k index"};

/// Relative tolerance (in block sizes) for a coordinate to count as a block centre/corner.
constexpr double kGridTolerance = 1e-6;

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string point_text(const std::array<double, 3>& p) {
  return fmt::format("({}, {}, {})", io::format_double(p[0]), io::format_double(p[1]),
                     io::format_double(p[2]));
}

std::string ijk_text(const Ijk& b) { return fmt::format("({}, {}, {})", b[0], b[1], b[2]); }

/// Header columns whose name is one of `aliases` (case-insensitive).
std::vector<std::size_t> matching(const std::vector<std::string>& header, const Aliases& aliases) {
  std::vector<std::size_t> out;
  for (std::size_t c = 0; c < header.size(); ++c) {
    const std::string name = lower(header[c]);
    for (const auto& alias : aliases)
      if (name == lower(alias)) {
        out.push_back(c);
        break;
      }
  }
  return out;
}

/// The three position columns of one kind. Required: missing columns throw
/// input.missing_column. Optional: nullopt unless all three are present. Two columns for the
/// same axis throw input.ambiguous_column.
std::optional<Cols> find_position(const io::CsvTable& table, const std::array<Aliases, 3>& aliases,
                                  const std::array<std::string, 3>& what, bool required) {
  std::array<std::vector<std::size_t>, 3> found;
  bool all = true;
  for (std::size_t a = 0; a < 3; ++a) {
    found[a] = matching(table.header(), aliases[a]);
    all = all && !found[a].empty();
  }
  if (!all && !required) return std::nullopt;
  Cols cols{};
  for (std::size_t a = 0; a < 3; ++a) {
    if (found[a].size() > 1)
      throw Error("input.ambiguous_column",
                  fmt::format("header has columns '{}' and '{}' for the {}, expected exactly one",
                              table.header()[found[a][0]], table.header()[found[a][1]], what[a]),
                  {table.file(), table.header_line()});
    if (found[a].empty()) (void)table.require_column(aliases[a], what[a]);  // throws
    cols[a] = found[a][0];
  }
  return cols;
}

std::string grid_text(const BlockGrid& g) {
  std::string out = fmt::format("{} x {} x {} blocks from origin {}", g.nx(), g.ny(), g.nz(),
                                point_text(g.origin_m));
  if (g.rotation_deg != 0)
    out += fmt::format(" rotated {} degrees", io::format_double(g.rotation_deg));
  return out;
}

/// Lower-left-bottom world corner of block b.
std::array<double, 3> corner_of(const BlockGrid& g, const Ijk& b) {
  const Point2 p = g.to_world({static_cast<double>(b[0]) * g.block_size_m[0],
                               static_cast<double>(b[1]) * g.block_size_m[1]});
  return {p.x, p.y, g.origin_m[2] + static_cast<double>(b[2]) * g.block_size_m[2]};
}

/// Position of world point p in block units along the grid axes.
std::array<double, 3> grid_units(const BlockGrid& g, const std::array<double, 3>& p) {
  const Point2 local = g.to_local({p[0], p[1]});
  return {local.x / g.block_size_m[0], local.y / g.block_size_m[1],
          (p[2] - g.origin_m[2]) / g.block_size_m[2]};
}

/// Reads and checks the rows of a CSV block model into `model`.
class CsvModelReader {
 public:
  CsvModelReader(const io::CsvTable& table, const CsvModelOptions& options, BlockModel& model)
      : table_(table), options_(options), grid_(model.grid), model_(model) {}

  void read(CsvReadStats& stats) {
    resolve_columns();
    first_line_.assign(static_cast<std::size_t>(grid_.block_count()), 0);
    for (const auto& row : table_.rows()) read_row(row);
    stats.rows = static_cast<std::int64_t>(table_.rows().size());
    stats.blocks_listed = listed_;
    stats.blocks_not_listed = grid_.block_count() - listed_;
    report_outside();
    errors_.throw_if_any();
  }

 private:
  struct Attribute {
    std::size_t csv_column;
    Column* column;
  };

  void resolve_columns() {
    const bool by_ijk = options_.position == CsvModelOptions::ijk;
    coord_cols_ = find_position(table_, kCoordAliases, kCoordWhat, !by_ijk);
    ijk_cols_ = find_position(table_, kIjkAliases, kIjkWhat, by_ijk);
    std::vector<bool> is_position(table_.header().size(), false);
    for (const auto& cols : {coord_cols_, ijk_cols_})
      if (cols)
        for (std::size_t c : *cols) is_position[c] = true;

    const auto& header = table_.header();
    const InputLocation at{table_.file(), table_.header_line()};
    std::vector<std::string> names;
    for (std::size_t c = 0; c < header.size(); ++c) {
      if (is_position[c]) continue;
      if (header[c].empty())
        throw Error("input.bad_column_name",
                    fmt::format("header column {} has no name, expected a column name", c + 1), at);
      if (std::find(names.begin(), names.end(), header[c]) != names.end())
        throw Error("input.duplicate_column",
                    fmt::format("header names column '{}' twice, expected unique names", header[c]),
                    at);
      names.push_back(header[c]);
    }
    if (names.empty())
      throw Error("input.no_attributes",
                  fmt::format("header [{}] has only position columns, expected at least one "
                              "attribute column",
                              fmt::join(header, ",")),
                  at);
    for (const auto& want : options_.int_columns)
      if (std::find(names.begin(), names.end(), want) == names.end())
        throw Error("input.missing_column",
                    fmt::format("integer column '{}' is not an attribute column of the file, "
                                "expected one of: {}",
                                want, fmt::join(names, ", ")),
                    at);
    for (std::size_t c = 0; c < header.size(); ++c) {
      if (is_position[c]) continue;
      const bool is_int = std::find(options_.int_columns.begin(), options_.int_columns.end(),
                                    header[c]) != options_.int_columns.end();
      attributes_.push_back(
          {c, &model_.add_column(header[c], is_int ? ColumnType::int64 : ColumnType::float64)});
    }
  }

  /// Runs `parse`, turning a thrown Error into a finding; false when it threw.
  template <typename F>
  bool collect(F&& parse) {
    try {
      parse();
      return true;
    } catch (const Error& e) {
      errors_.add(e);
      return false;
    }
  }

  std::optional<std::array<double, 3>> coords(const io::CsvRow& row) {
    std::array<double, 3> p{};
    bool ok = true;
    for (std::size_t a = 0; a < 3; ++a)
      ok = collect([&] { p[a] = table_.number(row, (*coord_cols_)[a]); }) && ok;
    return ok ? std::optional(p) : std::nullopt;
  }

  std::optional<Ijk> indices(const io::CsvRow& row) {
    Ijk b{};
    bool ok = true;
    for (std::size_t a = 0; a < 3; ++a)
      ok = collect([&] { b[a] = table_.integer(row, (*ijk_cols_)[a]); }) && ok;
    return ok ? std::optional(b) : std::nullopt;
  }

  /// Block whose centre (or corner) is p, or a finding.
  std::optional<Ijk> block_at(const io::CsvRow& row, const std::array<double, 3>& p) {
    const bool corner = options_.position == CsvModelOptions::corner;
    const double offset = corner ? 0.0 : 0.5;
    const char* what = corner ? "corner" : "centroid";
    const auto u = grid_units(grid_, p);
    Ijk b{};
    for (std::size_t a = 0; a < 3; ++a) {
      // Nearest index n with n + offset closest to u (centroid: the containing block).
      const double n = std::floor(u[a] - offset + 0.5);
      if (!(n >= 0 && n < static_cast<double>(grid_.counts[a]))) {
        outside(
            Error("input.outside_grid",
                  fmt::format("{} {} is outside the grid of {}, expected a block {} "
                              "inside it",
                              what, point_text(p), grid_text(grid_), corner ? "corner" : "centre"),
                  table_.location(row, (*coord_cols_)[a])));
        return std::nullopt;
      }
      b[a] = static_cast<std::int64_t>(n);
    }
    for (std::size_t a = 0; a < 3; ++a) {
      if (std::abs(u[a] - (static_cast<double>(b[a]) + offset)) > kGridTolerance) {
        const auto nearest = corner ? corner_of(grid_, b) : grid_.centroid(b[0], b[1], b[2]);
        errors_.add(Error("input.off_grid",
                          fmt::format("{} {} is not a block {} of the grid; nearest {} is {}", what,
                                      point_text(p), corner ? "corner" : "centre",
                                      corner ? "corner" : "centre", point_text(nearest)),
                          table_.location(row, (*coord_cols_)[a])));
        return std::nullopt;
      }
    }
    return b;
  }

  std::optional<Ijk> block_of_indices(const io::CsvRow& row, const Ijk& b) {
    for (std::size_t a = 0; a < 3; ++a) {
      if (b[a] < 0 || b[a] >= grid_.counts[a]) {
        outside(Error("input.outside_grid",
                      fmt::format("block {} is outside the grid, expected i in [0, {}), "
                                  "j in [0, {}), k in [0, {})",
                                  ijk_text(b), grid_.nx(), grid_.ny(), grid_.nz()),
                      table_.location(row, (*ijk_cols_)[a])));
        return std::nullopt;
      }
    }
    return b;
  }

  /// The block a row names, checking the secondary position columns when present.
  std::optional<Ijk> locate_row(const io::CsvRow& row) {
    if (options_.position == CsvModelOptions::ijk) {
      const auto b = indices(row);
      const auto p = coord_cols_ ? coords(row) : std::nullopt;
      if (!b) return std::nullopt;
      const auto block = block_of_indices(row, *b);
      if (!block || !coord_cols_) return block;
      if (!p) return std::nullopt;
      const auto u = grid_units(grid_, *p);
      for (std::size_t a = 0; a < 3; ++a) {
        if (std::abs(u[a] - (static_cast<double>((*block)[a]) + 0.5)) > kGridTolerance) {
          errors_.add(Error(
              "input.position_mismatch",
              fmt::format("centroid {} is not the centre of block {} given by i,j,k, expected {}",
                          point_text(*p), ijk_text(*block),
                          point_text(grid_.centroid((*block)[0], (*block)[1], (*block)[2]))),
              table_.location(row, (*coord_cols_)[a])));
          return std::nullopt;
        }
      }
      return block;
    }
    const auto p = coords(row);
    const auto b = ijk_cols_ ? indices(row) : std::nullopt;
    if (!p) return std::nullopt;
    const auto block = block_at(row, *p);
    if (!block || !ijk_cols_) return block;
    if (!b) return std::nullopt;
    if (*b != *block) {
      errors_.add(
          Error("input.position_mismatch",
                fmt::format("i,j,k is {} but the {} {} gives block {}, expected the "
                            "same block",
                            ijk_text(*b),
                            options_.position == CsvModelOptions::corner ? "corner" : "centroid",
                            point_text(*p), ijk_text(*block)),
                table_.location(row, (*ijk_cols_)[0])));
      return std::nullopt;
    }
    return block;
  }

  void read_row(const io::CsvRow& row) {
    std::optional<std::size_t> index;
    if (const auto block = locate_row(row)) {
      const auto at = static_cast<std::size_t>(grid_.index((*block)[0], (*block)[1], (*block)[2]));
      if (first_line_[at] != 0) {
        const std::size_t col =
            options_.position == CsvModelOptions::ijk ? (*ijk_cols_)[0] : (*coord_cols_)[0];
        errors_.add(Error("input.duplicate_block",
                          fmt::format("block {} is listed again (first on line {}), expected "
                                      "each block at most once",
                                      ijk_text(*block), first_line_[at]),
                          table_.location(row, col)));
      } else {
        first_line_[at] = row.line;
        ++listed_;
        index = at;
      }
    }
    for (const auto& attr : attributes_) {
      const std::string& text = row.fields[attr.csv_column].text;
      if (text.empty()) continue;  // no value for this block
      if (attr.column->type == ColumnType::float64) {
        double v = 0;
        if (collect([&] { v = table_.number(row, attr.csv_column); }) && index)
          attr.column->f64[*index] = v;
      } else {
        std::int64_t v = 0;
        if (!collect([&] { v = table_.integer(row, attr.csv_column); })) continue;
        if (v == kMissingInt) {
          errors_.add(Error("input.bad_integer",
                            fmt::format("field '{}' is '{}', expected an integer other than {} "
                                        "(that value marks a missing block)",
                                        attr.column->name, text, kMissingInt),
                            table_.location(row, attr.csv_column)));
          continue;
        }
        if (index) attr.column->i64[*index] = v;
      }
    }
  }

  const io::CsvTable& table_;
  const CsvModelOptions& options_;
  const BlockGrid& grid_;
  BlockModel& model_;
  std::optional<Cols> coord_cols_;
  std::optional<Cols> ijk_cols_;
  std::vector<Attribute> attributes_;
  std::vector<std::int64_t> first_line_;  ///< per block: line of its row, 0 = not listed
  std::int64_t listed_ = 0;
  ErrorList errors_;
  std::optional<Error> first_outside_;
  std::size_t outside_rows_ = 0;

  void outside(Error e) {
    if (outside_rows_++ == 0) first_outside_ = std::move(e);
  }

  /// One row outside the grid is that row's error; many are one error with the count and
  /// where to look (a grid origin or a coordinate column that does not match the rows).
  void report_outside() {
    if (outside_rows_ == 0) return;
    if (outside_rows_ == 1) {
      errors_.add(*first_outside_);
      return;
    }
    errors_.add(Error("input.outside_grid",
                      fmt::format("{} of {} rows lie outside the grid (first: {}): check the "
                                  "X/Y/Z (or I/J/K) columns, [model] position and the grid's "
                                  "origin, block size and counts",
                                  outside_rows_, table_.rows().size(), first_outside_->message()),
                      first_outside_->location()));
  }
};

/// Which position column a name would be read back as, if any ("x coordinate", "i index").
std::optional<std::string> position_role(const std::string& name) {
  const std::string low = lower(name);
  for (std::size_t a = 0; a < 3; ++a) {
    for (const auto& alias : kCoordAliases[a])
      if (low == lower(alias)) return kCoordWhat[a];
    for (const auto& alias : kIjkAliases[a])
      if (low == lower(alias)) return kIjkWhat[a];
  }
  return std::nullopt;
}

std::string csv_field(const std::string& text) {
  const bool quote = text.find_first_of(",\"\r\n") != std::string::npos || text.empty() ||
                     text.front() == ' ' || text.front() == '\t' || text.front() == '#' ||
                     text.back() == ' ' || text.back() == '\t';
  if (!quote) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// ---- binary ----

constexpr std::string_view kMagic = "LODELBM1";
constexpr std::uint64_t kPreamble = 16;  // magic + header length
constexpr const char* kFormat = "lodeline.block_model";
constexpr int kVersion = 1;
constexpr std::size_t kChunkValues = std::size_t{1} << 16;

void put_u64(std::string& out, std::uint64_t v) {
  for (int s = 0; s < 64; s += 8) out += static_cast<char>((v >> s) & 0xFF);
}

std::uint64_t get_u64(const char* p) {
  std::uint64_t v = 0;
  for (int b = 7; b >= 0; --b) v = (v << 8) | static_cast<unsigned char>(p[b]);
  return v;
}

template <typename T>
void write_values(io::AtomicFile& out, const std::vector<T>& values) {
  std::string buffer;
  for (std::size_t start = 0; start < values.size(); start += kChunkValues) {
    const std::size_t stop = std::min(values.size(), start + kChunkValues);
    buffer.clear();
    for (std::size_t i = start; i < stop; ++i)
      put_u64(buffer, std::bit_cast<std::uint64_t>(values[i]));
    out.write(buffer);
  }
}

struct ColumnSpec {
  std::string name;
  ColumnType type;
};

/// Reads a .lbm file, checking every size before allocating or reading values.
class BinaryReader {
 public:
  explicit BinaryReader(const std::filesystem::path& path)
      : file_(path.string()), in_(path, std::ios::binary) {
    if (!in_)
      throw Error("io.cannot_open",
                  fmt::format("cannot open '{}': {}", file_, std::strerror(errno)), {file_});
    in_.seekg(0, std::ios::end);
    const auto end = in_.tellg();
    if (end < 0)
      throw Error("io.cannot_read", fmt::format("cannot get the size of '{}'", file_), {file_});
    size_ = static_cast<std::uint64_t>(end);
  }

  BlockModel read() {
    const std::string magic = bytes(0, std::min<std::uint64_t>(size_, kMagic.size()));
    if (kMagic.substr(0, magic.size()) != magic)
      throw bad(
          "bytes 0..8 are not the magic 'LODELBM1', expected a lodeline block model "
          "(.lbm) file");
    need(kMagic.size(), "the magic", 0);
    need(kPreamble, "the header length", kMagic.size());
    const std::uint64_t length = get_u64(bytes(kMagic.size(), 8).data());
    if (length > size_ - kPreamble && length > (std::uint64_t{1} << 62))
      throw bad(
          fmt::format("header length at byte offset 8 is {}, expected at most {} (the "
                      "bytes left in the file)",
                      length, size_ - kPreamble));
    header_end_ = kPreamble + length;
    need(header_end_, "the JSON header", kPreamble);
    const nlohmann::json header = parse_header(bytes(kPreamble, length));
    std::vector<ColumnSpec> specs;
    BlockModel model = model_from_header(header, specs);

    // All sizes are checked before any column is allocated.
    const auto column_bytes = static_cast<std::uint64_t>(model.grid.block_count()) * 8;
    if (!specs.empty() &&
        specs.size() > (std::numeric_limits<std::uint64_t>::max() - header_end_) / column_bytes)
      throw bad_header(fmt::format("lists {} columns of {} blocks, more than a file can hold",
                                   specs.size(), model.grid.block_count()));
    for (std::size_t c = 0; c < specs.size(); ++c) {
      const std::uint64_t begin = header_end_ + c * column_bytes;
      need(begin + column_bytes, fmt::format("column '{}'", specs[c].name), begin);
    }
    const std::uint64_t total = header_end_ + specs.size() * column_bytes;
    if (size_ > total)
      throw bad(
          fmt::format("file has {} bytes, expected exactly {}; unexpected data from byte "
                      "offset {}",
                      size_, total, total));

    for (std::size_t c = 0; c < specs.size(); ++c) {
      Column& column = model.add_column(specs[c].name, specs[c].type);
      const std::uint64_t begin = header_end_ + c * column_bytes;
      if (column.type == ColumnType::int64)
        read_values(begin, column.i64);
      else
        read_values(begin, column.f64);
    }
    return model;
  }

 private:
  [[nodiscard]] Error bad(const std::string& message) const {
    return Error("input.bad_binary", message, {file_});
  }

  [[nodiscard]] Error bad_header(const std::string& message) const {
    return bad(fmt::format("JSON header (bytes {}..{}) {}", kPreamble, header_end_, message));
  }

  /// Throws the truncation finding when the file is shorter than `end`.
  void need(std::uint64_t end, const std::string& what, std::uint64_t begin) const {
    if (size_ < end)
      throw bad(
          fmt::format("file is truncated at byte offset {} inside {} (bytes {}..{}), "
                      "expected at least {} bytes",
                      size_, what, begin, end, end));
  }

  void read_into(char* out, std::uint64_t offset, std::uint64_t count) {
    in_.clear();
    in_.seekg(static_cast<std::streamoff>(offset));
    in_.read(out, static_cast<std::streamsize>(count));
    const auto got = static_cast<std::uint64_t>(in_.gcount());
    if (got != count)
      throw Error("io.cannot_read",
                  fmt::format("reading '{}' failed at byte offset {}", file_, offset + got),
                  {file_});
  }

  std::string bytes(std::uint64_t offset, std::uint64_t count) {
    std::string out(static_cast<std::size_t>(count), '\0');
    read_into(out.data(), offset, count);
    return out;
  }

  template <typename T>
  void read_values(std::uint64_t begin, std::vector<T>& values) {
    std::string buffer(kChunkValues * 8, '\0');
    for (std::size_t start = 0; start < values.size(); start += kChunkValues) {
      const std::size_t n = std::min(kChunkValues, values.size() - start);
      read_into(buffer.data(), begin + start * 8, n * 8);
      for (std::size_t i = 0; i < n; ++i)
        values[start + i] = std::bit_cast<T>(get_u64(buffer.data() + i * 8));
    }
  }

  nlohmann::json parse_header(const std::string& text) const {
    try {
      return nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
      const std::string what = io::parse_error_text(e);
      const std::uint64_t at = kPreamble + (e.byte > 0 ? e.byte - 1 : 0);
      throw bad(
          fmt::format("JSON header is malformed at byte offset {} ({}), expected a JSON "
                      "object",
                      at, what));
    } catch (const nlohmann::json::exception& e) {
      const auto number = io::find_overflowing_number(text);
      if (!number) throw bad(fmt::format("JSON header is malformed ({})", e.what()));
      throw bad(
          fmt::format("JSON header has number '{}' at byte offset {}, beyond the largest "
                      "double (about 1.8e308), expected a finite number",
                      number->text, kPreamble + number->offset));
    }
  }

  BlockModel model_from_header(const nlohmann::json& h, std::vector<ColumnSpec>& specs) const {
    if (!h.is_object()) throw bad_header(fmt::format("is {}, expected an object", h.type_name()));
    const nlohmann::json format = h.contains("format") ? h["format"] : nlohmann::json();
    const nlohmann::json version = h.contains("version") ? h["version"] : nlohmann::json();
    if (format != kFormat || version != kVersion)
      throw bad_header(fmt::format("has format {} version {}, expected format \"{}\" version {}",
                                   format.dump(), version.dump(), kFormat, kVersion));
    if (!h.contains("grid") || !h["grid"].is_object())
      throw bad_header("has no 'grid' object, expected the grid definition");
    const io::GridSpec spec = io::grid_from_json(h["grid"], file_);
    if (!h.contains("crs") || !h["crs"].is_string())
      throw bad_header(fmt::format("has 'crs' {}, expected a string",
                                   h.contains("crs") ? h["crs"].dump() : "missing"));
    if (!h.contains("columns") || !h["columns"].is_array())
      throw bad_header("has no 'columns' array, expected [{\"name\": ..., \"type\": ...}, ...]");
    for (const auto& c : h["columns"]) {
      const bool ok = c.is_object() && c.contains("name") && c["name"].is_string() &&
                      !c["name"].get<std::string>().empty() && c.contains("type") &&
                      (c["type"] == "float64" || c["type"] == "int64");
      if (!ok)
        throw bad_header(
            fmt::format("has column {}, expected {{\"name\": non-empty string, "
                        "\"type\": \"float64\" or \"int64\"}}",
                        c.dump()));
      ColumnSpec col{c["name"].get<std::string>(),
                     c["type"] == "int64" ? ColumnType::int64 : ColumnType::float64};
      for (const auto& seen : specs)
        if (seen.name == col.name)
          throw bad_header(fmt::format("names column '{}' twice, expected unique names", col.name));
      specs.push_back(std::move(col));
    }
    return BlockModel(spec.grid, h["crs"].get<std::string>());
  }

  std::string file_;
  std::ifstream in_;
  std::uint64_t size_ = 0;
  std::uint64_t header_end_ = 0;
};

}  // namespace

BlockModel read_block_model_csv(const std::filesystem::path& path, const CsvModelOptions& options,
                                CsvReadStats* stats) {
  options.grid.validate();
  const io::CsvTable table = io::CsvTable::read(path.string());
  BlockModel model(options.grid, options.crs);
  CsvReadStats found;
  CsvModelReader(table, options, model).read(found);
  if (stats) *stats = found;
  return model;
}

void write_block_model_csv(const std::filesystem::path& path, const BlockModel& model,
                           const CsvWriteOptions& options) {
  model.grid.validate();
  model.check_consistent();
  for (const auto& c : model.columns())
    if (const auto role = position_role(c.name))
      throw Error("input.reserved_column",
                  fmt::format("column '{}' would read back as the {} column, expected a name "
                              "that is not a position column alias",
                              c.name, *role));
  std::string buffer = "i,j,k,xc,yc,zc";
  for (const auto& c : model.columns()) {
    buffer += ',';
    buffer += csv_field(c.name);
  }
  buffer += '\n';
  io::AtomicFile out(path);
  const BlockGrid& g = model.grid;
  for (std::int64_t b = 0; b < g.block_count(); ++b) {
    if (!options.all_blocks && !model.block_present(b)) continue;
    const Ijk ijk = g.ijk(b);
    const auto c = g.centroid(ijk[0], ijk[1], ijk[2]);
    fmt::format_to(std::back_inserter(buffer), "{},{},{},{},{},{}", ijk[0], ijk[1], ijk[2],
                   io::format_double(c[0]), io::format_double(c[1]), io::format_double(c[2]));
    const auto at = static_cast<std::size_t>(b);
    for (const auto& col : model.columns()) {
      buffer += ',';
      if (!col.present(b)) continue;
      if (col.type == ColumnType::int64)
        fmt::format_to(std::back_inserter(buffer), "{}", col.i64[at]);
      else
        buffer += io::format_double(col.f64[at]);
    }
    buffer += '\n';
    if (buffer.size() >= (std::size_t{1} << 20)) {
      out.write(buffer);
      buffer.clear();
    }
  }
  out.write(buffer);
  out.commit();
}

void write_block_model_binary(const std::filesystem::path& path, const BlockModel& model) {
  model.grid.validate();
  model.check_consistent();
  const BlockGrid& g = model.grid;
  nlohmann::ordered_json grid = nlohmann::ordered_json::object();
  grid["origin"] = nlohmann::ordered_json::array({g.origin_m[0], g.origin_m[1], g.origin_m[2]});
  grid["block_size"] =
      nlohmann::ordered_json::array({g.block_size_m[0], g.block_size_m[1], g.block_size_m[2]});
  grid["counts"] = nlohmann::ordered_json::array({g.counts[0], g.counts[1], g.counts[2]});
  grid["rotation_deg"] = g.rotation_deg;
  nlohmann::ordered_json header = nlohmann::ordered_json::object();
  header["format"] = kFormat;
  header["version"] = kVersion;
  header["grid"] = grid;
  header["crs"] = model.crs;
  header["columns"] = nlohmann::ordered_json::array();
  for (const auto& c : model.columns())
    header["columns"].push_back({{"name", c.name}, {"type", std::string(type_name(c.type))}});
  std::string text;
  try {
    text = header.dump();
  } catch (const nlohmann::json::type_error&) {
    throw Error("input.bad_text",
                "a column name or the CRS is not valid UTF-8, expected UTF-8 text for the .lbm "
                "header");
  }
  std::string preamble(kMagic);
  put_u64(preamble, text.size());
  io::AtomicFile out(path);
  out.write(preamble);
  out.write(text);
  for (const auto& c : model.columns()) {
    if (c.type == ColumnType::int64)
      write_values(out, c.i64);
    else
      write_values(out, c.f64);
  }
  out.commit();
}

BlockModel read_block_model_binary(const std::filesystem::path& path) {
  return BinaryReader(path).read();
}

}  // namespace lodeline::blockmodel
