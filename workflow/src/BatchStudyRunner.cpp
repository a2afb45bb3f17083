#include "BatchStudyRunner.h"

#include "iliometry/report/MeasurementReport.h"
#include "iliometry/workflow/BatchFingerprint.h"
#include "iliometry/workflow/MeasureWorkflow.h"

#include <chrono>
#include <exception>
#include <new>
#include <system_error>
#include <vector>

namespace iliometry::workflow::detail {

namespace fs = std::filesystem;

namespace {

// The study's own files: everything runMeasure wrote (whatever set of outputs it writes), not
// the record and not hidden temporary files.
std::vector<fs::path> outputFiles(const fs::path& studyFolder) {
  std::vector<fs::path> files;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(studyFolder, error)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file(error) && name != kStudyRecordFileName && !name.starts_with("."))
      files.push_back(entry.path());
  }
  return files;
}

// With --anonymize nothing in the table may carry the input path, which often holds a name.
std::string withoutPath(std::string message, const std::string& path) {
  if (path.empty()) return message;
  for (auto at = message.find(path); at != std::string::npos; at = message.find(path, at))
    message.replace(at, path.size(), "(input)");
  return message;
}

bool isCurrent(const StudyRecord& record, const BatchStudy& study, const std::string& inputFp,
               const std::string& optionsFp) {
  return record.id == study.id && record.inputFingerprint == inputFp && record.optionsFingerprint == optionsFp &&
         (study.seriesInstanceUid.empty() || record.seriesInstanceUid == study.seriesInstanceUid);
}

// runMeasure reports failures as Errors; a library exception that slipped through, or running
// out of memory, must fail this study only, not the batch.
Result<MeasureOutcome> runMeasureGuarded(const MeasureOptions& options) {
  try {
    return runMeasure(options);
  } catch (const std::bad_alloc&) {
    return makeError(ErrorCode::Internal, options.inputPath.string() + ": out of memory while measuring");
  } catch (const std::exception& e) {
    return makeError(ErrorCode::Internal, options.inputPath.string() + ": unexpected failure while measuring",
                     e.what());
  }
}

void fillFromOutcome(StudyRecord& record, const MeasureOutcome& outcome, const fs::path& studyFolder) {
  record.status = StudyStatus::Ok;
  record.seriesInstanceUid = outcome.report.study.seriesInstanceUid;
  record.measurements = measurementCells(outcome.report);
  for (const fs::path& file : outputFiles(studyFolder)) {
    std::error_code error;
    const auto size = fs::file_size(file, error);
    if (error) {
      record.status = StudyStatus::Failed;
      record.errorCode = errorCodeName(ErrorCode::OutputFailed);
      record.message = file.string() + ": unreadable right after measuring (" + error.message() + ")";
      record.measurements.clear();
      return;
    }
    record.outputSizesBytes[file.filename().string()] = size;
  }
  if (!record.outputSizesBytes.contains(kMeasurementsJsonFileName)) {
    record.status = StudyStatus::Failed;
    record.errorCode = errorCodeName(ErrorCode::OutputFailed);
    record.message = (studyFolder / kMeasurementsJsonFileName).string() + ": missing right after measuring";
    record.measurements.clear();
  }
}

void removeMeasurementFiles(const fs::path& studyFolder) {
  std::error_code ignored; // absent files are what we want
  for (const fs::path& file : outputFiles(studyFolder))
    fs::remove(file, ignored);
}

} // namespace

MeasureOptions studyMeasureOptions(const BatchStudy& study, const MeasureOptions& common, const fs::path& studyFolder) {
  MeasureOptions options = common;
  options.inputPath = study.inputPath;
  options.outputDir = studyFolder;
  if (!study.seriesInstanceUid.empty()) options.seriesInstanceUid = study.seriesInstanceUid;
  if (study.heightM) options.heightM = study.heightM;
  options.quiet = true;
  return options;
}

StudyOutcome processStudy(const BatchStudy& study, const MeasureOptions& common, const fs::path& studyFolder,
                          bool retryFailed, const std::function<void()>& beforeMeasuring) {
  const MeasureOptions options = studyMeasureOptions(study, common, studyFolder);
  StudyRecord record;
  record.id = study.id;
  const bool anonymize = options.anonymizeSecret.has_value();
  record.inputPath = anonymize ? "(anonymized)" : study.inputPath.string();
  auto inputFp = inputFingerprint(study.inputPath);
  record.inputFingerprint = inputFp ? inputFp.value() : "unreadable";
  record.optionsFingerprint = optionsFingerprint(options);

  if (auto existing = readStudyRecord(studyFolder);
      existing && isCurrent(existing.value(), study, record.inputFingerprint, record.optionsFingerprint)) {
    const StudyRecord& previous = existing.value();
    const bool keep =
        previous.status == StudyStatus::Ok ? checkRecordedOutputs(studyFolder, previous).ok() : !retryFailed;
    if (keep) return StudyOutcome{previous, true};
  }

  // From here on the folder is being rewritten: no record may vouch for it until the new one.
  std::error_code ignored;
  fs::remove(studyFolder / kStudyRecordFileName, ignored);
  if (beforeMeasuring) beforeMeasuring();
  const auto start = std::chrono::steady_clock::now();
  auto outcome = inputFp ? runMeasureGuarded(options) : Result<MeasureOutcome>(inputFp.error());
  record.elapsedS = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  record.finishedUtc = report::utcTimestampNow();
  if (outcome) {
    fillFromOutcome(record, outcome.value(), studyFolder);
  } else {
    record.status = StudyStatus::Failed;
    record.errorCode = errorCodeName(outcome.error().code);
    record.message =
        anonymize ? withoutPath(outcome.error().describe(), study.inputPath.string()) : outcome.error().describe();
  }
  if (record.status == StudyStatus::Failed) removeMeasurementFiles(studyFolder);

  if (auto written = writeStudyRecord(studyFolder, record); !written) {
    // Not recorded, so the next run redoes it; this run's table says why.
    record.status = StudyStatus::Failed;
    record.errorCode = errorCodeName(written.error().code);
    record.message = "the study's batch record could not be written: " + written.error().describe();
    record.measurements.clear();
  }
  return StudyOutcome{std::move(record), false};
}

} // namespace iliometry::workflow::detail
