// SPDX-License-Identifier: Apache-2.0
// Variogram models: shapes, GSLIB/gstat rotation, validation, JSON and the prepared covariance.
//
// Rotation matrix: Deutsch & Journel (1998) GSLIB, setrot; identical to gstat's (Pebesma 2004)
// for anis = c(p,q,r,s,t). Structure shapes: Journel & Huijbregts (1978), ch. II.
#include "lodeline/variogram/model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>
#include <numbers>

#include "lodeline/io/json_file.hpp"
#include "lodeline/io/text_file.hpp"

namespace lodeline::variogram {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// ---- validation and JSON reading ------------------------------------------------------------

[[noreturn]] void fail(const io::JsonLocator& locate, const std::string& pointer,
                       const std::string& message, const char* code = "input.bad_variogram") {
  throw Error(code, message, locate ? locate(pointer) : InputLocation{});
}

std::string num(double v) { return io::format_double(v); }

constexpr const char* kAngleNames[3] = {"ang1 (azimuth of the major axis)",
                                        "ang2 (dip of the major axis, negative down)",
                                        "ang3 (rake about the major axis)"};

double read_number(const nlohmann::json& v, const io::JsonLocator& locate, const std::string& ptr,
                   const char* expected) {
  if (!v.is_number())
    fail(locate, ptr, fmt::format("{} is {}, expected {}", pointer_text(ptr), v.dump(), expected));
  const double d = v.get<double>();
  if (!std::isfinite(d))
    fail(locate, ptr, fmt::format("{} is {}, expected {}", pointer_text(ptr), v.dump(), expected));
  return d;
}

std::array<double, 3> read_triple(const nlohmann::json& v, const io::JsonLocator& locate,
                                  const std::string& ptr, const char* what, bool fill_repeat,
                                  double fill) {
  std::array<double, 3> out{fill, fill, fill};
  if (v.is_number()) {
    out[0] = read_number(v, locate, ptr, what);
    if (fill_repeat) out[1] = out[2] = out[0];
    return out;
  }
  if (!v.is_array() || v.empty() || v.size() > 3 || v.size() == 2)
    fail(locate, ptr,
         fmt::format("{} is {}, expected one number or an array of 1 or 3 numbers ({})",
                     pointer_text(ptr), v.dump(), what));
  for (std::size_t i = 0; i < v.size(); ++i)
    out[i] = read_number(v[i], locate, fmt::format("{}/{}", ptr, i), what);
  if (v.size() == 1 && fill_repeat) out[1] = out[2] = out[0];
  return out;
}

}  // namespace

std::string_view to_string(StructureType type) {
  switch (type) {
    case StructureType::spherical:
      return "spherical";
    case StructureType::exponential:
      return "exponential";
    case StructureType::gaussian:
      return "gaussian";
  }
  return "spherical";
}

std::optional<StructureType> structure_type_from_string(std::string_view name) {
  const std::string n = lower(name);
  if (n == "spherical" || n == "sph") return StructureType::spherical;
  if (n == "exponential" || n == "exp") return StructureType::exponential;
  if (n == "gaussian" || n == "gau") return StructureType::gaussian;
  return std::nullopt;
}

double unit_variogram(StructureType type, double u) {
  switch (type) {
    case StructureType::spherical:
      return u >= 1.0 ? 1.0 : u * (1.5 - 0.5 * u * u);
    case StructureType::exponential:
      return 1.0 - std::exp(-u);
    case StructureType::gaussian:
      return 1.0 - std::exp(-u * u);
  }
  return 1.0;
}

double VariogramModel::total_sill() const {
  double s = nugget;
  for (const auto& st : structures) s += st.sill;
  return s;
}

namespace {
double reduced_norm(const Matrix3& a, const std::array<double, 3>& h) {
  const double u0 = a[0][0] * h[0] + a[0][1] * h[1] + a[0][2] * h[2];
  const double u1 = a[1][0] * h[0] + a[1][1] * h[1] + a[1][2] * h[2];
  const double u2 = a[2][0] * h[0] + a[2][1] * h[1] + a[2][2] * h[2];
  return std::sqrt(u0 * u0 + u1 * u1 + u2 * u2);
}
}  // namespace

double VariogramModel::gamma(const std::array<double, 3>& h_m) const {
  if (h_m[0] == 0 && h_m[1] == 0 && h_m[2] == 0) return 0.0;
  double g = nugget;
  for (const auto& s : structures)
    g += s.sill * unit_variogram(s.type, reduced_norm(reduced_distance_matrix(s), h_m));
  return g;
}

double VariogramModel::covariance(const std::array<double, 3>& h_m) const {
  return total_sill() - gamma(h_m);
}

GstatAnis to_gstat_anis(const Structure& s) {
  auto wrap = [](double a) { return a < 0 ? a + 360.0 : a; };
  return {s.angles_deg[0], wrap(s.angles_deg[1]), wrap(s.angles_deg[2]),
          s.ranges_m[1] / s.ranges_m[0], s.ranges_m[2] / s.ranges_m[0]};
}

Matrix3 gstat_matrix(const GstatAnis& anis) {
  constexpr double deg = std::numbers::pi / 180.0;
  const double alpha =
      (anis.p >= 0 && anis.p < 270) ? (90.0 - anis.p) * deg : (450.0 - anis.p) * deg;
  const double beta = -anis.q * deg;
  const double theta = anis.r * deg;
  const double ca = std::cos(alpha), sa = std::sin(alpha);
  const double cb = std::cos(beta), sb = std::sin(beta);
  const double ct = std::cos(theta), st = std::sin(theta);
  Matrix3 m{};
  m[0] = {cb * ca, cb * sa, -sb};
  m[1] = {(-ct * sa + st * sb * ca) / anis.s, (ct * ca + st * sb * sa) / anis.s, st * cb / anis.s};
  m[2] = {(st * sa + ct * sb * ca) / anis.t, (-st * ca + ct * sb * sa) / anis.t, ct * cb / anis.t};
  return m;
}

Matrix3 reduced_distance_matrix(const Structure& s) {
  Matrix3 m = gstat_matrix(to_gstat_anis(s));
  for (auto& row : m)
    for (double& v : row) v /= s.ranges_m[0];
  return m;
}

std::string pointer_text(const std::string& json_pointer) {
  std::string out;
  for (const auto& tok : io::json_pointer_tokens(json_pointer)) {
    const bool index = !tok.empty() && std::all_of(tok.begin(), tok.end(),
                                                   [](char c) { return c >= '0' && c <= '9'; });
    if (index) {
      out += "[" + tok + "]";
    } else {
      if (!out.empty()) out += ".";
      out += tok;
    }
  }
  return out.empty() ? std::string("the variogram") : out;
}

void validate(const VariogramModel& model, const io::JsonLocator& locate,
              const std::string& pointer) {
  if (!std::isfinite(model.nugget) || model.nugget < 0)
    fail(locate, pointer + "/nugget",
         fmt::format("{} is {}, expected a nugget >= 0", pointer_text(pointer + "/nugget"),
                     num(model.nugget)));
  for (std::size_t i = 0; i < model.structures.size(); ++i) {
    const auto& s = model.structures[i];
    const std::string sp = fmt::format("{}/structures/{}", pointer, i);
    if (!std::isfinite(s.sill) || s.sill < 0)
      fail(locate, sp + "/sill",
           fmt::format("{} is {}, expected a partial sill >= 0", pointer_text(sp + "/sill"),
                       num(s.sill)));
    for (std::size_t a = 0; a < 3; ++a) {
      const std::string rp = fmt::format("{}/ranges/{}", sp, a);
      if (!std::isfinite(s.ranges_m[a]) || s.ranges_m[a] <= 0)
        fail(locate, rp,
             fmt::format("{} is {}, expected a range > 0 m ({})", pointer_text(rp),
                         num(s.ranges_m[a]), a == 0 ? "major" : (a == 1 ? "semi-major" : "minor")));
    }
    for (std::size_t a = 0; a < 3; ++a) {
      const double v = s.angles_deg[a];
      const bool ok = std::isfinite(v) && (a == 0 ? (v >= 0 && v < 360) : (v >= -90 && v <= 90));
      if (!ok) {
        const std::string ap = fmt::format("{}/angles/{}", sp, a);
        fail(locate, ap,
             fmt::format("{} is {}, expected {} in {}", pointer_text(ap), num(v), kAngleNames[a],
                         a == 0 ? "[0, 360) degrees" : "[-90, 90] degrees"));
      }
    }
  }
  const double total = model.total_sill();
  if (!(total > 0))
    fail(locate, pointer,
         fmt::format("{} has total sill {} (nugget + partial sills), expected > 0",
                     pointer_text(pointer), num(total)));
}

VariogramModel model_from_json(const nlohmann::json& doc, const io::JsonLocator& locate,
                               const std::string& pointer) {
  if (!doc.is_object())
    fail(locate, pointer,
         fmt::format("{} is {}, expected an object {{\"nugget\": c0, \"structures\": [...]}}",
                     pointer_text(pointer), doc.dump()));
  VariogramModel m;
  for (const auto& [key, value] : doc.items()) {
    const std::string kp = fmt::format("{}/{}", pointer, key);
    if (key == "nugget") {
      m.nugget = read_number(value, locate, kp, "a nugget >= 0");
    } else if (key == "structures") {
      if (!value.is_array())
        fail(locate, kp,
             fmt::format("{} is {}, expected an array of structures", pointer_text(kp),
                         value.dump()));
      for (std::size_t i = 0; i < value.size(); ++i) {
        const auto& js = value[i];
        const std::string sp = fmt::format("{}/{}", kp, i);
        if (!js.is_object())
          fail(locate, sp,
               fmt::format("{} is {}, expected an object {{\"type\", \"sill\", \"ranges\", "
                           "\"angles\"}}",
                           pointer_text(sp), js.dump()));
        Structure s;
        bool has_type = false, has_sill = false, has_ranges = false;
        for (const auto& [k, v] : js.items()) {
          const std::string p = fmt::format("{}/{}", sp, k);
          if (k == "type") {
            const auto t =
                v.is_string() ? structure_type_from_string(v.get<std::string>()) : std::nullopt;
            if (!t)
              fail(locate, p,
                   fmt::format("{} is {}, expected \"spherical\", \"exponential\" or \"gaussian\"",
                               pointer_text(p), v.dump()));
            s.type = *t;
            has_type = true;
          } else if (k == "sill") {
            s.sill = read_number(v, locate, p, "a partial sill >= 0");
            has_sill = true;
          } else if (k == "ranges") {
            s.ranges_m =
                read_triple(v, locate, p, "ranges in m: major, semi-major, minor", true, 0.0);
            has_ranges = true;
          } else if (k == "angles") {
            s.angles_deg =
                read_triple(v, locate, p, "GSLIB angles ang1, ang2, ang3 in degrees", false, 0.0);
          } else {
            fail(locate, p,
                 fmt::format("unknown key '{}' in {}, expected type, sill, ranges, angles", k,
                             pointer_text(sp)),
                 "input.unknown_key");
          }
        }
        const char* missing =
            !has_type ? "type" : (!has_sill ? "sill" : (!has_ranges ? "ranges" : nullptr));
        if (missing) fail(locate, sp, fmt::format("{} has no '{}'", pointer_text(sp), missing));
        m.structures.push_back(s);
      }
    } else {
      fail(locate, kp,
           fmt::format("unknown key '{}' in {}, expected nugget, structures", key,
                       pointer_text(pointer)),
           "input.unknown_key");
    }
  }
  if (!doc.contains("structures") && !doc.contains("nugget"))
    fail(locate, pointer,
         fmt::format("{} has neither 'nugget' nor 'structures'", pointer_text(pointer)));
  validate(m, locate, pointer);
  return m;
}

nlohmann::json to_json(const VariogramModel& model) {
  nlohmann::json out;
  out["nugget"] = model.nugget;
  out["structures"] = nlohmann::json::array();
  for (const auto& s : model.structures)
    out["structures"].push_back({{"type", std::string(to_string(s.type))},
                                 {"sill", s.sill},
                                 {"ranges", s.ranges_m},
                                 {"angles", s.angles_deg}});
  return out;
}

PreparedModel::PreparedModel(const VariogramModel& model) : model_(model) {
  validate(model_);
  sill_ = model_.total_sill();
  for (const auto& s : model_.structures) matrices_.push_back(reduced_distance_matrix(s));
}

double PreparedModel::structured_covariance(double dx, double dy, double dz) const {
  double c = 0;
  for (std::size_t i = 0; i < matrices_.size(); ++i) {
    const Matrix3& a = matrices_[i];
    const double u0 = a[0][0] * dx + a[0][1] * dy + a[0][2] * dz;
    const double u1 = a[1][0] * dx + a[1][1] * dy + a[1][2] * dz;
    const double u2 = a[2][0] * dx + a[2][1] * dy + a[2][2] * dz;
    const double u = std::sqrt(u0 * u0 + u1 * u1 + u2 * u2);
    const auto& s = model_.structures[i];
    c += s.sill * (1.0 - unit_variogram(s.type, u));
  }
  return c;
}

VariogramModel read_model_file(const std::string& path) {
  const std::string text = io::read_text(path);
  return model_from_json(io::parse_json(text, path), io::json_text_locator(text, path));
}

}  // namespace lodeline::variogram
