// SPDX-License-Identifier: Apache-2.0
// What the fix readers of one-occupation-per-file formats (NMEA, RTKLIB .pos) share.
#pragma once

#include <string>

#include "lodeline/survey/survey.hpp"

namespace lodeline::survey::detail {

/// A fix read from `file` (one occupation per file), at `location`: its pillar is the file's
/// `stem`, marked as named after the file.
Fix fix_named_after_file(const std::string& file, const std::string& stem, FixFormat format,
                         const InputLocation& location);

}  // namespace lodeline::survey::detail
