// SPDX-License-Identifier: Apache-2.0
// The survey part of a line's report: pillars with their fixes used and rejected, and errors.
#include <fmt/format.h>

#include "lodeline/report/resource_report.hpp"
#include "lodeline/survey/survey_output.hpp"

namespace lodeline::report {

using nlohmann::ordered_json;

ordered_json survey_json(const survey::LineSurvey& s, const RunResult& r) {
  // The survey module's own report, with paths shown relative to the project; the run's
  // diagnostics are in the report's own list.
  const auto doc = survey::survey_report(s.result, Diagnostics{},
                                         [&](const std::string& f) { return shown_path(r, f); });
  return ordered_json::parse(doc.dump());
}

std::string survey_markdown(const survey::LineSurvey& s, const RunResult& r) {
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
