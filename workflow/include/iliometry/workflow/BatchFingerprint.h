#pragma once
// Fingerprints that tell a resumed batch whether a finished study is still current.
#include "iliometry/core/Result.h"
#include "iliometry/workflow/MeasureOptions.h"

#include <filesystem>
#include <string>

namespace iliometry::workflow {

// SHA-256 (hex) of the sorted list of (path relative to `input`, size in bytes, modification
// time in ns) of every regular file under `input` (or of `input` itself when it is a file). It
// changes when a file is added, removed, replaced or rewritten, without reading the pixel data
// (a cohort of thousands of 100 MB studies is fingerprinted in seconds). "missing" when
// `input` does not exist. OutputFailed never; InputNotFound when a folder cannot be listed.
Result<std::string> inputFingerprint(const std::filesystem::path& input);

// SHA-256 (hex) of every option that changes a study's result (series, height, modality,
// asymmetry threshold and bases, anonymisation) and of the iliometry version. Input and
// output paths are not part of it.
std::string optionsFingerprint(const MeasureOptions& options);

} // namespace iliometry::workflow
