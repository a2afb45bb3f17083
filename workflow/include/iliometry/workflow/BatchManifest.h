#pragma once
// A cohort manifest: a CSV file listing the studies to measure, one per row.
//
//   id,path,height_m,series_uid
//   P001,patients/P001,1.72,
//   P002,/data/ct/P002.nii.gz,,
//
// A header line names the columns, in any order; `id` and `path` are required, `height_m`
// (metres, empty for none) and `series_uid` (empty: measure chooses) are optional. Relative
// paths are relative to the manifest's folder. RFC 4180 quoting is accepted.
#include "iliometry/core/Result.h"
#include "iliometry/workflow/BatchStudy.h"

#include <filesystem>
#include <string>

namespace iliometry::workflow {

// Errors: InputNotFound (no such file), InvalidArgument naming the file, the line and the
// problem (missing column, unknown column, bad id, duplicate id, bad height, empty path).
Result<StudyList> readManifest(const std::filesystem::path& manifestCsv);

// The same, on CSV text; relative paths are resolved against `baseFolder`, messages name `sourceName`.
Result<StudyList> parseManifest(const std::string& csvText, const std::filesystem::path& baseFolder,
                                const std::string& sourceName);

} // namespace iliometry::workflow
