#pragma once
// Which pipeline a loaded volume can go through. Only the CT pipeline exists so far.
#include "iliometry/core/Result.h"
#include "iliometry/core/StudyInfo.h"

#include <optional>
#include <string>
#include <vector>

namespace iliometry::workflow {

// The modality the run treats the volume as: `override` (--modality) when given, else the one
// the input states. Succeeds only for CT; UnsupportedModality for MR (no MR pipeline yet) and
// for an unknown modality (suggesting --modality CT when the values are Hounsfield units).
// Appends to `warnings` when the override contradicts the input.
Result<Modality> requireCtPipeline(const StudyInfo& study, std::optional<Modality> override,
                                   std::vector<std::string>& warnings);

} // namespace iliometry::workflow
