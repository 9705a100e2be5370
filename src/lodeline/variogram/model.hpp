// SPDX-License-Identifier: Apache-2.0
// Variogram models: nugget plus nested spherical/exponential/gaussian structures with
// geometric anisotropy in GSLIB angles, JSON in/out and a fast prepared covariance.
//
// Models and anisotropy: Journel & Huijbregts (1978) Mining Geostatistics, ch. II-III;
// rotation: Deutsch & Journel (1998) GSLIB 2nd ed., setrot (ang1/ang2/ang3); the exponential
// and gaussian 'range' is gstat's scale parameter (Pebesma 2004, Computers & Geosciences 30).
// docs/kriging.md states every convention and the mapping to gstat's anis=.
#pragma once

#include <array>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lodeline/core/error.hpp"
#include "lodeline/io/json_pointer.hpp"

namespace lodeline::variogram {

/// Unit structure shapes f(u) with u = reduced (anisotropy-scaled) distance h'/range:
/// spherical 1.5u - 0.5u^3 (u < 1), 1 beyond; exponential 1 - exp(-u); gaussian 1 - exp(-u^2).
/// The exponential/gaussian range is the SCALE parameter a (gstat's vgm(range=)); their
/// practical (95 %) ranges are 3a and sqrt(3)a. GSLIB's a_practical = 3a (exp), sqrt(3)a (gau).
enum class StructureType { spherical, exponential, gaussian };

/// "spherical", "exponential", "gaussian".
[[nodiscard]] std::string_view to_string(StructureType type);
/// Accepts the names above and gstat's "Sph", "Exp", "Gau" (case-insensitive).
[[nodiscard]] std::optional<StructureType> structure_type_from_string(std::string_view name);

/// f(u) of a structure type (see StructureType), u >= 0.
[[nodiscard]] double unit_variogram(StructureType type, double u);

/// One nested structure. Angles are GSLIB's (Deutsch & Journel 1998):
///   ang1 = azimuth of the major axis, degrees clockwise from north (+y), 0 <= ang1 < 360;
///   ang2 = dip of the major axis, degrees, NEGATIVE DOWNWARD, -90 <= ang2 <= 90;
///   ang3 = rake/plunge: rotation of the semi-major and minor axes about the major axis,
///          -90 <= ang3 <= 90 (GSLIB: positive is counter-clockwise looking along the major
///          axis toward the origin).
/// ranges_m = {major, semi-major, minor} (metres, > 0).
struct Structure {
  StructureType type = StructureType::spherical;
  double sill = 0;  ///< partial sill c (>= 0)
  std::array<double, 3> ranges_m{1, 1, 1};
  std::array<double, 3> angles_deg{0, 0, 0};
};

/// gamma(h) = nugget * [h != 0] + sum_i sill_i * f_i(|A_i h|).
struct VariogramModel {
  double nugget = 0;
  std::vector<Structure> structures;

  /// nugget + sum of structure sills = C(0).
  [[nodiscard]] double total_sill() const;
  /// Semivariogram at lag vector h (metres; x east, y north, z up). gamma(0) = 0 exactly.
  [[nodiscard]] double gamma(const std::array<double, 3>& h_m) const;
  /// C(h) = total_sill - gamma(h).
  [[nodiscard]] double covariance(const std::array<double, 3>& h_m) const;
};

using Matrix3 = std::array<std::array<double, 3>, 3>;

/// gstat's anis = c(p, q, r, s, t) for one structure (all angles in [0, 360)):
/// p = ang1, q = ang2 mod 360 (gstat's dip is positive UP, the same sense as GSLIB's
/// "negative down", so ang2 = -30 becomes q = 330), r = ang3 mod 360, s = semi/major,
/// t = minor/major. vgm(range=) is ranges_m[0].
struct GstatAnis {
  double p = 0, q = 0, r = 0, s = 1, t = 1;
};
[[nodiscard]] GstatAnis to_gstat_anis(const Structure& s);

/// gstat's/GSLIB's matrix M for anis = c(p,q,r,s,t) (exactly as params.json/gstat):
/// alpha = 90-p (p < 270) else 450-p, beta = -q, theta = r (degrees) and
/// M = [[cb ca, cb sa, -sb], [(-ct sa + st sb ca)/s, (ct ca + st sb sa)/s, st cb/s],
///      [(st sa + ct sb ca)/t, (-st ca + ct sb sa)/t, ct cb/t]];  h' = |M h|.
[[nodiscard]] Matrix3 gstat_matrix(const GstatAnis& anis);

/// The reduced-distance matrix of a structure: A = M / ranges_m[0], so u = |A h| and the
/// structure's value is sill * f(u). Rows are the major, semi-major and minor unit axes
/// divided by their ranges.
[[nodiscard]] Matrix3 reduced_distance_matrix(const Structure& s);

/// "/variogram/structures/0/sill" -> "variogram.structures[0].sill" (for messages).
[[nodiscard]] std::string pointer_text(const std::string& json_pointer);

/// Checks a model: finite numbers, nugget >= 0, sills >= 0, total sill > 0, ranges > 0,
/// angles in the ranges documented on Structure. Throws input.bad_variogram at
/// locate(pointer + "/...") of the first offending value; `pointer` is where the model sits
/// in its document ("" = the root).
void validate(const VariogramModel& model, const io::JsonLocator& locate = {},
              const std::string& pointer = "");

/// Reads {"nugget": c0, "structures": [{"type": "spherical", "sill": c, "ranges": [a1,a2,a3],
/// "angles": [ang1,ang2,ang3]}]} ("ranges" may be one number or [a] for isotropic; "angles"
/// may be absent (= 0,0,0) or [ang1]). Unknown keys, wrong types and invalid values throw
/// input.bad_variogram (unknown keys: input.unknown_key) at their JSON location; the result is
/// validated.
[[nodiscard]] VariogramModel model_from_json(const nlohmann::json& doc,
                                             const io::JsonLocator& locate = {},
                                             const std::string& pointer = "");
/// Reads a model file in that form; errors (io.cannot_open, input.bad_json, input.bad_variogram)
/// at their file:line:col.
[[nodiscard]] VariogramModel read_model_file(const std::string& path);
/// The same form back (ranges and angles always as 3-element arrays).
[[nodiscard]] nlohmann::json to_json(const VariogramModel& model);

/// A validated model with its matrices precomputed, for many evaluations (kriging).
/// Thread-safe for concurrent const use.
class PreparedModel {
 public:
  PreparedModel() = default;
  /// Validates (input.bad_variogram) and precomputes.
  explicit PreparedModel(const VariogramModel& model);

  [[nodiscard]] const VariogramModel& model() const { return model_; }
  [[nodiscard]] double total_sill() const { return sill_; }
  [[nodiscard]] double nugget() const { return model_.nugget; }
  /// Structured part only: sum_i sill_i * (1 - f_i(|A_i h|)) (no nugget).
  [[nodiscard]] double structured_covariance(double dx, double dy, double dz) const;
  /// Point-to-point covariance: structured part plus the nugget when h is exactly zero.
  [[nodiscard]] double covariance(double dx, double dy, double dz) const {
    const double c = structured_covariance(dx, dy, dz);
    return (dx == 0 && dy == 0 && dz == 0) ? c + model_.nugget : c;
  }
  [[nodiscard]] double gamma(double dx, double dy, double dz) const {
    return sill_ - covariance(dx, dy, dz);
  }
  /// Reduced-distance matrix of structure i (A_i).
  [[nodiscard]] const Matrix3& matrix(std::size_t i) const { return matrices_[i]; }

 private:
  VariogramModel model_;
  std::vector<Matrix3> matrices_;
  double sill_ = 0;
};

}  // namespace lodeline::variogram
