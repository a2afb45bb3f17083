#pragma once
// Outputs are written atomically: to a temporary file beside the target, flushed to disk,
// then renamed over it. A crash or a full disk never leaves a half-written output behind.
#include "iliometry/core/Result.h"

#include <filesystem>
#include <functional>
#include <string_view>
#include <vector>

namespace iliometry {

Result<void> writeFileAtomically(const std::filesystem::path& target, std::string_view contents);

// Files that belong together (a table as CSV and as JSON): every temporary is written and
// flushed before the first rename, so the files are replaced within microseconds of each
// other, in the order given. A kill between two renames leaves a later file one step behind
// an earlier one, never a half-written file.
struct FileContents {
  std::filesystem::path target;
  std::string_view contents;
};
Result<void> writeFilesAtomically(const std::vector<FileContents>& files);

// For writers that need a real path (ITK, DCMTK): `writeTo` writes to the temporary path it is
// given; on success the temporary file is renamed over `target`, on failure it is removed.
Result<void> writeViaTemporary(const std::filesystem::path& target,
                               const std::function<Result<void>(const std::filesystem::path&)>& writeTo);

} // namespace iliometry
