// SPDX-License-Identifier: Apache-2.0
// Per-pillar quality filter, median/MAD outlier rejection (Hampel identifier: P. J. Rousseeuw
// and C. Croux, JASA 88 (1993) 1273-1283; P. J. Huber, Robust Statistics, 1981), weighted
// mean with its 2x2 covariance, PROJ projection with Jacobian propagation, and the line
// through the ordered pillars (geodesics: C. F. F. Karney, J. Geodesy 87 (2013) 43-55).
#include "lodeline/survey/survey.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <numbers>
#include <set>

#include "lodeline/geo/projection.hpp"

namespace lodeline::survey {
namespace {

constexpr double kDeg = std::numbers::pi / 180;
/// MAD -> sd of a normal distribution: 1 / Phi^-1(3/4).
constexpr double kMadToSd = 1.482602218505602;
/// Smallest per-fix sd (m): half the last digit RTKLIB prints (%8.4f), so a printed 0.0000
/// stays a finite weight.
constexpr double kMinFixSd = 5e-5;

struct Cov2 {
  double ee = 0, nn = 0, en = 0;
  [[nodiscard]] double det() const { return ee * nn - en * en; }
  [[nodiscard]] Cov2 inverse() const {
    const double d = det();
    return {nn / d, ee / d, -en / d};
  }
};

double median(std::vector<double> v) {
  const std::size_t n = v.size();
  std::sort(v.begin(), v.end());
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

bool better_than_single(FixQuality q) {
  return q == FixQuality::dgps || q == FixQuality::sbas || q == FixQuality::pps ||
         q == FixQuality::rtk_float || q == FixQuality::rtk_fixed || q == FixQuality::ppp;
}

double wrap_deg(double d) {
  while (d > 180) d -= 360;
  while (d < -180) d += 360;
  return d;
}

struct Kept {
  const Fix* fix = nullptr;
  double e = 0, n = 0;  // local metres from the origin
  Cov2 c;
  std::string sigma_source;
};

std::string join_first(const std::vector<std::string>& names, std::size_t limit) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < limit; ++i) out += (i ? ", " : "") + names[i];
  if (names.size() > limit) out += fmt::format(", ... ({} in all)", names.size());
  return out;
}

std::string reasons_text(const std::map<std::string, std::size_t>& reasons) {
  std::string out;
  for (const auto& [r, n] : reasons) out += fmt::format("{}{} {}", out.empty() ? "" : ", ", r, n);
  return out;
}

// Averages the fixes of one pillar in local east/north metres about their median.
void average(Pillar& p, const std::vector<const Fix*>& fixes, const SurveyOptions& o,
             const geo::Ellipsoid& ell, Diagnostics& diag) {
  p.n_fixes = fixes.size();
  std::vector<const Fix*> s;
  for (const Fix* f : fixes) {
    std::string reason;
    if (!f->reader_reject.empty()) {
      reason = f->reader_reject;
    } else if (std::find(o.reject_qualities.begin(), o.reject_qualities.end(), f->quality) !=
               o.reject_qualities.end()) {
      reason = std::string("quality_") + to_string(f->quality);
    } else if (o.min_satellites > 0 && f->satellites && *f->satellites < o.min_satellites) {
      reason = "too_few_satellites";
    }
    if (reason.empty())
      s.push_back(f);
    else
      ++p.rejected_by_reason[reason];
  }
  if (o.drop_single_when_better && std::any_of(s.begin(), s.end(), [](const Fix* f) {
        return better_than_single(f->quality);
      })) {
    std::vector<const Fix*> keep;
    for (const Fix* f : s)
      if (f->quality == FixQuality::single)
        ++p.rejected_by_reason["single_when_better"];
      else
        keep.push_back(f);
    s = std::move(keep);
  }
  // Per-fix covariance in local metres.
  std::vector<Kept> kept;
  for (const Fix* f : s) {
    Kept k;
    k.fix = f;
    if (f->sd_e_m && f->sd_n_m) {
      const double se = std::max(*f->sd_e_m, kMinFixSd), sn = std::max(*f->sd_n_m, kMinFixSd);
      k.c = {se * se, sn * sn, f->cov_en_m2.value_or(0.0)};
      k.sigma_source = "reported_sd";
    } else if (f->hdop) {
      const double sd = *f->hdop * o.uere_m / std::numbers::sqrt2;
      k.c = {sd * sd, sd * sd, 0};
      k.sigma_source = "hdop_x_uere";
    } else {
      k.c = {o.assumed_sd_m * o.assumed_sd_m, o.assumed_sd_m * o.assumed_sd_m, 0};
      k.sigma_source = "assumed_sd";
    }
    if (!(k.c.det() > 1e-12 * k.c.ee * k.c.nn)) {
      ++p.rejected_by_reason["singular_covariance"];
      continue;
    }
    kept.push_back(k);
  }
  if (kept.empty()) return;
  // Local frame about the coordinatewise median.
  std::vector<double> lats, lons;
  for (const auto& k : kept) {
    lats.push_back(k.fix->lat_deg);
    lons.push_back(k.fix->lon_deg);
  }
  const double lat0 = median(lats), lon0 = median(lons);
  const double m_per_deg_n = ell.meridian_radius_m(lat0) * kDeg;
  const double m_per_deg_e = ell.prime_vertical_radius_m(lat0) * std::cos(lat0 * kDeg) * kDeg;
  for (auto& k : kept) {
    k.e = wrap_deg(k.fix->lon_deg - lon0) * m_per_deg_e;
    k.n = (k.fix->lat_deg - lat0) * m_per_deg_n;
  }
  // Hampel identifier per axis: a fix is an outlier when it lies farther from the median
  // than k times both the sample's robust sd and its own stated sd (so float solutions
  // among fixed ones, or a small sample's chance-small MAD, do not reject good fixes).
  if (kept.size() >= 3) {
    std::vector<double> es, ns;
    for (const auto& k : kept) es.push_back(k.e), ns.push_back(k.n);
    const double me = median(es), mn = median(ns);
    std::vector<double> de, dn;
    for (const auto& k : kept) de.push_back(std::abs(k.e - me)), dn.push_back(std::abs(k.n - mn));
    const double se = std::max(kMadToSd * median(de), o.outlier_floor_m);
    const double sn = std::max(kMadToSd * median(dn), o.outlier_floor_m);
    std::vector<Kept> in;
    for (const auto& k : kept)
      if (std::abs(k.e - me) > o.outlier_k * std::max(se, std::sqrt(k.c.ee)) ||
          std::abs(k.n - mn) > o.outlier_k * std::max(sn, std::sqrt(k.c.nn)))
        ++p.rejected_by_reason["outlier"];
      else
        in.push_back(k);
    kept = std::move(in);
  }
  // Information-weighted mean.
  Cov2 info;
  double be = 0, bn = 0;
  for (const auto& k : kept) {
    const Cov2 w = k.c.inverse();
    info.ee += w.ee, info.nn += w.nn, info.en += w.en;
    be += w.ee * k.e + w.en * k.n;
    bn += w.en * k.e + w.nn * k.n;
    ++p.sigma_sources[k.sigma_source];
  }
  const Cov2 formal = info.inverse();
  const double me = formal.ee * be + formal.en * bn;
  const double mn = formal.en * be + formal.nn * bn;
  double chi2 = 0;
  for (const auto& k : kept) {
    const Cov2 w = k.c.inverse();
    const double re = k.e - me, rn = k.n - mn;
    chi2 += w.ee * re * re + 2 * w.en * re * rn + w.nn * rn * rn;
  }
  p.variance_factor = kept.size() >= 2 ? chi2 / (2.0 * static_cast<double>(kept.size()) - 2) : 1;
  const double scale = o.scale_by_variance_factor ? std::max(1.0, p.variance_factor) : 1.0;
  const double floor2 = o.sd_floor_m * o.sd_floor_m;
  p.local_cov_ee_m2 = formal.ee * scale + floor2;
  p.local_cov_nn_m2 = formal.nn * scale + floor2;
  p.local_cov_en_m2 = formal.en * scale;
  p.lat_deg = lat0 + mn / m_per_deg_n;
  p.lon_deg = wrap_deg(lon0 + me / m_per_deg_e);
  p.n_used = kept.size();
  if (std::all_of(kept.begin(), kept.end(), [](const Kept& k) { return k.fix->h_m.has_value(); })) {
    double h = 0;
    for (const auto& k : kept) h += *k.fix->h_m;
    p.h_m = h / static_cast<double>(kept.size());
  }
  if (p.sigma_sources.count("assumed_sd"))
    diag.warn("survey.assumed_sd",
              fmt::format("pillar '{}': {} fixes report neither a standard deviation nor an "
                          "HDOP; each was given sd {} m per axis (assumed_sd_m)",
                          p.name, p.sigma_sources["assumed_sd"], o.assumed_sd_m),
              p.order_location);
}

}  // namespace

Polyline line_from_pillars(const std::vector<Point2>& pillar_en, const SurveyedLine& layout) {
  if (pillar_en.size() != layout.pillars.size() ||
      layout.segment_shape.size() + 1 != layout.pillars.size())
    throw Error("internal.bad_argument",
                fmt::format("line_from_pillars got {} pillar positions for a line of {} pillars",
                            pillar_en.size(), layout.pillars.size()));
  Polyline out;
  out.reserve(layout.line.size());
  out.push_back(pillar_en.front());
  for (std::size_t i = 0; i + 1 < pillar_en.size(); ++i) {
    const Point2 a = pillar_en[i], b = pillar_en[i + 1];
    const double dx = b.x - a.x, dy = b.y - a.y;
    for (const auto& c : layout.segment_shape[i])
      out.push_back({a.x + c.t * dx - c.s * dy, a.y + c.t * dy + c.s * dx});
    out.push_back(b);
  }
  return out;
}

SurveyResult survey_fixes(std::vector<Fix> fixes, const PillarOrder& order,
                          const std::vector<Session>& sessions, const SurveyOptions& options,
                          Diagnostics& diagnostics) {
  options.validate();
  SurveyResult result;
  result.options = options;
  const geo::CrsInfo target = geo::crs_info(options.crs);
  if (!target.projected)
    throw Error("crs.not_projected",
                fmt::format("project CRS '{}' ({}) is not a projected CRS, expected easting/"
                            "northing metres such as EPSG:32638 (WGS 84 / UTM zone 38N) in {}",
                            target.text, target.name, options.crs_hint));
  result.crs_name = target.name;
  result.line.crs = target.text;
  result.line.max_spacing_m = options.max_spacing_m;

  // Files in input order.
  std::map<std::string, std::size_t> file_index;
  for (const auto& f : fixes)
    if (file_index.emplace(f.file, result.files.size()).second) {
      FileSummary fs;
      fs.file = f.file;
      fs.format = f.format;
      result.files.push_back(fs);
    }
  for (const auto& f : fixes) ++result.files[file_index[f.file]].n_fixes;

  // Sessions reassign fixes named after their file.
  if (!sessions.empty()) {
    std::vector<const Session*> sorted;
    for (const auto& s : sessions) sorted.push_back(&s);
    std::sort(sorted.begin(), sorted.end(),
              [](const Session* a, const Session* b) { return a->start_utc_s < b->start_utc_s; });
    ErrorList errors;
    std::set<std::string> reported;
    for (auto& f : fixes) {
      if (!f.pillar_from_file_stem) continue;
      if (!f.time_utc_s) {
        if (reported.insert(f.file).second)
          errors.add(
              Error("input.no_time",
                    fmt::format("fix has no UTC date and time ({}), but a sessions table "
                                "assigns fixes by time, expected timed fixes",
                                f.format == FixFormat::nmea ? "no RMC sentence gives the date"
                                                            : "no <time>"),
                    f.location));
        continue;
      }
      const double t = *f.time_utc_s;
      auto it = std::upper_bound(sorted.begin(), sorted.end(), t,
                                 [](double v, const Session* s) { return v < s->start_utc_s; });
      f.pillar.clear();
      if (it != sorted.begin() && t < (*(it - 1))->end_utc_s) f.pillar = (*(it - 1))->pillar;
      if (f.pillar.empty()) ++result.files[file_index[f.file]].n_unassigned;
    }
    errors.throw_if_any();
    for (const auto& fs : result.files)
      if (fs.n_unassigned)
        diagnostics.warn("survey.outside_sessions",
                         fmt::format("{} of {} fixes fall outside every session and are not "
                                     "used",
                                     fs.n_unassigned, fs.n_fixes),
                         {fs.file});
  }

  // Group by pillar, in input order.
  std::map<std::string, std::vector<const Fix*>> by_pillar;
  std::vector<std::string> pillar_names;
  for (const auto& f : fixes) {
    if (f.pillar.empty()) continue;
    auto [it, fresh] = by_pillar.try_emplace(f.pillar);
    if (fresh) pillar_names.push_back(f.pillar);
    it->second.push_back(&f);
    auto& fp = result.files[file_index[f.file]].pillars;
    if (std::find(fp.begin(), fp.end(), f.pillar) == fp.end()) fp.push_back(f.pillar);
  }
  {
    ErrorList errors;
    for (std::size_t i = 0; i < order.names.size(); ++i)
      if (!by_pillar.count(order.names[i]))
        errors.add(Error(
            "input.pillar_not_found",
            fmt::format("pillar '{}' has no fix in the {} input file{} (pillars found: {}), "
                        "expected fixes for it: a GPX waypoint <name>, a file named after it, a "
                        "sessions row or a CSV row",
                        order.names[i], result.files.size(), result.files.size() == 1 ? "" : "s",
                        pillar_names.empty() ? std::string("none") : join_first(pillar_names, 12)),
            order.locations[i]));
    errors.throw_if_any();
  }
  const std::set<std::string> in_order(order.names.begin(), order.names.end());
  for (const auto& name : pillar_names)
    if (!in_order.count(name)) {
      result.unused_pillars.push_back(name);
      diagnostics.warn("survey.pillar_not_in_order",
                       fmt::format("pillar '{}' has {} fixes but is not in the order file; it is "
                                   "not on the line",
                                   name, by_pillar[name].size()),
                       {order.file});
    }

  // Per pillar: datum, average, projection.
  std::map<std::string, geo::GeographicProjection> projections;
  ErrorList errors;
  for (std::size_t i = 0; i < order.names.size(); ++i) {
    Pillar p;
    p.name = order.names[i];
    p.order_location = order.locations[i];
    const auto& fx = by_pillar[p.name];
    for (const Fix* f : fx)
      if (std::find(p.files.begin(), p.files.end(), f->file) == p.files.end())
        p.files.push_back(f->file);
    p.source_crs = fx.front()->crs;
    for (const Fix* f : fx)
      if (f->crs != p.source_crs && !geo::same_datum(f->crs, p.source_crs))
        throw Error("crs.mixed_datums",
                    fmt::format("pillar '{}' has fixes on '{}' ({}) and on '{}' ({}), expected "
                                "the fixes of one pillar on one datum",
                                p.name, geo::crs_info(p.source_crs).name, fx.front()->file,
                                geo::crs_info(f->crs).name, f->file),
                    f->location);
    auto proj_it = projections.find(p.source_crs);
    if (proj_it == projections.end()) {
      geo::ProjectionOptions po;
      po.allow_datum_shift = options.allow_datum_shift;
      po.datum_shift_hint = options.datum_shift_hint;
      po.transformation = options.transformation;
      po.transformation_hint = options.transformation_hint;
      po.crs_hint = options.crs_hint;
      po.where = InputLocation{fx.front()->file};
      proj_it = projections
                    .emplace(p.source_crs, geo::GeographicProjection(p.source_crs, options.crs, po))
                    .first;
    }
    const geo::GeographicProjection& proj = proj_it->second;
    average(p, fx, options, proj.source().ellipsoid, diagnostics);
    p.n_rejected = p.n_fixes - p.n_used;
    if (p.n_used == 0) {
      errors.add(Error("input.pillar_no_valid_fix",
                       fmt::format("pillar '{}': all {} fixes were rejected ({}), expected at "
                                   "least one usable fix (see the quality options "
                                   "--reject-quality, --min-satellites)",
                                   p.name, p.n_fixes, reasons_text(p.rejected_by_reason)),
                       p.order_location));
      continue;
    }
    const Point2 en = proj.forward({p.lon_deg, p.lat_deg});
    p.e_m = en.x;
    p.n_m = en.y;
    if (proj.datum_shift() && !result.operations.count(p.source_crs)) {
      result.operations[p.source_crs] = proj.last_operation();
      diagnostics.warn(
          "crs.datum_shift",
          fmt::format("fixes on '{}' are brought to '{}' by a datum transformation "
                      "({}) ({})",
                      proj.source().name, target.name, proj.last_operation(),
                      options.transformation.empty() ? "allowed by " + options.datum_shift_hint
                                                     : "named: '" + options.transformation + "'"),
          {fx.front()->file});
    } else if (!result.operations.count(p.source_crs)) {
      result.operations[p.source_crs] = proj.last_operation();
    }
    const geo::PointFactors pf = proj.factors({p.lon_deg, p.lat_deg});
    std::copy(pf.jacobian.begin(), pf.jacobian.end(), p.jacobian);
    p.scale_factor = std::sqrt(pf.parallel_scale * pf.meridional_scale);
    p.convergence_deg = pf.convergence_deg;
    // cov = J C J^T
    const double* J = p.jacobian;
    const double C[2][2] = {{p.local_cov_ee_m2, p.local_cov_en_m2},
                            {p.local_cov_en_m2, p.local_cov_nn_m2}};
    double R[2][2] = {};
    for (int r = 0; r < 2; ++r)
      for (int c = 0; c < 2; ++c)
        for (int a = 0; a < 2; ++a)
          for (int b = 0; b < 2; ++b) R[r][c] += J[r * 2 + a] * C[a][b] * J[c * 2 + b];
    p.cov_ee_m2 = R[0][0];
    p.cov_nn_m2 = R[1][1];
    p.cov_en_m2 = 0.5 * (R[0][1] + R[1][0]);
    result.line.pillars.push_back(std::move(p));
  }
  errors.throw_if_any();

  // The line.
  SurveyedLine& L = result.line;
  const auto& P = L.pillars;
  std::optional<geo::GeographicProjection> base;
  if (options.segments == SegmentType::geodesic)
    base.emplace(geo::base_geographic_crs(options.crs), options.crs);
  L.line.push_back(P.front().en());
  L.pillar_vertex.push_back(0);
  for (std::size_t i = 0; i + 1 < P.size(); ++i) {
    const Point2 a = P[i].en(), b = P[i + 1].en();
    const double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
    if (!(len2 > 1e-12))
      throw Error("geometry.degenerate_segment",
                  fmt::format("pillars '{}' and '{}' are at the same position ({} m apart), "
                              "expected distinct consecutive pillars",
                              P[i].name, P[i + 1].name, std::sqrt(len2)),
                  P[i + 1].order_location);
    L.segment_type.push_back(options.segments);
    std::vector<ChordPoint> shape;
    if (base) {
      const auto pts = geo::geodesic_points(base->target().ellipsoid, base->inverse(a),
                                            base->inverse(b), options.max_spacing_m);
      for (std::size_t k = 1; k + 1 < pts.size(); ++k) {
        const Point2 q = base->forward(pts[k]);
        const double qx = q.x - a.x, qy = q.y - a.y;
        shape.push_back({(qx * dx + qy * dy) / len2, (qy * dx - qx * dy) / len2});
        L.line.push_back(q);
      }
    }
    L.segment_shape.push_back(std::move(shape));
    L.line.push_back(b);
    L.pillar_vertex.push_back(L.line.size() - 1);
  }
  return result;
}

SurveyResult run_survey(const SurveyInputs& inputs, const SurveyOptions& options,
                        Diagnostics& diagnostics) {
  options.validate();
  if (inputs.fix_files.empty())
    throw Error("input.missing_option", "no fix files given, expected one or more --fixes FILE");
  geo::crs_info(options.crs);  // crs.unknown before reading anything
  const PillarOrder order = read_order(inputs.order_file);
  std::vector<Fix> fixes;
  for (const auto& path : inputs.fix_files) {
    auto f = read_fix_file(path, options);
    fixes.insert(fixes.end(), std::make_move_iterator(f.begin()), std::make_move_iterator(f.end()));
  }
  std::vector<Session> sessions;
  if (!inputs.sessions_file.empty()) sessions = read_sessions(inputs.sessions_file);
  return survey_fixes(std::move(fixes), order, sessions, options, diagnostics);
}

}  // namespace lodeline::survey
