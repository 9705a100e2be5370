// SPDX-License-Identifier: Apache-2.0
// `lodeline estimate`: kriging / IDW / nearest neighbour from sample and target CSV files.
#include <fmt/format.h>

#include <map>
#include <unordered_map>

#include "cli.hpp"
#include "lodeline/io/csv.hpp"
#include "lodeline/io/json_file.hpp"
#include "lodeline/io/point_columns.hpp"
#include "lodeline/io/text_file.hpp"
#include "lodeline/kriging/estimate.hpp"
#include "lodeline/kriging/params.hpp"

namespace lodeline::cli {

namespace {

struct TargetTable {
  std::vector<std::string> id;
  kriging::Targets targets;
  bool has_z = false;
};

kriging::Samples read_samples(const std::string& path, const std::string& value,
                              const std::string& hole, const InputLocation& hole_key) {
  const auto t = io::CsvTable::read(path);
  if (t.rows().empty())
    throw Error("input.empty_file",
                "no samples: the file has a header but no rows, expected one sample per row",
                {path, t.header_line(), 1});
  const auto [cx, cy, cz] = io::find_point_columns(t, "sample");
  const std::size_t cv = t.require_column({value}, fmt::format("the value column '{}'", value));
  std::optional<std::size_t> ch;
  if (!hole.empty()) {
    ch = t.find_column({hole});
    if (!ch)
      throw Error(
          "input.missing_column",
          fmt::format("the hole column '{}' named in the parameters is not in {}", hole, path),
          hole_key);
  } else {
    ch = t.find_column(io::PointAliases::hole());
  }
  kriging::Samples s;
  s.file = path;
  std::map<std::string, std::int64_t> codes;
  ErrorList errors;
  for (const auto& row : t.rows()) {
    try {
      const double x = t.number(row, cx), y = t.number(row, cy);
      const double z = cz ? t.number(row, *cz) : 0.0;
      const double v = t.number(row, cv);
      s.x_m.push_back(x);
      s.y_m.push_back(y);
      if (cz) s.z_m.push_back(z);
      s.value.push_back(v);
      s.line.push_back(row.line);
      if (ch) {
        const auto [it, fresh] =
            codes.emplace(row.fields[*ch].text, static_cast<std::int64_t>(codes.size()));
        s.hole.push_back(it->second);
      }
    } catch (const Error& e) {
      errors.add(e);
    }
  }
  errors.throw_if_any();
  return s;
}

TargetTable read_targets(const std::string& path) {
  const auto t = io::CsvTable::read(path);
  if (t.rows().empty())
    throw Error("input.empty_file",
                "no targets: the file has a header but no rows, expected one target per row",
                {path, t.header_line(), 1});
  const std::size_t cid = t.require_column(io::PointAliases::id(), "target id");
  const auto [cx, cy, cz] = io::find_point_columns(t, "target");
  TargetTable out;
  out.has_z = cz.has_value();
  ErrorList errors;
  std::unordered_map<std::string, InputLocation> first_of;  // id -> its first row
  for (const auto& row : t.rows()) {
    try {
      if (row.fields[cid].text.empty())
        throw Error("input.bad_id", "target id is empty, expected an identifier",
                    t.location(row, cid));
      const auto [seen, fresh] = first_of.emplace(row.fields[cid].text, t.location(row, cid));
      if (!fresh)
        throw Error("input.duplicate_id",
                    fmt::format("target id '{}' is used again (first at {}), expected one row "
                                "per target: the output rows could not be told apart",
                                row.fields[cid].text, seen->second.str()),
                    t.location(row, cid));
      const double x = t.number(row, cx), y = t.number(row, cy);
      const double z = cz ? t.number(row, *cz) : 0.0;
      out.id.push_back(row.fields[cid].text);
      out.targets.x_m.push_back(x);
      out.targets.y_m.push_back(y);
      if (cz) out.targets.z_m.push_back(z);
    } catch (const Error& e) {
      errors.add(e);
    }
  }
  errors.throw_if_any();
  return out;
}

std::string num(double v) { return std::isfinite(v) ? io::format_double(v) : std::string(); }

const char* status_text(kriging::TargetStatus s) {
  switch (s) {
    case kriging::TargetStatus::estimated:
      return "ok";
    case kriging::TargetStatus::too_few_samples:
      return "too_few_samples";
    case kriging::TargetStatus::singular:
      return "singular";
  }
  return "";
}

}  // namespace

Action add_estimate_command(CLI::App& app) {
  struct Opts {
    std::string samples, targets, params, out;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("--samples", o->samples,
                 "sample CSV: x,y(,z) and the value column named by \"value\" in the "
                 "parameters; optional hole id column (hole_id, hole, bhid or \"hole\")")
      ->required();
  app.add_option("--targets", o->targets, "target CSV: id,x,y(,z) (points or block centres)")
      ->required();
  app.add_option("--params", o->params,
                 "parameters JSON: {\"method\": \"ok\", \"value\": \"au\", \"variogram\": {...}, "
                 "\"max_samples\": 24, ...}: keys as the project's [estimate] "
                 "(lodeline options estimate; docs/kriging.md)")
      ->required();
  app.add_option("--out", o->out,
                 "output CSV: id,estimate,variance,n_samples,status,slope,efficiency,n_holes,"
                 "nearest_m,n_negative_weights (empty estimate = not estimated)")
      ->required();
  return [o](Context& ctx) {
    const std::string text = io::read_text(o->params);
    const auto doc = io::parse_json(text, o->params);
    const auto locate = io::json_text_locator(text, o->params);
    const auto params = kriging::params_from_json(doc, locate);
    auto samples =
        read_samples(o->samples, params.value_column, params.hole_column, locate("/hole"));
    const auto table = read_targets(o->targets);
    kriging::EstimateOptions opt = params.options;
    if (samples.is_3d() && !table.has_z)
      throw Error("input.missing_column",
                  fmt::format("the samples have a z column but the targets do not, expected "
                              "id,x,y,z (samples: {})",
                              o->samples),
                  {o->targets, 1, 1});
    if (opt.block && samples.is_3d() && params.block_size_axes < 3)
      throw Error("input.bad_option",
                  "'block_size_m' has 2 values but the samples are 3D (they have a z column), "
                  "expected [dx, dy, dz]",
                  params.where("block_size_m"));
    if (opt.block && samples.is_3d() && opt.block->discretization[2] == 0)
      throw Error("input.bad_option",
                  "'discretization' has 2 values but the samples are 3D, expected [nx, ny, nz]",
                  params.where("discretization"));
    if (opt.search.max_per_hole > 0 && samples.hole.empty())
      throw Error("input.bad_option",
                  fmt::format("'max_per_hole' needs a hole id column in {} (hole_id, hole, "
                              "bhid, or name it with \"hole\")",
                              o->samples),
                  params.where("max_per_hole"));
    if (!samples.is_3d() && table.has_z)
      ctx.err << fmt::format(
          "note: {} has no z column: the estimate is 2D and the targets' z "
          "is not used\n",
          o->samples);
    Diagnostics diag;
    const auto r = kriging::run_estimate(samples, table.targets, opt, diag);
    std::string csv =
        "id,estimate,variance,n_samples,status,slope,efficiency,n_holes,nearest_m,"
        "n_negative_weights\n";
    csv.reserve(table.id.size() * 96);
    for (std::size_t i = 0; i < r.targets.size(); ++i) {
      const auto& t = r.targets[i];
      fmt::format_to(std::back_inserter(csv), "{},{},{},{},{},{},{},{},{},{}\n", table.id[i],
                     t.estimated() ? num(t.estimate) : std::string(),
                     t.estimated() ? num(t.variance) : std::string(), t.n_samples,
                     status_text(t.status), t.estimated() ? num(t.slope) : std::string(),
                     t.estimated() ? num(t.efficiency) : std::string(), t.n_holes, num(t.nearest_m),
                     t.n_negative_weights);
    }
    io::write_file_atomic(o->out, csv);
    for (const auto& d : diag.items()) ctx.err << d.formatted() << "\n";
    ctx.out << fmt::format(
        "{} targets: {} estimated, {} with too few samples, {} singular; {} samples ({} "
        "duplicates merged) -> {}\n",
        r.targets.size(), r.targets.size() - r.too_few - r.singular, r.too_few, r.singular,
        samples.size(), r.duplicates_merged, o->out);
  };
}

}  // namespace lodeline::cli
