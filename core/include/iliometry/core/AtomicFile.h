#pragma once
// Outputs are written atomically: to a temporary file beside the target, flushed to disk,
// then renamed over it. A crash or a full disk never leaves a half-written output behind.
#include "iliometry/core/Result.h"

#include <filesystem>
#include <functional>
#include <string_view>

namespace iliometry {

Result<void> writeFileAtomically(const std::filesystem::path& target, std::string_view contents);

// For writers that need a real path (ITK, DCMTK): `writeTo` writes to the temporary path it is
// given; on success the temporary file is renamed over `target`, on failure it is removed.
Result<void> writeViaTemporary(const std::filesystem::path& target,
                               const std::function<Result<void>(const std::filesystem::path&)>& writeTo);

} // namespace iliometry
