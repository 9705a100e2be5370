// SPDX-License-Identifier: Apache-2.0
// GDAL driver registration, once per process, with GDAL's own error printing silenced (errors
// become lodeline::Error at the call site).
#pragma once

namespace lodeline::geo {

/// Registers every GDAL/OGR driver the first time it is called; thread-safe.
void init_gdal();

}  // namespace lodeline::geo
