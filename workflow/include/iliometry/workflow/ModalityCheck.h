#pragma once
// Which pipeline (CT or MR) a loaded volume goes through.
#include "iliometry/core/Result.h"
#include "iliometry/core/StudyInfo.h"

#include <optional>
#include <string>
#include <vector>

namespace iliometry::workflow {

// The modality the run treats the volume as: `override` (--modality) when given, else the one
// the input states: CT or MR. UnsupportedModality for an unknown modality (suggesting
// --modality CT or MR).
// Appends to `warnings` when the override contradicts the input.
Result<Modality> choosePipeline(const StudyInfo& study, std::optional<Modality> override,
                                   std::vector<std::string>& warnings);

} // namespace iliometry::workflow
