// SPDX-License-Identifier: Apache-2.0
// Option tables as command-line flags.
#include "option_flags.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace lodeline::cli {

namespace {

std::string flag_help(const options::Spec& s, const std::string& default_text) {
  std::string help = s.help;
  if (!s.unit.empty()) help += fmt::format(" ({})", s.unit);
  if (s.kind == options::Kind::choice) help += fmt::format(": {}", options::expected_text(s));
  if (!default_text.empty() && s.kind != options::Kind::flag)
    help += fmt::format(" [default: {}]", default_text);
  return help;
}

}  // namespace

void add_option_flags(CLI::App& app, const options::Binding& binding,
                      const std::shared_ptr<GivenFlags>& given) {
  for (std::size_t i = 0; i < binding.specs.size(); ++i) {
    const options::Spec& s = binding.specs[i];
    const std::string flag = options::flag_name(s);
    std::string names = fmt::format("--{}", flag);
    for (const auto& a : s.flag_aliases) names += fmt::format(",--{}", a);
    const std::string help = flag_help(s, binding.defaults[i]);
    CLI::Option* option = nullptr;
    if (s.kind == options::Kind::flag) {
      option = app.add_flag_callback(
          names, [given, flag] { given->emplace_back(flag, "true"); }, help);
    } else if (s.kind == options::Kind::texts) {  // --fixes a.gpx b.gpx (or the flag repeated)
      option = app.add_option_function<std::vector<std::string>>(
          names,
          [given, flag](const std::vector<std::string>& items) {
            for (const auto& item : items) given->emplace_back(flag, item);
          },
          help);
      option->expected(1, -1);
    } else {
      option = app.add_option_function<std::string>(
          names, [given, flag](const std::string& text) { given->emplace_back(flag, text); }, help);
    }
    if (s.required) option->required();
  }
}

bool flag_given(const GivenFlags& given, const std::string& flag) {
  return std::any_of(given.begin(), given.end(),
                     [&](const auto& typed) { return typed.first == flag; });
}

void apply_option_flags(const GivenFlags& given, const std::vector<options::Binding>& bindings) {
  options::read_args(given, bindings);
  options::check_rules(bindings, {});
}

}  // namespace lodeline::cli
