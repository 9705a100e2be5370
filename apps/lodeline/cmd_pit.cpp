// SPDX-License-Identifier: Apache-2.0
// `lodeline pit`: ultimate pit (minimal maximum-weight closure) of explicit or regular models.
#include <fmt/format.h>

#include <chrono>

#include "cli.hpp"
#include "lodeline/borderpit/option_table.hpp"
#include "lodeline/core/error.hpp"
#include "lodeline/io/text_file.hpp"
#include "lodeline/pit/closure.hpp"
#include "lodeline/pit/precedence.hpp"
#include "option_flags.hpp"

namespace lodeline::cli {

Action add_pit_command(CLI::App& app) {
  struct Opts {
    std::string values, precedence, pattern, out;
    std::vector<std::int64_t> regular;
    std::vector<double> block_size_m{1, 1, 1};
    borderpit::PitOptions slope;  ///< slope_deg and benches of the [pit] table
    std::shared_ptr<GivenFlags> given = std::make_shared<GivenFlags>();
    bool json = false;
    [[nodiscard]] bool has_slope() const { return flag_given(*given, "slope-deg"); }
  };
  auto o = std::make_shared<Opts>();
  app.add_option("--values", o->values,
                 "block values: 'id value' lines (explicit), or one integer per line, x "
                 "fastest then y then z, z = 0 lowest (with --regular)")
      ->required();
  auto* prec = app.add_option("--precedence", o->precedence,
                              "explicit precedence: 'id n p1 ... pn' lines (0-based ids)");
  auto* reg =
      app.add_option("--regular", o->regular, "regular model block counts NX NY NZ")->expected(3);
  add_option_flags(
      app, options::only(options::describe(borderpit::pit_table()), {"slope_deg", "benches"}),
      o->given);
  app.add_option("--block-size", o->block_size_m, "block size X Y Z in metres for --slope-deg")
      ->expected(3)
      ->capture_default_str();
  auto* pattern = app.add_option("--pattern", o->pattern, "offsets file: 'dx dy dz' lines, dz > 0");
  app.add_option("--out", o->out, "output: mined block ids ascending, one per line")->required();
  app.add_flag("--json", o->json,
               "print one JSON line {\"value\", \"blocks_mined\", \"seconds\"} instead of text");
  prec->excludes(reg);
  prec->excludes(pattern);
  return [o](Context& ctx) {
    const auto start = std::chrono::steady_clock::now();
    apply_option_flags(*o->given, {options::only(options::bind(borderpit::pit_table(), o->slope),
                                                 {"slope_deg", "benches"})});
    if (o->has_slope() && (!o->pattern.empty() || !o->precedence.empty()))
      throw Error("usage.bad_option",
                  "--slope-deg is given with --pattern or --precedence, expected one way to give "
                  "the precedence");
    pit::ClosureResult r;
    if (!o->regular.empty()) {
      if (o->pattern.empty() && !o->has_slope())
        throw Error("usage.missing_option",
                    "--regular without --slope-deg or --pattern, expected one of them");
      pit::RegularPattern model{o->regular[0], o->regular[1], o->regular[2], {}};
      const auto values = pit::read_regular_values(o->values, model.nx, model.ny, model.nz);
      model.offsets = o->pattern.empty()
                          ? pit::minimum_search_pattern(
                                o->slope.slope_deg, o->slope.benches,
                                {o->block_size_m[0], o->block_size_m[1], o->block_size_m[2]})
                          : pit::read_offsets(o->pattern);
      r = pit::max_closure(values, model);
    } else {
      if (o->precedence.empty())
        throw Error("usage.missing_option",
                    "neither --precedence nor --regular, expected one of them");
      const auto values = pit::read_values(o->values);
      const auto precedence =
          pit::read_precedence(o->precedence, static_cast<std::int64_t>(values.size()));
      r = pit::max_closure(values, precedence);
    }
    std::string text;
    text.reserve(r.mined.size() * 8);
    for (const std::int64_t id : r.mined) fmt::format_to(std::back_inserter(text), "{}\n", id);
    io::write_file_atomic(o->out, text);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (o->json)
      ctx.out << fmt::format("{{\"value\": {}, \"blocks_mined\": {}, \"seconds\": {}}}\n", r.value,
                             r.mined.size(), io::format_double(seconds));
    else
      ctx.out << fmt::format("pit value {}, {} blocks mined, {:.3f} s -> {}\n", r.value,
                             r.mined.size(), seconds, o->out);
  };
}

}  // namespace lodeline::cli
