// runBatch on a small cohort: failure isolation, one row per study, resume and redo.
#include "BatchTestCohort.h"
#include "TempFolder.h"

#include "iliometry/workflow/BatchDiscovery.h"
#include "iliometry/workflow/BatchRunner.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <set>

using namespace iliometry;
using namespace iliometry::workflow;
using namespace iliometry::testing_support;
namespace fs = std::filesystem;

namespace {

struct BatchRun {
  BatchSummary summary;
  std::vector<std::string> started; // ids measured (not kept) in this run
};

BatchRun runCohort(const TestCohort& cohort, const fs::path& outputDir, bool retryFailed = false) {
  auto found = discoverStudies(cohort.root);
  EXPECT_TRUE(found) << (found ? "" : found.error().describe());
  BatchOptions options;
  options.outputDir = outputDir;
  options.jobs = 2;
  options.retryFailed = retryFailed;
  options.tableInterval = std::chrono::milliseconds(0);
  BatchRun run;
  auto summary = runBatch(found.value().studies, options, [&](const BatchEvent& event) {
    if (event.kind == BatchEventKind::Started) run.started.push_back(event.studyId);
  });
  EXPECT_TRUE(summary) << (summary ? "" : summary.error().describe());
  if (summary) run.summary = summary.value();
  std::sort(run.started.begin(), run.started.end());
  return run;
}

nlohmann::json cohortJson(const fs::path& outputDir) {
  return nlohmann::json::parse(readTextFile(outputDir / kCohortJsonFileName));
}

} // namespace

TEST(BatchRunIntegration, BrokenStudiesFailAloneAndEveryStudyGetsARow) {
  TempFolder folder("batch-run");
  const TestCohort cohort = writeTestCohort(folder.path() / "root");
  const fs::path out = folder.path() / "out";
  const BatchRun run = runCohort(cohort, out);
  EXPECT_EQ(run.summary.progress.ok, 3u);
  EXPECT_EQ(run.summary.progress.failed, 2u);
  EXPECT_EQ(run.summary.failedIds, cohort.failingIds);

  const auto table = cohortJson(out);
  ASSERT_EQ(table["studies"].size(), 5u);
  std::map<std::string, nlohmann::json> rows;
  for (const auto& row : table["studies"])
    rows[row["id"].get<std::string>()] = row;
  for (const auto& id : cohort.okIds) {
    EXPECT_EQ(rows[id]["status"], "ok") << id << ": " << rows[id]["message"];
    EXPECT_TRUE(rows[id]["slice_count"].is_number_integer());
    EXPECT_TRUE(fs::exists(out / id / "measurements.json"));
  }
  EXPECT_FALSE(rows["C"]["series_instance_uid"].get<std::string>().empty()); // DICOM: keyed by its series
  EXPECT_EQ(rows["empty"]["status"], "failed");
  EXPECT_EQ(rows["empty"]["error_code"], "input_not_found");
  EXPECT_NE(rows["empty"]["message"].get<std::string>().find("empty"), std::string::npos);
  EXPECT_EQ(rows["junk"]["status"], "failed");
  EXPECT_EQ(rows["junk"]["error_code"], "no_image_series");
  EXPECT_NE(rows["junk"]["message"].get<std::string>().find("IM0001.dcm"), std::string::npos);
  EXPECT_FALSE(fs::exists(out / "junk" / "measurements.json"));
  const std::string csv = readTextFile(out / kCohortCsvFileName);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 6);
}

TEST(BatchRunIntegration, RerunKeepsCurrentStudiesAndRedoesChangedOrDamagedOnes) {
  TempFolder folder("batch-resume");
  const TestCohort cohort = writeTestCohort(folder.path() / "root");
  const fs::path out = folder.path() / "out";
  const BatchRun first = runCohort(cohort, out);
  EXPECT_EQ(first.started, cohort.allIds());
  const std::string finishedA = cohortJson(out)["studies"][0]["finished_utc"];

  const BatchRun second = runCohort(cohort, out);
  EXPECT_TRUE(second.started.empty());
  EXPECT_EQ(second.summary.progress.skipped, 5u);
  EXPECT_EQ(second.summary.progress.ok, 3u);
  EXPECT_EQ(cohortJson(out)["studies"][0]["finished_utc"], finishedA);

  // A: a new input file; B: its record lost (a kill between outputs and record);
  // C: an output cut short. The failed studies stay failed unless asked to retry.
  fs::remove(cohort.root / "A.nii.gz");
  fs::copy_file(cohort.root / "B.nii.gz", cohort.root / "A.nii.gz");
  fs::remove(out / "B" / kStudyRecordFileName);
  fs::resize_file(out / "C" / "labels.nii.gz", 10);
  const BatchRun third = runCohort(cohort, out);
  EXPECT_EQ(third.started, (std::vector<std::string>{"A", "B", "C"}));
  EXPECT_EQ(third.summary.progress.ok, 3u);
  EXPECT_EQ(third.summary.progress.skipped, 2u);
  EXPECT_EQ(cohortJson(out)["studies"].size(), 5u);

  const BatchRun retry = runCohort(cohort, out, /*retryFailed=*/true);
  EXPECT_EQ(retry.started, cohort.failingIds);
}

TEST(BatchRunIntegration, RefusesDuplicateIdsAndZeroWorkers) {
  TempFolder folder("batch-refuse");
  BatchOptions options;
  options.outputDir = folder.path() / "out";
  const std::vector<BatchStudy> twice{{"A", "a", std::nullopt, {}}, {"A", "b", std::nullopt, {}}};
  auto duplicate = runBatch(twice, options);
  ASSERT_FALSE(duplicate);
  EXPECT_NE(duplicate.error().message.find("'A' appears twice"), std::string::npos);
  options.jobs = 0;
  auto noWorkers = runBatch({{"A", "a", std::nullopt, {}}}, options);
  ASSERT_FALSE(noWorkers);
  EXPECT_EQ(noWorkers.error().code, ErrorCode::InvalidArgument);
}
