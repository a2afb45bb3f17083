#include "iliometry/workflow/BatchRunner.h"

#include "BatchJson.h"
#include "BatchStudyRunner.h"

#include "iliometry/core/AtomicFile.h"
#include "iliometry/workflow/MeasureOutputs.h"

#include <itkMultiThreaderBase.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

namespace iliometry::workflow {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

Result<void> validateBatch(const std::vector<BatchStudy>& studies, const BatchOptions& options) {
  if (options.jobs < 1) return makeError(ErrorCode::InvalidArgument, "-j 0: expected at least one worker");
  if (options.outputDir.empty()) return makeError(ErrorCode::InvalidArgument, "no output folder given (-o OUTDIR)");
  std::set<std::string> ids;
  for (const BatchStudy& study : studies) {
    if (!isValidStudyId(study.id))
      return makeError(ErrorCode::InvalidArgument,
                       "study id '" + study.id + "' may hold only letters, digits, '.', '_' and '-'");
    if (!ids.insert(study.id).second)
      return makeError(ErrorCode::InvalidArgument, "study id '" + study.id + "' appears twice");
  }
  MeasureOptions probe = options.measure; // the per-study fields are checked per study by runMeasure
  probe.inputPath = "study";
  probe.outputDir = options.outputDir;
  if (auto valid = validateMeasureOptions(probe); !valid) return valid.error();
  return checkOutputFolder(options.outputDir);
}

// Events travel from the workers to the thread that called runBatch, which alone touches the
// counters, the rows and the tables, and calls the user's callback.
struct WorkerMessage {
  enum class Kind { Started, Done, WorkerExited } kind;
  std::size_t studyIndex = 0;
  detail::StudyOutcome outcome;
};

class MessageQueue {
public:
  void push(WorkerMessage message) {
    {
      std::lock_guard lock(m_mutex);
      m_messages.push_back(std::move(message));
    }
    m_ready.notify_one();
  }
  WorkerMessage pop() {
    std::unique_lock lock(m_mutex);
    m_ready.wait(lock, [&] { return !m_messages.empty(); });
    WorkerMessage message = std::move(m_messages.front());
    m_messages.pop_front();
    return message;
  }

private:
  std::mutex m_mutex;
  std::condition_variable m_ready;
  std::deque<WorkerMessage> m_messages;
};

class CohortRows {
public:
  explicit CohortRows(fs::path outputDir) : m_outputDir(std::move(outputDir)) {}
  void set(const StudyRecord& record) {
    m_rows[record.id] = cohortRow(record, m_outputDir / record.id);
    m_changed = true;
  }
  void erase(const std::string& id) { m_changed |= m_rows.erase(id) > 0; }
  bool changed() const { return m_changed; }
  Result<CohortTableFiles> write() {
    std::vector<CohortCells> rows;
    rows.reserve(m_rows.size());
    for (const auto& [id, row] : m_rows)
      rows.push_back(row);
    m_changed = false;
    return writeCohortTable(m_outputDir, rows);
  }

private:
  fs::path m_outputDir;
  std::map<std::string, CohortCells> m_rows; // by id: the table's order
  bool m_changed = true;
};

// ITK filters default to one thread per core; with several studies at once that would run
// jobs x cores threads. Each worker's filters get an equal share of the cores instead.
void shareCoresBetweenWorkers(unsigned jobs) {
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  itk::MultiThreaderBase::SetGlobalDefaultNumberOfThreads(std::max(1u, cores / jobs));
}

} // namespace

Result<void> writeBatchPlan(const fs::path& outputDir, const BatchPlan& plan) {
  nlohmann::ordered_json json;
  json["schema_version"] = 1;
  json["label"] = plan.label;
  json["studies"] = nlohmann::ordered_json::array();
  for (const BatchStudy& study : plan.studies)
    json["studies"].push_back({{"id", study.id}, {"input_path", study.inputPath.string()}});
  return writeFileAtomically(outputDir / kBatchPlanFileName, json.dump(2) + "\n");
}

Result<BatchPlan> readBatchPlan(const fs::path& outputDir) {
  const fs::path path = outputDir / kBatchPlanFileName;
  std::ifstream in(path);
  if (!in)
    return makeError(ErrorCode::InputNotFound, path.string() + ": not found (is this the output folder of a batch?)");
  std::stringstream text;
  text << in.rdbuf();
  const auto json = nlohmann::ordered_json::parse(text.str(), nullptr, false);
  BatchPlan plan;
  if (json.is_discarded() || !json.is_object() || !json.contains("studies") || !json["studies"].is_array())
    return makeError(ErrorCode::InvalidSeries,
                     path.string() + ": not a batch plan (expected a JSON object with 'studies')");
  plan.label = json.value("label", "");
  for (const auto& study : json["studies"]) {
    if (!study.is_object() || !study.contains("id") || !study["id"].is_string() ||
        !isValidStudyId(study["id"].get<std::string>()))
      return makeError(ErrorCode::InvalidSeries, path.string() + ": a study without a valid id: " + study.dump());
    plan.studies.push_back(BatchStudy{study["id"].get<std::string>(), study.value("input_path", ""), std::nullopt, {}});
  }
  return plan;
}

Result<BatchSummary> runBatch(const std::vector<BatchStudy>& studies, const BatchOptions& options,
                              const BatchEventCallback& onEvent, std::stop_token stop) {
  if (auto valid = validateBatch(studies, options); !valid) return valid.error();
  std::error_code error;
  fs::create_directories(options.outputDir, error);
  if (error)
    return makeError(ErrorCode::OutputFailed, options.outputDir.string() + ": cannot create the folder",
                     error.message());
  BatchPlan plan{options.planLabel, studies};
  if (options.measure.anonymizeSecret) // input paths often hold patient names
    for (BatchStudy& study : plan.studies)
      study.inputPath.clear();
  if (auto written = writeBatchPlan(options.outputDir, plan); !written) return written.error();

  // The table starts as the records already there, so that it never lacks a finished study.
  CohortRows rows(options.outputDir);
  for (const BatchStudy& study : studies)
    if (auto record = readStudyRecord(options.outputDir / study.id)) rows.set(record.value());
  auto table = rows.write();
  if (!table) return table.error();

  shareCoresBetweenWorkers(options.jobs);
  MessageQueue queue;
  std::atomic<std::size_t> next{0};
  const unsigned workerCount =
      static_cast<unsigned>(std::min<std::size_t>(options.jobs, std::max<std::size_t>(studies.size(), 1)));
  std::vector<std::jthread> workers;
  for (unsigned w = 0; w < workerCount; ++w)
    workers.emplace_back([&] {
      while (!stop.stop_requested()) {
        const std::size_t index = next.fetch_add(1);
        if (index >= studies.size()) break;
        const BatchStudy& study = studies[index];
        auto outcome =
            detail::processStudy(study, options.measure, options.outputDir / study.id, options.retryFailed, [&] {
              queue.push({WorkerMessage::Kind::Started, index, {}});
            });
        queue.push({WorkerMessage::Kind::Done, index, std::move(outcome)});
      }
      queue.push({WorkerMessage::Kind::WorkerExited, 0, {}});
    });

  BatchSummary summary;
  BatchProgress& progress = summary.progress;
  progress.total = studies.size();
  const auto start = Clock::now();
  auto lastTableWrite = start;
  std::size_t measuredThisRun = 0;
  for (unsigned exited = 0; exited < workerCount;) {
    WorkerMessage message = queue.pop();
    if (message.kind == WorkerMessage::Kind::WorkerExited) {
      ++exited;
      continue;
    }
    const BatchStudy& study = studies[message.studyIndex];
    BatchEvent event;
    event.studyId = study.id;
    if (message.kind == WorkerMessage::Kind::Started) {
      rows.erase(study.id); // its record is gone until it is measured again
      ++progress.running;
      event.kind = BatchEventKind::Started;
    } else {
      const StudyRecord& record = message.outcome.record;
      const bool ok = record.status == StudyStatus::Ok;
      (ok ? progress.ok : progress.failed) += 1;
      if (message.outcome.skipped) {
        ++progress.skipped;
      } else {
        --progress.running;
        ++measuredThisRun;
      }
      if (!ok) summary.failedIds.push_back(study.id);
      rows.set(record);
      event.kind = message.outcome.skipped ? BatchEventKind::Skipped : BatchEventKind::Finished;
      event.status = record.status;
      event.message = record.message;
      event.studyElapsedS = record.elapsedS;
    }
    progress.elapsedS = std::chrono::duration<double>(Clock::now() - start).count();
    progress.remainingS = estimateRemainingS(measuredThisRun, progress.total - progress.done(), progress.elapsedS);
    event.progress = progress;
    if (onEvent) onEvent(event);
    // A failed table write is not fatal mid-run (the records are the results); the final write
    // below reports it if it persists.
    if (rows.changed() && Clock::now() - lastTableWrite >= options.tableInterval) {
      (void)rows.write();
      lastTableWrite = Clock::now();
    }
  }
  workers.clear(); // joins: every worker has already exited its loop

  table = rows.write();
  if (!table) return table.error();
  summary.csvPath = table.value().csvPath;
  summary.jsonPath = table.value().jsonPath;
  summary.stopped = stop.stop_requested();
  summary.notRun = progress.total - progress.done();
  std::sort(summary.failedIds.begin(), summary.failedIds.end());
  return summary;
}

} // namespace iliometry::workflow
