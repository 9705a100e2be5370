// SPDX-License-Identifier: Apache-2.0
// P.json -> EstimateOptions with JSON locations for every finding.
#include "lodeline/kriging/params.hpp"

#include <fmt/format.h>

#include <cmath>
#include <set>

#include "lodeline/io/text_file.hpp"

namespace lodeline::kriging {

namespace {

using nlohmann::json;
using variogram::pointer_text;

struct Reader {
  const variogram::JsonLocator& locate;

  [[noreturn]] void fail(const std::string& pointer, const std::string& message,
                         const char* code = "input.bad_option") const {
    throw Error(code, message, locate ? locate(pointer) : InputLocation{});
  }
  void keys(const json& obj, const std::string& pointer,
            const std::set<std::string>& allowed) const {
    for (const auto& [k, v] : obj.items())
      if (!allowed.count(k)) {
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        fail(pointer + "/" + k,
             fmt::format("unknown key '{}' in {}, expected one of {}", k,
                         pointer.empty() ? std::string("the parameters") : pointer_text(pointer),
                         list),
             "input.unknown_key");
      }
  }
  double number(const json& v, const std::string& p, const char* expected) const {
    if (!v.is_number() || !std::isfinite(v.get<double>()))
      fail(p, fmt::format("{} is {}, expected {}", pointer_text(p), v.dump(), expected));
    return v.get<double>();
  }
  double positive(const json& v, const std::string& p, const char* expected) const {
    const double d = number(v, p, expected);
    if (!(d > 0))
      fail(p, fmt::format("{} is {}, expected {}", pointer_text(p), v.dump(), expected));
    return d;
  }
  std::size_t count(const json& v, const std::string& p, std::size_t min,
                    const char* expected) const {
    if (!v.is_number_integer() || v.get<std::int64_t>() < static_cast<std::int64_t>(min) ||
        v.get<std::int64_t>() > 1000000000)
      fail(p, fmt::format("{} is {}, expected {}", pointer_text(p), v.dump(), expected));
    return static_cast<std::size_t>(v.get<std::int64_t>());
  }
  std::string text(const json& v, const std::string& p, const char* expected) const {
    if (!v.is_string() || v.get<std::string>().empty())
      fail(p, fmt::format("{} is {}, expected {}", pointer_text(p), v.dump(), expected));
    return v.get<std::string>();
  }
  std::vector<double> numbers(const json& v, const std::string& p, std::size_t min_n,
                              std::size_t max_n, const char* expected) const {
    if (!v.is_array() || v.size() < min_n || v.size() > max_n)
      fail(p, fmt::format("{} is {}, expected {}", pointer_text(p), v.dump(), expected));
    std::vector<double> out;
    for (std::size_t i = 0; i < v.size(); ++i)
      out.push_back(number(v[i], fmt::format("{}/{}", p, i), expected));
    return out;
  }
};

}  // namespace

std::optional<Method> method_from_name(std::string_view name) {
  if (name == "ok") return Method::ordinary;
  if (name == "sk") return Method::simple;
  if (name == "idw") return Method::idw;
  if (name == "nn") return Method::nearest;
  return std::nullopt;
}

std::optional<SearchMetric> metric_from_name(std::string_view name) {
  if (name == "euclidean") return SearchMetric::euclidean;
  if (name == "anisotropic") return SearchMetric::anisotropic;
  return std::nullopt;
}

std::optional<BlockScheme> scheme_from_name(std::string_view name) {
  if (name == "gauss") return BlockScheme::gauss;
  if (name == "regular") return BlockScheme::regular;
  return std::nullopt;
}

EstimateParams params_from_json(const json& doc, const variogram::JsonLocator& locate) {
  const Reader rd{locate};
  if (!doc.is_object())
    rd.fail("", fmt::format("the parameters are {}, expected a JSON object", doc.dump()));
  rd.keys(doc, "",
          {"method", "value", "hole", "variogram", "mean", "idw_power", "search", "block",
           "duplicates"});
  EstimateParams p;
  EstimateOptions& o = p.options;
  if (doc.contains("method")) {
    const std::string m = rd.text(doc["method"], "/method", "\"ok\", \"sk\", \"idw\" or \"nn\"");
    if (const auto method = method_from_name(m)) {
      o.method = *method;
    } else {
      rd.fail("/method", fmt::format("method is \"{}\", expected \"ok\", \"sk\", \"idw\" or "
                                     "\"nn\"",
                                     m));
    }
  }
  const bool kriging = o.method == Method::ordinary || o.method == Method::simple;
  if (!doc.contains("value"))
    rd.fail("", "missing key 'value', expected the name of the sample column to estimate",
            "input.missing_option");
  p.value_column = rd.text(doc["value"], "/value", "a column name such as \"au\"");
  if (doc.contains("hole")) p.hole_column = rd.text(doc["hole"], "/hole", "a column name");

  if (doc.contains("search")) {
    const json& s = doc["search"];
    if (!s.is_object())
      rd.fail("/search", fmt::format("search is {}, expected an object", s.dump()));
    rd.keys(
        s, "/search",
        {"max_samples", "min_samples", "max_distance", "metric", "max_per_hole", "max_per_octant"});
    if (s.contains("max_samples"))
      o.search.max_samples =
          rd.count(s["max_samples"], "/search/max_samples", 0, "a whole number >= 0 (0 = all)");
    if (s.contains("min_samples"))
      o.search.min_samples =
          rd.count(s["min_samples"], "/search/min_samples", 1, "a whole number >= 1");
    if (s.contains("max_distance"))
      o.search.max_distance_m =
          rd.positive(s["max_distance"], "/search/max_distance", "a distance > 0 m");
    if (s.contains("metric")) {
      const std::string m =
          rd.text(s["metric"], "/search/metric", "\"euclidean\" or \"anisotropic\"");
      if (const auto metric = metric_from_name(m)) {
        o.search.metric = *metric;
      } else {
        rd.fail(
            "/search/metric",
            fmt::format("search.metric is \"{}\", expected \"euclidean\" or \"anisotropic\"", m));
      }
    }
    if (s.contains("max_per_hole"))
      o.search.max_per_hole =
          rd.count(s["max_per_hole"], "/search/max_per_hole", 0, "a whole number >= 0");
    if (s.contains("max_per_octant"))
      o.search.max_per_octant =
          rd.count(s["max_per_octant"], "/search/max_per_octant", 0, "a whole number >= 0");
    if (o.search.max_samples != 0 && o.search.min_samples > o.search.max_samples)
      rd.fail("/search/min_samples",
              fmt::format("search.min_samples ({}) is larger than search.max_samples ({})",
                          o.search.min_samples, o.search.max_samples));
  }

  const bool needs_variogram = kriging || o.search.metric == SearchMetric::anisotropic;
  if (doc.contains("variogram")) {
    o.variogram = variogram::model_from_json(doc["variogram"], locate, "/variogram");
    if (o.search.metric == SearchMetric::anisotropic && o.variogram.structures.empty())
      rd.fail("/variogram/structures",
              "search.metric \"anisotropic\" needs a variogram structure (the first one sets "
              "the search ellipsoid)");
  } else if (needs_variogram) {
    rd.fail("",
            kriging ? "missing key 'variogram', expected a variogram model for kriging"
                    : "missing key 'variogram', expected one for search.metric "
                      "\"anisotropic\"",
            "input.missing_option");
  }
  if (doc.contains("mean")) o.sk_mean = rd.number(doc["mean"], "/mean", "a number");
  if (o.method == Method::simple && !doc.contains("mean"))
    rd.fail("", "missing key 'mean', expected the known mean for simple kriging (\"sk\")",
            "input.missing_option");
  if (doc.contains("idw_power"))
    o.idw_power = rd.positive(doc["idw_power"], "/idw_power", "a power > 0");
  if (doc.contains("duplicates")) {
    const std::string d = rd.text(doc["duplicates"], "/duplicates", "\"merge\" or \"error\"");
    if (d == "merge") {
      o.duplicates = DuplicatePolicy::merge;
    } else if (d == "error") {
      o.duplicates = DuplicatePolicy::error;
    } else {
      rd.fail("/duplicates",
              fmt::format("duplicates is \"{}\", expected \"merge\" or \"error\"", d));
    }
  }

  if (doc.contains("block")) {
    const json& b = doc["block"];
    if (!b.is_object()) rd.fail("/block", fmt::format("block is {}, expected an object", b.dump()));
    if (!kriging)
      rd.fail("/block",
              "block support needs ordinary or simple kriging (method \"ok\" or "
              "\"sk\")");
    rd.keys(b, "/block", {"size", "discretization", "scheme"});
    BlockOptions bo;
    if (!b.contains("size"))
      rd.fail("/block", "block has no 'size', expected [dx, dy] or [dx, dy, dz] in metres",
              "input.missing_option");
    const auto size = rd.numbers(b["size"], "/block/size", 2, 3, "[dx, dy(, dz)] in metres > 0");
    for (std::size_t a = 0; a < size.size(); ++a) {
      if (!(size[a] > 0))
        rd.fail(fmt::format("/block/size/{}", a),
                fmt::format("block.size[{}] is {}, expected a size > 0 m", a,
                            io::format_double(size[a])));
      bo.size_m[a] = size[a];
    }
    if (b.contains("scheme")) {
      const std::string sc = rd.text(b["scheme"], "/block/scheme", "\"gauss\" or \"regular\"");
      if (const auto scheme = scheme_from_name(sc)) {
        bo.scheme = *scheme;
      } else {
        rd.fail("/block/scheme",
                fmt::format("block.scheme is \"{}\", expected \"gauss\" or \"regular\"", sc));
      }
    }
    if (b.contains("discretization")) {
      const auto n = rd.numbers(b["discretization"], "/block/discretization", 2, 3,
                                "[nx, ny(, nz)] whole numbers of points per axis");
      for (std::size_t a = 0; a < n.size(); ++a) {
        const int max_n = bo.scheme == BlockScheme::gauss ? 5 : 100;
        if (n[a] != std::floor(n[a]) || n[a] < 1 || n[a] > max_n)
          rd.fail(fmt::format("/block/discretization/{}", a),
                  fmt::format("block.discretization[{}] is {}, expected 1 to {} points ({})", a,
                              io::format_double(n[a]), max_n,
                              bo.scheme == BlockScheme::gauss ? "gauss" : "regular"));
        bo.discretization[a] = static_cast<int>(n[a]);
      }
    }
    o.block = bo;
  }
  return p;
}

}  // namespace lodeline::kriging
