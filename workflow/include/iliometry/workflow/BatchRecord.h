#pragma once
// The completion record of one study of a batch: OUTDIR/<id>/batch-record.json, written
// atomically after everything else of the study, so that its presence means the study is
// finished. It holds the study's cohort-table row, from which cohort.csv and cohort.json are
// rebuilt (the tables are never the only copy of a result), and the keys a resumed batch
// checks before skipping the study: the series measured, the input and options fingerprints
// and the size of every output file.
#include "iliometry/core/Result.h"
#include "iliometry/workflow/BatchTable.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

namespace iliometry::workflow {

inline constexpr const char* kStudyRecordFileName = "batch-record.json";
inline constexpr int kStudyRecordSchemaVersion = 1;

enum class StudyStatus { Ok, Failed };
std::string studyStatusKey(StudyStatus status); // "ok", "failed"

struct StudyRecord {
  std::string id;
  std::string inputPath;
  StudyStatus status = StudyStatus::Failed;
  std::string errorCode;         // errorCodeName() of the failure; empty when ok
  std::string message;           // the failure, for the user; empty when ok
  std::string seriesInstanceUid; // the series measured (empty for NIfTI & co. without one)
  std::string inputFingerprint;
  std::string optionsFingerprint;
  std::map<std::string, std::uintmax_t> outputSizesBytes; // output file name -> size, when ok
  double elapsedS = 0.0;
  std::string finishedUtc;
  CohortCells measurements; // measurementCells() when ok; empty when failed
};

// The record's full cohort-table row: its measurements plus id, status, message, timing and
// `studyFolder` (where the study's outputs are).
CohortCells cohortRow(const StudyRecord& record, const std::filesystem::path& studyFolder);

std::string studyRecordJson(const StudyRecord& record);
Result<StudyRecord> parseStudyRecord(const std::string& json, const std::string& sourceName);

// Writes OUTDIR/<id>/batch-record.json atomically (the folder is created).
Result<void> writeStudyRecord(const std::filesystem::path& studyFolder, const StudyRecord& record);
// InputNotFound when there is none; InvalidSeries when it is unreadable or not a record.
Result<StudyRecord> readStudyRecord(const std::filesystem::path& studyFolder);

// Whether an ok record's outputs are all there and whole: every recorded file exists with its
// recorded size, and measurements.json parses and names the recorded series. The reason when not.
Result<void> checkRecordedOutputs(const std::filesystem::path& studyFolder, const StudyRecord& record);

} // namespace iliometry::workflow
