// SPDX-License-Identifier: Apache-2.0
// Option tables as command-line flags: every option of a table becomes --flag (and its
// aliases); the values are kept as typed and checked by options::read_args with the same
// messages as the project file and the JSON parameters.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "lodeline/options/bind.hpp"

namespace lodeline::cli {

/// The flags given, in order: {flag, text}.
using GivenFlags = std::vector<std::pair<std::string, std::string>>;

/// Adds one flag per option of `binding` to `app`; what the user types lands in `given`.
void add_option_flags(CLI::App& app, const options::Binding& binding,
                      const std::shared_ptr<GivenFlags>& given);

/// Whether `flag` (its canonical name, without "--") was typed, under any of its spellings.
[[nodiscard]] bool flag_given(const GivenFlags& given, const std::string& flag);

/// Applies the flags typed to the bound structs, then the tables' rules: usage.bad_option.
void apply_option_flags(const GivenFlags& given, const std::vector<options::Binding>& bindings);

}  // namespace lodeline::cli
