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

/// The fixes that pass the quality filter; the others counted by reason in the pillar.
std::vector<const Fix*> quality_filter(Pillar& p, const std::vector<const Fix*>& fixes,
                                       const SurveyOptions& o) {
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
  return s;
}

/// Per-fix covariance in local metres: reported sd, else HDOP x UERE, else the assumed sd.
/// Fixes whose covariance is singular are rejected.
std::vector<Kept> with_covariance(Pillar& p, const std::vector<const Fix*>& fixes,
                                  const SurveyOptions& o) {
  std::vector<Kept> kept;
  for (const Fix* f : fixes) {
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
  return kept;
}

/// Local east/north metres about the coordinatewise median of the fixes.
struct LocalFrame {
  double lat0_deg = 0, lon0_deg = 0;
  double m_per_deg_n = 0, m_per_deg_e = 0;
};

LocalFrame local_frame(std::vector<Kept>& kept, const geo::Ellipsoid& ell) {
  std::vector<double> lats, lons;
  for (const auto& k : kept) {
    lats.push_back(k.fix->lat_deg);
    lons.push_back(k.fix->lon_deg);
  }
  LocalFrame f;
  f.lat0_deg = median(lats);
  f.lon0_deg = median(lons);
  f.m_per_deg_n = ell.meridian_radius_m(f.lat0_deg) * kDeg;
  f.m_per_deg_e = ell.prime_vertical_radius_m(f.lat0_deg) * std::cos(f.lat0_deg * kDeg) * kDeg;
  for (auto& k : kept) {
    k.e = wrap_deg(k.fix->lon_deg - f.lon0_deg) * f.m_per_deg_e;
    k.n = (k.fix->lat_deg - f.lat0_deg) * f.m_per_deg_n;
  }
  return f;
}

/// Hampel identifier per axis: a fix is an outlier when it lies farther from the median
/// than k times both the sample's robust sd and its own stated sd (so float solutions
/// among fixed ones, or a small sample's chance-small MAD, do not reject good fixes).
void reject_outliers(Pillar& p, std::vector<Kept>& kept, const SurveyOptions& o) {
  if (kept.size() < 3) return;
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

/// Information-weighted mean of the fixes, its covariance (scaled by the variance factor when
/// asked, plus the floor) and the pillar's latitude and longitude.
void weighted_mean(Pillar& p, const std::vector<Kept>& kept, const LocalFrame& frame,
                   const SurveyOptions& o) {
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
  p.lat_deg = frame.lat0_deg + mn / frame.m_per_deg_n;
  p.lon_deg = wrap_deg(frame.lon0_deg + me / frame.m_per_deg_e);
}

// Averages the fixes of one pillar in local east/north metres about their median.
void average(Pillar& p, const std::vector<const Fix*>& fixes, const SurveyOptions& o,
             const geo::Ellipsoid& ell, Diagnostics& diag) {
  p.n_fixes = fixes.size();
  std::vector<Kept> kept = with_covariance(p, quality_filter(p, fixes, o), o);
  if (kept.empty()) return;
  const LocalFrame frame = local_frame(kept, ell);
  reject_outliers(p, kept, o);
  weighted_mean(p, kept, frame, o);
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

using FileIndex = std::map<std::string, std::size_t>;  // file -> index in SurveyResult::files

/// One summary per fix file, in input order.
FileIndex summarise_files(const std::vector<Fix>& fixes, SurveyResult& result) {
  FileIndex file_index;
  for (const auto& f : fixes)
    if (file_index.emplace(f.file, result.files.size()).second) {
      FileSummary fs;
      fs.file = f.file;
      fs.format = f.format;
      result.files.push_back(fs);
    }
  for (const auto& f : fixes) ++result.files[file_index[f.file]].n_fixes;
  return file_index;
}

/// Sessions reassign fixes named after their file, by time.
void assign_sessions(std::vector<Fix>& fixes, const std::vector<Session>& sessions,
                     FileIndex& file_index, SurveyResult& result, Diagnostics& diagnostics) {
  std::vector<const Session*> sorted;
  sorted.reserve(sessions.size());
  for (const auto& s : sessions) sorted.push_back(&s);
  std::sort(sorted.begin(), sorted.end(),
            [](const Session* a, const Session* b) { return a->start_utc_s < b->start_utc_s; });
  ErrorList errors;
  std::set<std::string> reported;
  for (auto& f : fixes) {
    if (!f.pillar_from_file_stem) continue;
    if (!f.time_utc_s) {
      if (reported.insert(f.file).second)
        errors.add(Error("input.no_time",
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

/// The fixes of each pillar, pillars in input order.
struct PillarGroups {
  std::map<std::string, std::vector<const Fix*>> by_pillar;
  std::vector<std::string> names;
};

PillarGroups group_by_pillar(const std::vector<Fix>& fixes, FileIndex& file_index,
                             SurveyResult& result) {
  PillarGroups groups;
  for (const auto& f : fixes) {
    if (f.pillar.empty()) continue;
    auto [it, fresh] = groups.by_pillar.try_emplace(f.pillar);
    if (fresh) groups.names.push_back(f.pillar);
    it->second.push_back(&f);
    auto& fp = result.files[file_index[f.file]].pillars;
    if (std::find(fp.begin(), fp.end(), f.pillar) == fp.end()) fp.push_back(f.pillar);
  }
  return groups;
}

/// Every pillar of the order needs fixes; pillars with fixes but not in the order are unused.
void match_order(const PillarOrder& order, const PillarGroups& groups, SurveyResult& result,
                 Diagnostics& diagnostics) {
  ErrorList errors;
  for (std::size_t i = 0; i < order.names.size(); ++i)
    if (!groups.by_pillar.count(order.names[i]))
      errors.add(Error(
          "input.pillar_not_found",
          fmt::format("pillar '{}' has no fix in the {} input file{} (pillars found: {}), "
                      "expected fixes for it: a GPX waypoint <name>, a file named after it, a "
                      "sessions row or a CSV row",
                      order.names[i], result.files.size(), result.files.size() == 1 ? "" : "s",
                      groups.names.empty() ? std::string("none") : join_first(groups.names, 12)),
          order.locations[i]));
  errors.throw_if_any();
  const std::set<std::string> in_order(order.names.begin(), order.names.end());
  for (const auto& name : groups.names)
    if (!in_order.count(name)) {
      result.unused_pillars.push_back(name);
      diagnostics.warn("survey.pillar_not_in_order",
                       fmt::format("pillar '{}' has {} fixes but is not in the order file; it is "
                                   "not on the line",
                                   name, groups.by_pillar.at(name).size()),
                       {order.file});
    }
}

/// A pillar with its files and source CRS; throws crs.mixed_datums.
Pillar new_pillar(const std::string& name, const InputLocation& where,
                  const std::vector<const Fix*>& fx) {
  Pillar p;
  p.name = name;
  p.order_location = where;
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
  return p;
}

using Projections = std::map<std::string, geo::GeographicProjection>;  // by source CRS

const geo::GeographicProjection& projection_from(Projections& projections,
                                                 const std::string& source_crs,
                                                 const std::string& first_file,
                                                 const SurveyOptions& options) {
  auto it = projections.find(source_crs);
  if (it != projections.end()) return it->second;
  geo::ProjectionOptions po;
  po.allow_datum_shift = options.allow_datum_shift;
  po.datum_shift_hint = options.datum_shift_hint;
  po.transformation = options.transformation;
  po.transformation_hint = options.transformation_hint;
  po.crs_hint = options.crs_hint;
  po.where = InputLocation{first_file};
  return projections.emplace(source_crs, geo::GeographicProjection(source_crs, options.crs, po))
      .first->second;
}

/// The operation used from each source CRS, once; a datum shift is warned about.
void record_operation(const geo::GeographicProjection& proj, const Pillar& p,
                      const std::string& first_file, const geo::CrsInfo& target,
                      const SurveyOptions& options, SurveyResult& result,
                      Diagnostics& diagnostics) {
  if (result.operations.count(p.source_crs)) return;
  result.operations[p.source_crs] = proj.last_operation();
  if (!proj.datum_shift()) return;
  diagnostics.warn(
      "crs.datum_shift",
      fmt::format("fixes on '{}' are brought to '{}' by a datum transformation "
                  "({}) ({})",
                  proj.source().name, target.name, proj.last_operation(),
                  options.transformation.empty() ? "allowed by " + options.datum_shift_hint
                                                 : "named: '" + options.transformation + "'"),
      {first_file});
}

/// The pillar's scale factor, convergence and covariance in the project CRS (cov = J C J^T).
void set_projected_covariance(Pillar& p, const geo::PointFactors& pf) {
  std::copy(pf.jacobian.begin(), pf.jacobian.end(), p.jacobian);
  p.scale_factor = std::sqrt(pf.parallel_scale * pf.meridional_scale);
  p.convergence_deg = pf.convergence_deg;
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
}

/// Per pillar of the order: datum, average, projection.
void survey_pillars(const PillarOrder& order, const PillarGroups& groups,
                    const geo::CrsInfo& target, const SurveyOptions& options, SurveyResult& result,
                    Diagnostics& diagnostics) {
  Projections projections;
  ErrorList errors;
  for (std::size_t i = 0; i < order.names.size(); ++i) {
    const auto& fx = groups.by_pillar.at(order.names[i]);
    Pillar p = new_pillar(order.names[i], order.locations[i], fx);
    const std::string& first_file = fx.front()->file;
    const auto& proj = projection_from(projections, p.source_crs, first_file, options);
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
    record_operation(proj, p, first_file, target, options, result, diagnostics);
    set_projected_covariance(p, proj.factors({p.lon_deg, p.lat_deg}));
    result.line.pillars.push_back(std::move(p));
  }
  errors.throw_if_any();
}

/// The line through the ordered pillars: straight or geodesic segments, each geodesic's
/// points also kept as chord coordinates.
void build_line(SurveyedLine& L, const SurveyOptions& options) {
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

  FileIndex file_index = summarise_files(fixes, result);
  if (!sessions.empty()) assign_sessions(fixes, sessions, file_index, result, diagnostics);
  const PillarGroups groups = group_by_pillar(fixes, file_index, result);
  match_order(order, groups, result, diagnostics);
  survey_pillars(order, groups, target, options, result, diagnostics);
  build_line(result.line, options);
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
