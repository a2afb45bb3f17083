#include "iliometry/workflow/ModalityCheck.h"

namespace iliometry::workflow {

namespace {

// "series 1.2.3 (/data/ct)" or just the path when the input has no series UID (NIfTI).
std::string describeInput(const StudyInfo& study) {
  if (study.seriesInstanceUid.empty()) return study.sourcePath;
  return "series " + study.seriesInstanceUid + (study.sourcePath.empty() ? "" : " (" + study.sourcePath + ")");
}

} // namespace

Result<Modality> choosePipeline(const StudyInfo& study, std::optional<Modality> override,
                                   std::vector<std::string>& warnings) {
  const Modality modality = override.value_or(study.modality);
  if (override && study.modality != Modality::Unknown && *override != study.modality)
    warnings.push_back("--modality " + modalityName(*override) + " overrides the modality the input states (" +
                       modalityName(study.modality) + ")");
  switch (modality) {
  case Modality::CT: return Modality::CT;
  case Modality::MR: return Modality::MR;
  case Modality::Unknown: break;
  }
  return makeError(ErrorCode::UnsupportedModality,
                   describeInput(study) + " (" + (study.sourceFormat.empty() ? "input" : study.sourceFormat) +
                       "): modality unknown and the values do not look like Hounsfield units; expected CT or MR. "
                       "Pass --modality CT for a CT volume in Hounsfield units, --modality MR for an MR volume");
}

} // namespace iliometry::workflow
