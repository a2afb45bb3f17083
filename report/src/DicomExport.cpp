#include "iliometry/report/DicomExport.h"

namespace iliometry::report {

Result<void> requireDicomSource(const DicomExportContext& context, int sliceCount) {
  const StudyInfo& s = context.study;
  if (s.sourceFormat != "DICOM")
    return makeError(ErrorCode::InvalidArgument,
                     "SR, SEG and the key-image Secondary Capture need DICOM input to reference; the input was " +
                         (s.sourceFormat.empty() ? std::string("not DICOM") : s.sourceFormat));
  std::string missing;
  if (s.studyInstanceUid.empty()) missing += " Study Instance UID";
  if (s.seriesInstanceUid.empty()) missing += " Series Instance UID";
  if (s.frameOfReferenceUid.empty()) missing += " Frame of Reference UID";
  if (!missing.empty())
    return makeError(ErrorCode::InvalidArgument, "the DICOM input lacks" + missing + ": SR and SEG cannot reference it");
  if (static_cast<int>(context.sourceSlices.size()) != sliceCount)
    return makeError(ErrorCode::InvalidArgument, "the DICOM input has " + std::to_string(context.sourceSlices.size()) +
                                                     " referenced images for " + std::to_string(sliceCount) +
                                                     " slices (expected one per slice)");
  for (const auto& slice : context.sourceSlices)
    if (slice.sopInstanceUid.empty() || slice.sopClassUid.empty())
      return makeError(ErrorCode::InvalidArgument,
                       "a source image lacks its SOP Instance or Class UID (" + slice.filePath + ")");
  return {};
}

} // namespace iliometry::report
