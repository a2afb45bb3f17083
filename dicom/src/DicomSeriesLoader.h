#pragma once
// Turning one chosen series group into a Volume: stack plan, parallel pixel decoding, metadata.
#include "SeriesCatalog.h"

#include "iliometry/core/Result.h"
#include "iliometry/core/Volume.h"

#include <string>
#include <vector>

namespace iliometry::dicom {

// `skippedFiles` are the unreadable files of the input, reported as warnings and named in a
// gap error. Fails with InvalidSeries for geometry or pixels that cannot be trusted.
Result<Volume> loadDicomVolume(const SeriesGroup& group, const std::vector<std::string>& skippedFiles);

} // namespace iliometry::dicom
