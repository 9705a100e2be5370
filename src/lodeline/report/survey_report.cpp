// SPDX-License-Identifier: Apache-2.0
// The survey part of a line's report: pillars with their fixes used and rejected, and errors.
#include <fmt/format.h>

#include "lodeline/report/resource_report.hpp"

namespace lodeline::report {

using nlohmann::ordered_json;

ordered_json survey_json(const SurveyReport& s, const ResourceReport& r) {
  const auto& res = s.result;
  ordered_json j;
  j["crs"] = res.line.crs;
  j["uere_m"] = res.options.uere_m;
  j["outlier_k"] = res.options.outlier_k;
  j["segments"] = ordered_json::array();
  for (auto t : res.line.segment_type) j["segments"].push_back(survey::to_string(t));
  j["max_spacing_m"] = res.line.max_spacing_m;
  j["files"] = ordered_json::array();
  for (const auto& f : res.files)
    j["files"].push_back({{"file", shown_path(r, f.file)},
                          {"format", survey::to_string(f.format)},
                          {"fixes", f.n_fixes},
                          {"unassigned", f.n_unassigned}});
  j["pillars"] = ordered_json::array();
  for (const auto& p : res.line.pillars) {
    ordered_json reasons = ordered_json::object();
    for (const auto& [why, n] : p.rejected_by_reason) reasons[why] = n;
    j["pillars"].push_back({{"pillar", p.name},
                            {"lon_deg", p.lon_deg},
                            {"lat_deg", p.lat_deg},
                            {"e_m", p.e_m},
                            {"n_m", p.n_m},
                            {"n_fixes", p.n_fixes},
                            {"n_used", p.n_used},
                            {"n_rejected", p.n_rejected},
                            {"rejected_by_reason", reasons},
                            {"sd_e_m", p.sd_e_m()},
                            {"sd_n_m", p.sd_n_m()},
                            {"cov_en_m2", p.cov_en_m2}});
  }
  j["pillars_not_on_the_line"] = res.unused_pillars;
  return j;
}

std::string survey_markdown(const SurveyReport& s, const ResourceReport& r) {
  const auto& res = s.result;
  std::string files;
  for (const auto& f : res.files)
    files += fmt::format("{}{} ({}, {} fixes)", files.empty() ? "" : ", ", shown_path(r, f.file),
                         survey::to_string(f.format), f.n_fixes);
  std::string md = fmt::format(
      "### Survey of the line: GPS fixes to pillars\n\n{} pillars from {} files: {}. Outliers "
      "beyond {} robust "
      "sd rejected; HDOP-weighted fixes at UERE {} m; segments {}.\n\n",
      res.line.pillars.size(), res.files.size(), files, res.options.outlier_k, res.options.uere_m,
      res.line.segment_type.empty() ? "—" : survey::to_string(res.line.segment_type.front()));
  md +=
      "| pillar | E m | N m | fixes | used | rejected (why) | sd E m | sd N m | cov EN m² |\n"
      "|---|---:|---:|---:|---:|---|---:|---:|---:|\n";
  for (const auto& p : res.line.pillars) {
    std::string why;
    for (const auto& [reason, n] : p.rejected_by_reason)
      why += fmt::format("{}{} {}", why.empty() ? "" : ", ", n, reason);
    md += fmt::format("| {} | {:.3f} | {:.3f} | {} | {} | {}{} | {:.4f} | {:.4f} | {:.2e} |\n",
                      p.name, p.e_m, p.n_m, p.n_fixes, p.n_used, p.n_rejected,
                      why.empty() ? "" : " (" + why + ")", p.sd_e_m(), p.sd_n_m(), p.cov_en_m2);
  }
  return md + "\n";
}

}  // namespace lodeline::report
