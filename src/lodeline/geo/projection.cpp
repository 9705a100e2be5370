// SPDX-License-Identifier: Apache-2.0
// PROJ transformations, CRS facts, point factors, ECEF conversion and geodesics (PROJ's
// geodesic.h: C. F. F. Karney, "Algorithms for geodesics", J. Geodesy 87 (2013) 43-55).
#include "lodeline/geo/projection.hpp"

#include <fmt/format.h>
#include <geodesic.h>
#include <proj.h>

#include <cctype>
#include <cmath>
#include <numbers>

namespace lodeline::geo {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

std::string strip_remark(const std::string& text) {
  std::string s = text;
  const auto paren = s.find(" (");
  if (paren != std::string::npos && !s.empty() && s.back() == ')') s = s.substr(0, paren);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.erase(0, 1);
  return s;
}

// RAII for PJ_CONTEXT and PJ.
struct Context {
  PJ_CONTEXT* ctx = proj_context_create();
  Context() { proj_log_level(ctx, PJ_LOG_NONE); }
  ~Context() { proj_context_destroy(ctx); }
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;
};
struct PjDeleter {
  void operator()(PJ* p) const { proj_destroy(p); }
};
using PjPtr = std::unique_ptr<PJ, PjDeleter>;

[[noreturn]] void throw_unknown(const std::string& text, const InputLocation& where) {
  throw Error("crs.unknown",
              fmt::format("CRS '{}' is not known to PROJ, expected an EPSG code such as "
                          "'EPSG:32638', a WKT or a PROJ string",
                          text),
              where);
}

// The CRS object for `text`; a compound CRS gives its horizontal part.
PjPtr make_crs(PJ_CONTEXT* ctx, const std::string& text, const InputLocation& where) {
  const std::string s = strip_remark(text);
  if (s.empty()) throw_unknown(text, where);
  PjPtr crs(proj_create(ctx, s.c_str()));
  if (!crs || !proj_is_crs(crs.get())) throw_unknown(text, where);
  if (proj_get_type(crs.get()) == PJ_TYPE_COMPOUND_CRS) {
    PjPtr horizontal(proj_crs_get_sub_crs(ctx, crs.get(), 0));
    if (horizontal) return horizontal;
  }
  return crs;
}

CrsInfo describe(PJ_CONTEXT* ctx, PJ* crs, const std::string& text) {
  CrsInfo info;
  info.text = strip_remark(text);
  const char* name = proj_get_name(crs);
  info.name = name ? name : "unnamed CRS";
  const PJ_TYPE type = proj_get_type(crs);
  info.geographic = type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS;
  info.projected = type == PJ_TYPE_PROJECTED_CRS;
  const char* auth = proj_get_id_auth_name(crs, 0);
  const char* code = proj_get_id_code(crs, 0);
  if (auth && code && std::string(auth) == "EPSG") {
    info.epsg = fmt::format("EPSG:{}", code);
  } else {
    int* confidence = nullptr;
    PJ_OBJ_LIST* found = proj_identify(ctx, crs, "EPSG", nullptr, &confidence);
    if (found && proj_list_get_count(found) > 0 && confidence && confidence[0] == 100) {
      PjPtr best(proj_list_get(ctx, found, 0));
      const char* c = best ? proj_get_id_code(best.get(), 0) : nullptr;
      if (c) info.epsg = fmt::format("EPSG:{}", c);
    }
    proj_int_list_destroy(confidence);
    proj_list_destroy(found);
  }
  PjPtr datum(proj_crs_get_datum_forced(ctx, crs));
  if (datum && proj_get_name(datum.get())) info.datum = proj_get_name(datum.get());
  PjPtr ell(proj_get_ellipsoid(ctx, crs));
  if (ell) {
    double a = 0, b = 0, inv_f = 0;
    int computed = 0;
    if (proj_ellipsoid_get_parameters(ctx, ell.get(), &a, &b, &computed, &inv_f)) {
      info.ellipsoid.a_m = a;
      info.ellipsoid.f = inv_f > 0 ? 1.0 / inv_f : (a - b) / a;
    }
  }
  return info;
}

bool same_datum_pj(PJ_CONTEXT* ctx, PJ* a, PJ* b) {
  PjPtr da(proj_crs_get_datum_forced(ctx, a));
  PjPtr db(proj_crs_get_datum_forced(ctx, b));
  if (!da || !db) return false;
  return proj_is_equivalent_to_with_ctx(ctx, da.get(), db.get(), PJ_COMP_EQUIVALENT) != 0;
}

PJ_COORD coord(double x, double y) { return proj_coord(x, y, 0, 0); }

const char* kOperationExpected =
    "expected a PROJ coordinate operation: an operation code such as 'EPSG:1808' (candidates: "
    "projinfo -s SOURCE_CRS -t TARGET_CRS --summary), a PROJ pipeline string or the WKT of a "
    "coordinate operation";

// The coordinate operation named by `text`; crs.bad_transformation when it is none.
PjPtr make_operation(PJ_CONTEXT* ctx, const std::string& text, const InputLocation& where) {
  const std::string s = strip_remark(text);
  PjPtr op(s.empty() ? nullptr : proj_create(ctx, s.c_str()));
  // proj_create resolves "AUTH:CODE" as a CRS only: look such a code up as an operation.
  const auto colon = s.find(':');
  if (!op && colon != std::string::npos && colon > 0 && s.find(' ') == std::string::npos) {
    const std::string auth = s.substr(0, colon), code = s.substr(colon + 1);
    op.reset(proj_create_from_database(ctx, auth.c_str(), code.c_str(),
                                       PJ_CATEGORY_COORDINATE_OPERATION, 0, nullptr));
  }
  if (op && proj_is_crs(op.get())) {
    const char* name = proj_get_name(op.get());
    throw Error("crs.bad_transformation",
                fmt::format("transformation '{}' is a CRS ({}), not a coordinate operation, {}",
                            text, name ? name : "unnamed", kOperationExpected),
                where);
  }
  const PJ_TYPE type = op ? proj_get_type(op.get()) : PJ_TYPE_UNKNOWN;
  if (type != PJ_TYPE_CONVERSION && type != PJ_TYPE_TRANSFORMATION &&
      type != PJ_TYPE_CONCATENATED_OPERATION && type != PJ_TYPE_OTHER_COORDINATE_OPERATION)
    throw Error(
        "crs.bad_transformation",
        fmt::format("transformation '{}' is not known to PROJ as a coordinate operation, {}", text,
                    kOperationExpected),
        where);
  return op;
}

bool is_geographic(PJ* crs) {
  const PJ_TYPE t = proj_get_type(crs);
  return t == PJ_TYPE_GEOGRAPHIC_2D_CRS || t == PJ_TYPE_GEOGRAPHIC_3D_CRS;
}

}  // namespace

double Ellipsoid::meridian_radius_m(double lat_deg) const {
  const double s = std::sin(lat_deg * kDeg);
  const double w = 1 - e2() * s * s;
  return a_m * (1 - e2()) / (w * std::sqrt(w));
}

double Ellipsoid::prime_vertical_radius_m(double lat_deg) const {
  const double s = std::sin(lat_deg * kDeg);
  return a_m / std::sqrt(1 - e2() * s * s);
}

CrsInfo crs_info(const std::string& text, const InputLocation& where) {
  Context c;
  PjPtr crs = make_crs(c.ctx, text, where);
  return describe(c.ctx, crs.get(), text);
}

bool same_datum(const std::string& crs_a, const std::string& crs_b) {
  Context c;
  PjPtr a = make_crs(c.ctx, crs_a, {});
  PjPtr b = make_crs(c.ctx, crs_b, {});
  return same_datum_pj(c.ctx, a.get(), b.get());
}

std::string base_geographic_crs(const std::string& projected_crs) {
  Context c;
  PjPtr crs = make_crs(c.ctx, projected_crs, {});
  PjPtr base(proj_crs_get_geodetic_crs(c.ctx, crs.get()));
  if (!base) throw_unknown(projected_crs, {});
  const char* json = proj_as_projjson(c.ctx, base.get(), nullptr);
  if (!json) throw_unknown(projected_crs, {});
  return json;
}

struct GeographicProjection::Impl {
  Context context;
  PjPtr source_crs, target_crs;
  PjPtr forward_op;              // source -> target, lon/lat order
  PjPtr base_op;                 // target's base geographic -> target (for proj_factors' lon/lat)
  PjPtr conversion;              // the target's map projection (proj_factors on it: no DB look-up)
  PjPtr named_op;                // the named transformation (applied before forward_op), or null
  bool named_lat_first = false;  // named_op is a bare pipeline: latitude first, degrees
  std::string named_name;
  CrsInfo source, target;
  bool datum_shift = false;
  InputLocation where;

  // The named operation on lon/lat degrees (identity when none).
  PJ_COORD named(PJ_DIRECTION dir, PJ_COORD c) const {
    if (!named_op) return c;
    if (!named_lat_first) return proj_trans(named_op.get(), dir, c);
    const PJ_COORD r = proj_trans(named_op.get(), dir, coord(c.xy.y, c.xy.x));
    return coord(r.xy.y, r.xy.x);
  }

  /// The source CRS must be geographic, the target projected.
  void check_kinds(const ProjectionOptions& options) const {
    if (!source.geographic)
      throw Error("crs.not_geographic",
                  fmt::format("CRS '{}' ({}) is not geographic, expected latitude/longitude "
                              "degrees such as EPSG:4326 (WGS 84)",
                              source.text, source.name),
                  options.where);
    if (!target.projected)
      throw Error("crs.not_projected",
                  fmt::format("project CRS '{}' ({}) is not a projected CRS, expected easting/"
                              "northing metres such as EPSG:32638 (WGS 84 / UTM zone 38N) in {}",
                              target.text, target.name, options.crs_hint),
                  {});
  }

  /// Datums that differ need a datum shift allowed or a named transformation (kept then).
  void check_datums(PjPtr named, const ProjectionOptions& options) {
    PJ_CONTEXT* ctx = context.ctx;
    if (same_datum_pj(ctx, source_crs.get(), target_crs.get())) return;
    if (!options.allow_datum_shift && !named)
      throw Error("crs.datum_mismatch",
                  fmt::format("'{}' is on datum {} but the project CRS '{}' is on datum {}; a "
                              "datum shift of up to hundreds of metres would be applied, "
                              "expected the same datum{}{} or {}",
                              source.name, source.datum, target.name, target.datum,
                              options.transformation_hint.empty() ? "" : ", ",
                              options.transformation_hint, options.datum_shift_hint),
                  options.where);
    datum_shift = true;
    named_op = std::move(named);
  }

  /// PROJ's operation between two CRSs, normalised to lon/lat order.
  PjPtr make_op(PJ* from, PJ* to, const ProjectionOptions& options) const {
    PJ_CONTEXT* ctx = context.ctx;
    PjPtr raw(proj_create_crs_to_crs_from_pj(ctx, from, to, nullptr, nullptr));
    if (!raw)
      throw Error("crs.transform_failed",
                  fmt::format("PROJ has no transformation from '{}' to '{}': {}", source.name,
                              target.name, proj_errno_string(proj_context_errno(ctx))),
                  options.where);
    PjPtr norm(proj_normalize_for_visualization(ctx, raw.get()));
    return norm ? std::move(norm) : std::move(raw);
  }

  /// The named operation must lead from the fixes' datum to the project datum.
  void check_named_ends(PJ* from, PJ* to, const ProjectionOptions& options) const {
    PJ_CONTEXT* ctx = context.ctx;
    const auto crs_text = [&](PJ* crs) {
      const CrsInfo i = describe(ctx, crs, "");
      return fmt::format("'{}' (datum {})", i.name, i.datum);
    };
    if (!is_geographic(from) || !same_datum_pj(ctx, from, source_crs.get()))
      throw Error("crs.bad_transformation",
                  fmt::format("transformation '{}' ({}) starts from {} but the fixes are on "
                              "'{}' (datum {}), expected an operation from their geographic "
                              "CRS's datum",
                              options.transformation, named_name, crs_text(from), source.name,
                              source.datum),
                  options.where);
    if (!is_geographic(to) || !same_datum_pj(ctx, to, target_crs.get()))
      throw Error(
          "crs.bad_transformation",
          fmt::format("transformation '{}' ({}) leads to {} but the project CRS '{}' "
                      "is on datum {}, expected an operation to a geographic CRS on "
                      "the project CRS's datum",
                      options.transformation, named_name, crs_text(to), target.name, target.datum),
          options.where);
  }

  // A named operation from the fixes' datum to the project datum, then PROJ's operation from
  // its target CRS (a bare pipeline: the project CRS's base geographic CRS) to the project CRS.
  void set_named_forward_op(PJ* base, const ProjectionOptions& options) {
    PJ_CONTEXT* ctx = context.ctx;
    const char* op_name = proj_get_name(named_op.get());
    named_name = op_name ? op_name : "unnamed operation";
    PjPtr from(proj_get_source_crs(ctx, named_op.get()));
    PjPtr to(proj_get_target_crs(ctx, named_op.get()));
    if (from && to) {
      check_named_ends(from.get(), to.get(), options);
      PjPtr norm(proj_normalize_for_visualization(ctx, named_op.get()));
      if (norm) named_op = std::move(norm);
      forward_op = make_op(to.get(), target_crs.get(), options);
    } else {
      named_lat_first = true;
      forward_op = make_op(base, target_crs.get(), options);
    }
  }

  // The map projection alone, as a classic PROJ string (radians in, metres out): proj_factors
  // on the CRS object itself would build the conversion from the database on every call.
  void set_conversion() {
    PJ_CONTEXT* ctx = context.ctx;
    if (const char* ps = proj_as_proj_string(ctx, target_crs.get(), PJ_PROJ_5, nullptr)) {
      std::string text = ps;
      if (const auto at = text.find(" +type=crs"); at != std::string::npos) text.erase(at, 10);
      conversion.reset(proj_create(ctx, text.c_str()));
    }
  }
};

GeographicProjection::GeographicProjection(const std::string& geographic_crs,
                                           const std::string& projected_crs,
                                           const ProjectionOptions& options)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  PJ_CONTEXT* ctx = m.context.ctx;
  m.where = options.where;
  m.source_crs = make_crs(ctx, geographic_crs, options.where);
  m.target_crs = make_crs(ctx, projected_crs, {});
  m.source = describe(ctx, m.source_crs.get(), geographic_crs);
  m.target = describe(ctx, m.target_crs.get(), projected_crs);
  m.check_kinds(options);
  PjPtr named;
  if (!options.transformation.empty())
    named = make_operation(ctx, options.transformation, options.where);
  m.check_datums(std::move(named), options);
  PjPtr base(proj_crs_get_geodetic_crs(ctx, m.target_crs.get()));
  if (m.named_op)
    m.set_named_forward_op(base.get(), options);
  else
    m.forward_op = m.make_op(m.source_crs.get(), m.target_crs.get(), options);
  m.base_op = m.make_op(base.get(), m.target_crs.get(), options);
  m.set_conversion();
}

GeographicProjection::~GeographicProjection() = default;
GeographicProjection::GeographicProjection(GeographicProjection&&) noexcept = default;
GeographicProjection& GeographicProjection::operator=(GeographicProjection&&) noexcept = default;

const CrsInfo& GeographicProjection::source() const { return impl_->source; }
const CrsInfo& GeographicProjection::target() const { return impl_->target; }
bool GeographicProjection::datum_shift() const { return impl_->datum_shift; }

Point2 GeographicProjection::forward(LonLat p) const {
  proj_errno_reset(impl_->forward_op.get());
  const PJ_COORD r = proj_trans(impl_->forward_op.get(), PJ_FWD,
                                impl_->named(PJ_FWD, coord(p.lon_deg, p.lat_deg)));
  if (!std::isfinite(r.xy.x) || !std::isfinite(r.xy.y))
    throw Error("crs.transform_failed",
                fmt::format("point lon {} lat {} cannot be transformed from '{}' to '{}' "
                            "(outside the CRS's area of use or lon/lat swapped?)",
                            p.lon_deg, p.lat_deg, impl_->source.name, impl_->target.name),
                impl_->where);
  return {r.xy.x, r.xy.y};
}

LonLat GeographicProjection::inverse(Point2 p) const {
  const PJ_COORD r =
      impl_->named(PJ_INV, proj_trans(impl_->forward_op.get(), PJ_INV, coord(p.x, p.y)));
  if (!std::isfinite(r.xy.x) || !std::isfinite(r.xy.y))
    throw Error("crs.transform_failed",
                fmt::format("point E {} N {} cannot be transformed from '{}' to '{}'", p.x, p.y,
                            impl_->target.name, impl_->source.name),
                impl_->where);
  return {r.xy.x, r.xy.y};
}

PointFactors GeographicProjection::factors(LonLat p) const {
  PointFactors out;
  const Ellipsoid& ell = impl_->source.ellipsoid;
  const double dlat_deg = 1.0 / ell.meridian_radius_m(p.lat_deg) / kDeg;
  const double dlon_deg =
      1.0 / (ell.prime_vertical_radius_m(p.lat_deg) * std::cos(p.lat_deg * kDeg)) / kDeg;
  const Point2 ep = forward({p.lon_deg + dlon_deg, p.lat_deg});
  const Point2 em = forward({p.lon_deg - dlon_deg, p.lat_deg});
  const Point2 np = forward({p.lon_deg, p.lat_deg + dlat_deg});
  const Point2 nm = forward({p.lon_deg, p.lat_deg - dlat_deg});
  out.jacobian = {(ep.x - em.x) / 2, (np.x - nm.x) / 2, (ep.y - em.y) / 2, (np.y - nm.y) / 2};
  // proj_factors wants lon/lat (radians) in the projected CRS's own base geographic CRS.
  const Point2 en = forward(p);
  const PJ_COORD base = proj_trans(impl_->base_op.get(), PJ_INV, coord(en.x, en.y));
  const PJ_FACTORS f =
      proj_factors(impl_->conversion ? impl_->conversion.get() : impl_->target_crs.get(),
                   coord(base.xy.x * kDeg, base.xy.y * kDeg));
  if (std::isfinite(f.parallel_scale) && f.parallel_scale > 0) {
    out.meridional_scale = f.meridional_scale;
    out.parallel_scale = f.parallel_scale;
    out.convergence_deg = f.meridian_convergence / kDeg;
  }
  return out;
}

std::string GeographicProjection::last_operation() const {
  std::string out;
  PJ* op = proj_trans_get_last_used_operation(impl_->forward_op.get());
  if (!op) {
    const char* name = proj_get_name(impl_->forward_op.get());
    out = name ? name : "";
  } else {
    const char* name = proj_get_name(op);
    out = name ? name : "";
    proj_destroy(op);
  }
  if (impl_->named_op) return fmt::format("{}, then {}", impl_->named_name, out);
  return out;
}

std::vector<std::array<double, 3>> ecef_to_geodetic(const std::vector<std::array<double, 3>>& xyz) {
  Context c;
  PjPtr cart(proj_create(c.ctx, "+proj=cart +ellps=WGS84"));
  if (!cart) throw Error("internal.proj", "PROJ cannot create +proj=cart +ellps=WGS84");
  const bool radians = proj_angular_output(cart.get(), PJ_INV) != 0;
  std::vector<std::array<double, 3>> out;
  out.reserve(xyz.size());
  for (const auto& p : xyz) {
    const PJ_COORD r = proj_trans(cart.get(), PJ_INV, proj_coord(p[0], p[1], p[2], 0));
    const double k = radians ? 1 / kDeg : 1.0;
    out.push_back({r.lpz.lam * k, r.lpz.phi * k, r.lpz.z});
  }
  return out;
}

std::vector<LonLat> geodesic_points(const Ellipsoid& ellipsoid, LonLat a, LonLat b,
                                    double max_spacing_m) {
  geod_geodesic g;
  geod_init(&g, ellipsoid.a_m, ellipsoid.f);
  geod_geodesicline line;
  geod_inverseline(&line, &g, a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg, 0);
  const double length = line.s13;
  const auto n = static_cast<std::size_t>(
      std::max(1.0, std::ceil(length / std::max(max_spacing_m, 1e-9) - 1e-12)));
  std::vector<LonLat> out;
  out.reserve(n + 1);
  out.push_back(a);
  for (std::size_t i = 1; i < n; ++i) {
    double lat = 0, lon = 0;
    geod_position(&line, length * static_cast<double>(i) / static_cast<double>(n), &lat, &lon,
                  nullptr);
    out.push_back({lon, lat});
  }
  out.push_back(b);
  return out;
}

double geodesic_distance_m(const Ellipsoid& ellipsoid, LonLat a, LonLat b) {
  geod_geodesic g;
  geod_init(&g, ellipsoid.a_m, ellipsoid.f);
  double s12 = 0;
  geod_inverse(&g, a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg, &s12, nullptr, nullptr);
  return s12;
}

}  // namespace lodeline::geo
