// SPDX-License-Identifier: Apache-2.0
// GPS survey: fixes -> quality filter -> robust per-pillar position and covariance -> project
// CRS -> the line through the ordered pillars (straight or geodesic segments).
//
// Methods (docs/survey.md):
//  - outliers: median / MAD per local axis (Hampel identifier; P. J. Rousseeuw and C. Croux,
//    "Alternatives to the median absolute deviation", JASA 88 (1993) 1273-1283; P. J. Huber,
//    Robust Statistics, Wiley 1981): robust sd s = max(1.4826 * MAD, outlier_floor_m); a fix
//    farther than k * max(s, its own stated sd) from the median in local east or north metres
//    is rejected;
//  - mean: information-weighted mean of the kept fixes with their 2x2 covariances C_i
//    (mean = (sum C_i^-1)^-1 sum C_i^-1 x_i, cov = (sum C_i^-1)^-1), optionally scaled by the
//    a-posteriori variance factor when the scatter exceeds the stated sigmas;
//  - projection: PROJ; the local east/north covariance is propagated with the Jacobian of the
//    projection (for UTM: the point scale factor k ~ 0.9996-1.0004 times a rotation by the
//    meridian convergence);
//  - geodesic segments: C. F. F. Karney, "Algorithms for geodesics", J. Geodesy 87 (2013) 43-55
//    (PROJ's geod_* functions).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lodeline/core/diagnostics.hpp"
#include "lodeline/core/error.hpp"
#include "lodeline/core/geometry.hpp"

namespace lodeline::survey {

/// The file formats fixes are read from.
enum class FixFormat { gpx, nmea, rtklib_pos, csv };
/// "gpx", "nmea", "pos", "csv".
const char* to_string(FixFormat format);
/// From the file extension: .gpx; .nmea/.nma/.log/.txt (NMEA 0183); .pos (RTKLIB); .csv.
/// Throws input.unknown_format naming the extensions expected.
FixFormat format_from_path(const std::string& path);

/// Solution quality on one scale for every format (the original code is kept in Fix).
/// NMEA GGA: 0 invalid, 1 single, 2 dgps, 3 pps, 4 rtk_fixed, 5 rtk_float, 6 estimated,
/// 7 manual, 8 simulated. RTKLIB Q: 1 rtk_fixed, 2 rtk_float, 3 sbas, 4 dgps, 5 single, 6 ppp.
/// GPX <fix>: none -> invalid, 2d/3d -> single, dgps, pps; no <fix> -> unknown.
/// CSV rows are `given` (coordinates stated by the file, e.g. a pillar list).
enum class FixQuality {
  invalid,
  single,
  dgps,
  sbas,
  pps,
  rtk_float,
  rtk_fixed,
  ppp,
  estimated,
  manual,
  simulated,
  unknown,
  given
};
const char* to_string(FixQuality quality);
/// Parses the names of to_string(FixQuality); nullopt when unknown.
std::optional<FixQuality> quality_from_string(const std::string& text);

/// One position fix as read, in the geographic CRS `crs` of its file (WGS 84 for GPS
/// formats, SurveyOptions::csv_crs for CSV).
struct Fix {
  std::string pillar;  ///< pillar it belongs to ("" until assigned)
  /// The pillar is the file name stem (NMEA, .pos, GPX track/route points): a sessions
  /// table, when given, reassigns such fixes by time.
  bool pillar_from_file_stem = false;
  std::string file;        ///< path as given
  InputLocation location;  ///< file:line(:col) of the fix (GPX: of its <wpt>/<trkpt>/<rtept>)
  FixFormat format = FixFormat::csv;
  std::string crs = "EPSG:4326";
  double lat_deg = 0;
  double lon_deg = 0;
  std::optional<double> h_m;          ///< ellipsoidal height
  std::optional<double> alt_msl_m;    ///< NMEA GGA altitude above mean sea level
  std::optional<double> geoid_sep_m;  ///< NMEA GGA geoid separation
  std::optional<double> time_utc_s;   ///< seconds since 1970-01-01T00:00:00Z (UTC)
  FixQuality quality = FixQuality::unknown;
  std::string quality_code;  ///< as written: "4" (GGA), "1" (RTKLIB Q), "3d" (GPX)
  std::optional<int> satellites;
  std::optional<double> hdop, vdop, pdop;
  /// Reported 1-sigma in local east/north metres and their covariance (RTKLIB sde/sdn/sdne,
  /// CSV sd_e_m/sd_n_m/cov_en_m2); absent for NMEA/GPX (HDOP x UERE is used instead).
  std::optional<double> sd_e_m, sd_n_m, cov_en_m2;
  /// A reason the reader already knows the fix is unusable ("rmc_void": RMC status V at that
  /// epoch); it is counted as a rejection, never dropped silently.
  std::string reader_reject;
};

/// How the segment between two consecutive pillars is drawn.
enum class SegmentType {
  straight,  ///< straight in the projected plane of the project CRS
  geodesic   ///< geodesic on the project CRS's ellipsoid, densified at max_spacing_m
};
const char* to_string(SegmentType type);  ///< "straight", "geodesic"

struct SurveyOptions {
  std::string crs;                    ///< project CRS (projected): EPSG code, WKT or PROJ
  std::string csv_crs = "EPSG:4326";  ///< geographic CRS of CSV lat/lon columns
  /// Allow a datum transformation (e.g. Pulkovo 1942 CSV -> WGS 84 UTM); refused by default
  /// with crs.datum_mismatch. The operation PROJ uses is recorded in the result.
  bool allow_datum_shift = false;
  /// A named PROJ coordinate operation for fixes on another datum than the project CRS (implies
  /// permission): an operation code ("EPSG:1808", Pulkovo 1942 to WGS 84 (14)), the WKT of a
  /// coordinate operation, or a PROJ pipeline string (latitude first, degrees, as `projinfo -o
  /// PROJ` prints it) to the project CRS's geographic CRS. See geo::ProjectionOptions.
  std::string transformation;
  SegmentType segments = SegmentType::geodesic;
  double max_spacing_m = 50.0;  ///< geodesic densification: max chord length
  double uere_m = 3.0;          ///< user equivalent range error for HDOP weighting:
                                ///< sigma_e = sigma_n = HDOP * uere_m / sqrt(2)
  /// 1-sigma per axis for a fix with neither a reported sigma nor an HDOP (GPX waypoints
  /// without <hdop>); its use is reported per pillar and warned (survey.assumed_sd).
  double assumed_sd_m = 5.0;
  double outlier_k = 3.5;         ///< reject beyond k * max(robust sd, fix sd) from the median
  double outlier_floor_m = 0.02;  ///< lower bound of the robust sd (quantised fixes)
  /// Qualities refused outright (counted per reason "quality_<name>").
  std::vector<FixQuality> reject_qualities = {FixQuality::invalid, FixQuality::estimated,
                                              FixQuality::manual, FixQuality::simulated};
  /// Drop single (autonomous) solutions of a pillar that also has better ones (dgps, sbas,
  /// pps, rtk_float, rtk_fixed, ppp) — reason "single_when_better".
  bool drop_single_when_better = true;
  int min_satellites = 4;          ///< fixes reporting fewer are refused (0 = off)
  double gpst_minus_utc_s = 18.0;  ///< RTKLIB GPST -> UTC (leap seconds since 2017)
  /// Scale the formal covariance of the mean by max(1, a-posteriori variance factor).
  bool scale_by_variance_factor = true;
  /// Added in quadrature to each axis of the mean's sd (centring/antenna, correlated epochs).
  double sd_floor_m = 0.0;
  /// How the caller's user sets the CRS / grants a datum shift (for messages).
  std::string crs_hint = "--crs";
  std::string datum_shift_hint = "--allow-datum-shift";
  std::string transformation_hint = "--transformation <PROJ operation>";

  /// Throws input.bad_option naming the field and the range expected; without `require_crs`
  /// an empty crs is accepted (a project file sets it when the project runs).
  void validate(bool require_crs = true) const;
};

/// A surveyed turning point: the robust mean of its fixes, in the project CRS.
struct Pillar {
  std::string name;
  InputLocation order_location;     ///< its line in ORDER.txt
  double lon_deg = 0, lat_deg = 0;  ///< mean position in its source geographic CRS
  std::optional<double> h_m;        ///< weighted mean ellipsoidal height when known
  std::string source_crs;           ///< geographic CRS of its fixes ("EPSG:4326")
  double e_m = 0, n_m = 0;          ///< project CRS easting / northing
  /// Covariance of the mean in the project CRS axes (m^2).
  double cov_ee_m2 = 0, cov_nn_m2 = 0, cov_en_m2 = 0;
  /// The same in local east/north metres on the ellipsoid, before the Jacobian.
  double local_cov_ee_m2 = 0, local_cov_nn_m2 = 0, local_cov_en_m2 = 0;
  /// d(E,N)/d(east_m,north_m) at the pillar (row-major 2x2), point scale k and meridian
  /// convergence (degrees) from PROJ's factors.
  double jacobian[4] = {1, 0, 0, 1};
  double scale_factor = 1;
  double convergence_deg = 0;
  double variance_factor = 1;  ///< a-posteriori sigma0^2 (1 when n_used < 2)
  std::size_t n_fixes = 0;     ///< fixes assigned to this pillar
  std::size_t n_used = 0;
  std::size_t n_rejected = 0;  ///< n_fixes - n_used
  std::map<std::string, std::size_t> rejected_by_reason;
  /// Where the weights came from, with counts: "reported_sd", "hdop_x_uere", "assumed_sd".
  std::map<std::string, std::size_t> sigma_sources;
  std::vector<std::string> files;  ///< files its fixes came from, in input order

  [[nodiscard]] double sd_e_m() const;
  [[nodiscard]] double sd_n_m() const;
  [[nodiscard]] Point2 en() const { return {e_m, n_m}; }
};

/// One point of a segment's densified shape in the frame of its chord: the point is
/// A + t (B - A) + s perp(B - A), perp rotating by +90 degrees (A, B the segment's pillars).
struct ChordPoint {
  double t = 0;
  double s = 0;
};

/// The ordered pillars and the line through them.
struct SurveyedLine {
  std::string crs;                        ///< project CRS as given (canonical)
  std::vector<Pillar> pillars;            ///< in the order of ORDER.txt
  std::vector<SegmentType> segment_type;  ///< pillars.size() - 1 entries
  double max_spacing_m = 0;
  Polyline line;                           ///< densified line in the project CRS
  std::vector<std::size_t> pillar_vertex;  ///< index in `line` of each pillar
  /// Interior points of each segment (empty for straight ones), in chord coordinates, so
  /// line_from_pillars can redraw the line for moved pillars without PROJ.
  std::vector<std::vector<ChordPoint>> segment_shape;
};

/// Rebuilds the (densified) line for pillar positions `pillar_en` (project CRS, one per
/// pillar of `layout`, same order), e.g. perturbed by their covariances in a Monte Carlo
/// run. Each segment's interior points keep their chord coordinates (t, s): exact for
/// straight segments; for geodesic segments the error is of order sagitta * |moved| /
/// length (micrometres for centimetre-level geodesic sagittas and metre moves over km).
/// Thread-safe and allocation-light: no PROJ call. Throws internal.bad_argument when the
/// count differs from layout.pillars.size().
Polyline line_from_pillars(const std::vector<Point2>& pillar_en, const SurveyedLine& layout);

/// What one input file contributed.
struct FileSummary {
  std::string file;
  FixFormat format = FixFormat::csv;
  std::size_t n_fixes = 0;           ///< fixes read
  std::size_t n_unassigned = 0;      ///< fixes outside every session (not used)
  std::vector<std::string> pillars;  ///< pillars its fixes went to
};

struct SurveyResult {
  SurveyedLine line;
  std::vector<FileSummary> files;
  std::string crs_name;  ///< "WGS 84 / UTM zone 38N"
  /// Per source CRS of the fixes: the PROJ operation used to reach the project CRS.
  std::map<std::string, std::string> operations;
  /// Pillars that have fixes but are not in ORDER.txt (surveyed, not on the line).
  std::vector<std::string> unused_pillars;
  SurveyOptions options;  ///< as used (reported)
};

/// A line drawn from GPS fixes: the pillars and what the survey did with every fix.
struct LineSurvey {
  std::string scenario;
  SurveyResult result;
};

/// A pillar list: one name per line, '#' starts a comment, blank lines skipped.
struct PillarOrder {
  std::string file;
  std::vector<std::string> names;
  std::vector<InputLocation> locations;
};
PillarOrder parse_order(const std::string& text, const std::string& file);
PillarOrder read_order(const std::string& path);

/// A sessions table (CSV: pillar,start,end; ISO 8601 UTC times "2021-06-01T10:00:00Z"):
/// a fix timed in [start, end) belongs to that pillar.
struct Session {
  std::string pillar;
  double start_utc_s = 0;
  double end_utc_s = 0;
  InputLocation location;
};
std::vector<Session> parse_sessions(const std::string& text, const std::string& file);
std::vector<Session> read_sessions(const std::string& path);

/// Readers: each returns the fixes of one file with their locations; errors carry
/// file:line:col. NMEA and .pos fixes take the file name stem as pillar, GPX waypoints their
/// <name> (track/route points the stem), CSV rows their pillar column.
std::vector<Fix> parse_nmea(const std::string& text, const std::string& file);
std::vector<Fix> parse_rtklib_pos(const std::string& text, const std::string& file,
                                  const SurveyOptions& options);
std::vector<Fix> parse_fix_csv(const std::string& text, const std::string& file,
                               const SurveyOptions& options);
/// GPX through GDAL/OGR's GPX driver (needs a file on disk).
std::vector<Fix> read_gpx(const std::string& path);
/// Any of the above by format_from_path.
std::vector<Fix> read_fix_file(const std::string& path, const SurveyOptions& options);

/// Assigns `fixes` (already read) to pillars by session time where sessions are given
/// (GPX waypoints keep their names), filters, averages, projects and draws the line.
SurveyResult survey_fixes(std::vector<Fix> fixes, const PillarOrder& order,
                          const std::vector<Session>& sessions, const SurveyOptions& options,
                          Diagnostics& diagnostics);

struct SurveyInputs {
  std::vector<std::string> fix_files;
  std::string sessions_file;  ///< optional
  std::string order_file;
};

/// Reads every input, then survey_fixes. Errors: input.* with file:line:col for bad fixes,
/// input.pillar_not_found (a pillar of ORDER.txt with no fix, at its line),
/// input.pillar_no_valid_fix (every fix rejected; reasons listed), crs.unknown,
/// crs.not_projected, crs.datum_mismatch, crs.mixed_datums, crs.bad_transformation.
SurveyResult run_survey(const SurveyInputs& inputs, const SurveyOptions& options,
                        Diagnostics& diagnostics);

}  // namespace lodeline::survey
