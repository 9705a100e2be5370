// SPDX-License-Identifier: Apache-2.0
// `lodeline split`: per-column fraction left of a line, as CSV.
#include <fmt/format.h>

#include "cli.hpp"
#include "lodeline/border/scenario.hpp"
#include "lodeline/border/split.hpp"
#include "lodeline/geo/vector_file.hpp"
#include "lodeline/io/json_file.hpp"
#include "lodeline/io/text_file.hpp"

namespace lodeline::cli {

Action add_split_command(CLI::App& app) {
  struct Opts {
    std::string grid, border, out, feature;
    bool allow_datum_shift = false;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("--grid", o->grid,
                 "grid JSON: {\"origin\":[x0,y0(,z0)] m, \"block_size\":[dx,dy(,dz)] m, "
                 "\"counts\":[nx,ny(,nz)], \"crs\":\"EPSG:...\" (optional)}")
      ->required();
  app.add_option("--border", o->border, "the line (GeoJSON, KML, WKT, Shapefile, GeoPackage)")->required();
  app.add_option("--out", o->out, "output CSV: i,j,fraction_left; j outer, i inner")->required();
  app.add_option("--feature", o->feature,
                 "the line to use when the file holds several: its 'name' property");
  app.add_flag("--allow-datum-shift", o->allow_datum_shift,
               "allow a line on another datum than the grid's (refused by default)");
  return [o](Context& ctx) {
    const auto spec = io::read_grid_json(o->grid);
    Diagnostics diag;
    border::Scenario s;
    s.name = "border";
    s.file = o->border;
    s.allow_datum_shift = o->allow_datum_shift;
    s.feature = o->feature;
    s.feature_hint = "--feature naming the line by its 'name' property";
    s.datum_shift_hint = "--allow-datum-shift";
    s.target_crs_hint = "the grid JSON's \"crs\"";
    const std::string crs =
        spec.crs.empty() ? std::string() : geo::canonical_crs(spec.crs, {o->grid});
    border::load_line(s, crs, diag);
    const auto r = border::split_columns(spec.grid, s.line, [&](std::int64_t v) {
      return geo::vertex_location(o->border, 0, v);
    });
    std::string csv = "i,j,fraction_left\n";
    csv.reserve(static_cast<std::size_t>(spec.grid.column_count()) * 16);
    for (std::int64_t j = 0; j < spec.grid.ny(); ++j)
      for (std::int64_t i = 0; i < spec.grid.nx(); ++i)
        fmt::format_to(std::back_inserter(csv), "{},{},{}\n", i, j,
                       r.fraction_left[static_cast<std::size_t>(spec.grid.column_index(i, j))]);
    io::write_file_atomic(o->out, csv);
    for (const auto& d : diag.items()) ctx.err << d.formatted() << "\n";
    ctx.out << fmt::format(
        "{} columns: {} left, {} right, {} straddling; area left {} m2, right {} m2 -> {}\n",
        spec.grid.column_count(), r.counts.full_left, r.counts.full_right, r.counts.straddling,
        r.area_left_m2, r.area_right_m2, o->out);
  };
}

}  // namespace lodeline::cli
