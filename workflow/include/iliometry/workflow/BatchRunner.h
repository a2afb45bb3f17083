#pragma once
// `iliometry batch`: measures a cohort with a bounded pool of worker threads, one study at a
// time per worker, each through runMeasure into OUTDIR/<id>/. A failing study gets a record
// with status "failed" and the others go on. A rerun skips the studies whose record is
// current (same input fingerprint, options fingerprint and series) and whose outputs are whole,
// and redoes the rest. cohort.csv and cohort.json are rebuilt from the records, atomically.
#include "iliometry/core/Result.h"
#include "iliometry/workflow/BatchProgress.h"
#include "iliometry/workflow/BatchRecord.h"
#include "iliometry/workflow/BatchStudy.h"
#include "iliometry/workflow/MeasureOptions.h"

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

namespace iliometry::workflow {

inline constexpr const char* kBatchPlanFileName = "batch-plan.json";

struct BatchOptions {
  std::filesystem::path outputDir;
  unsigned jobs = 1; // worker threads (studies measured at once), >= 1
  // The options every study is measured with; inputPath, outputDir, seriesInstanceUid and
  // heightM are taken from each study (heightM: the study's, else this one), quiet is forced.
  MeasureOptions measure;
  bool retryFailed = false; // also redo studies whose current record says "failed"
  // The tables are rewritten when a study finishes, at most this often, and at the end.
  std::chrono::milliseconds tableInterval{std::chrono::seconds(5)};
  std::string planLabel; // written into batch-plan.json, e.g. "shard 2/4"
};

enum class BatchEventKind { Started, Finished, Skipped };

struct BatchEvent {
  BatchEventKind kind = BatchEventKind::Started;
  std::string studyId;
  std::optional<StudyStatus> status; // Finished and Skipped
  std::string message;               // the failure
  double studyElapsedS = 0.0;        // Finished
  BatchProgress progress;            // after this event
};

// Called on the thread that called runBatch, one event at a time.
using BatchEventCallback = std::function<void(const BatchEvent&)>;

struct BatchSummary {
  BatchProgress progress;
  std::size_t notRun = 0; // left out because a stop was requested
  bool stopped = false;   // a stop was requested
  std::filesystem::path csvPath, jsonPath;
  std::vector<std::string> failedIds;
};

// Checks the options (jobs >= 1, ids unique and valid, output folder usable, measure options
// valid) and writes OUTDIR/batch-plan.json, then runs the studies. When `stop` is requested
// no new study is started; the running ones finish and are recorded. Errors are about the
// batch as a whole (InvalidArgument, OutputFailed); a study's failure is in its record.
Result<BatchSummary> runBatch(const std::vector<BatchStudy>& studies, const BatchOptions& options,
                              const BatchEventCallback& onEvent = {}, std::stop_token stop = {});

// batch-plan.json: the ids (and inputs) a batch run was asked to measure, so that `merge`
// can tell unfinished studies from absent ones.
struct BatchPlan {
  std::string label;
  std::vector<BatchStudy> studies;
};
Result<void> writeBatchPlan(const std::filesystem::path& outputDir, const BatchPlan& plan);
Result<BatchPlan> readBatchPlan(const std::filesystem::path& outputDir);

} // namespace iliometry::workflow
