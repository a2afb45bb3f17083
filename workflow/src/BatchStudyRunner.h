#pragma once
// Private to workflow/: one study of a batch, from the resume check to its record.
#include "iliometry/workflow/BatchRecord.h"
#include "iliometry/workflow/BatchStudy.h"
#include "iliometry/workflow/MeasureOptions.h"

#include <filesystem>
#include <functional>

namespace iliometry::workflow::detail {

struct StudyOutcome {
  StudyRecord record;
  bool skipped = false; // the record of an earlier run was current and kept
};

// The options `study` is measured with: `common` with the study's input, output folder,
// series and height.
MeasureOptions studyMeasureOptions(const BatchStudy& study, const MeasureOptions& common,
                                   const std::filesystem::path& studyFolder);

// Skips the study when its record is current (same id, input and options fingerprints, the
// requested series) and its outputs are whole (or it failed and !retryFailed). Otherwise
// deletes the record, calls `beforeMeasuring`, runs runMeasure, and writes the new record
// last; a failure removes the previous run's measurement files so that the folder matches its
// record. Never throws for a study's failure: every failure ends in a "failed" record.
StudyOutcome processStudy(const BatchStudy& study, const MeasureOptions& common,
                          const std::filesystem::path& studyFolder, bool retryFailed,
                          const std::function<void()>& beforeMeasuring);

} // namespace iliometry::workflow::detail
