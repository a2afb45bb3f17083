#include "iliometry/workflow/BatchMerge.h"

#include "iliometry/workflow/BatchRecord.h"
#include "iliometry/workflow/BatchRunner.h"

#include <algorithm>
#include <map>
#include <system_error>

namespace iliometry::workflow {

namespace fs = std::filesystem;

Result<MergeSummary> mergeBatchOutputs(const std::vector<fs::path>& batchFolders, const fs::path& outputDir) {
  if (batchFolders.empty()) return makeError(ErrorCode::InvalidArgument, "no batch output folder given to merge");
  MergeSummary summary;
  std::map<std::string, std::pair<fs::path, CohortCells>> rowsById; // sorted by id
  for (const fs::path& folder : batchFolders) {
    auto plan = readBatchPlan(folder);
    if (!plan) return plan.error();
    for (const BatchStudy& study : plan.value().studies) {
      const fs::path studyFolder = folder / study.id;
      auto record = readStudyRecord(studyFolder);
      if (!record && record.error().code == ErrorCode::InputNotFound) {
        summary.unfinishedIds.push_back(study.id);
        continue;
      }
      if (!record) return record.error();
      if (const auto it = rowsById.find(study.id); it != rowsById.end())
        return makeError(ErrorCode::InvalidArgument, "study '" + study.id + "' is in both " +
                                                         it->second.first.string() + " and " + folder.string() +
                                                         " (were the shards run with different cohorts?)");
      (record.value().status == StudyStatus::Ok ? summary.ok : summary.failed) += 1;
      rowsById.emplace(study.id, std::make_pair(folder, cohortRow(record.value(), studyFolder)));
    }
  }
  std::error_code error;
  fs::create_directories(outputDir, error);
  if (error)
    return makeError(ErrorCode::OutputFailed, outputDir.string() + ": cannot create the folder", error.message());
  std::vector<CohortCells> rows;
  for (auto& [id, entry] : rowsById)
    rows.push_back(std::move(entry.second));
  auto table = writeCohortTable(outputDir, rows);
  if (!table) return table.error();
  summary.table = table.value();
  std::sort(summary.unfinishedIds.begin(), summary.unfinishedIds.end());
  return summary;
}

} // namespace iliometry::workflow
