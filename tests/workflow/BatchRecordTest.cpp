// The pieces a resumable batch rests on: input fingerprints, study records, the cohort table
// and the progress text.
#include "TempFolder.h"

#include "iliometry/workflow/BatchFingerprint.h"
#include "iliometry/workflow/BatchProgress.h"
#include "iliometry/workflow/BatchRecord.h"
#include "iliometry/workflow/BatchTable.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

using namespace iliometry;
using namespace iliometry::workflow;
using iliometry::testing_support::TempFolder;
namespace fs = std::filesystem;

namespace {

void writeText(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

std::string readText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string fingerprint(const fs::path& path) {
  auto result = inputFingerprint(path);
  EXPECT_TRUE(result);
  return result ? result.value() : "";
}

StudyRecord okRecord() {
  StudyRecord record;
  record.id = "P1";
  record.inputPath = "/data/P1";
  record.status = StudyStatus::Ok;
  record.seriesInstanceUid = "1.2.3";
  record.inputFingerprint = "abc";
  record.optionsFingerprint = "def";
  record.outputSizesBytes = {{"measurements.json", 0}};
  record.elapsedS = 3.25;
  record.finishedUtc = "2024-05-01T12:00:00Z";
  record.measurements = {{"patient_id", std::string("X")},
                         {"slice_count", 64LL},
                         {"psoas_major_left_volume_cm3", 123.456},
                         {"psoas_major_asymmetric_hypertrophy", true},
                         {"psoas_muscle_index_cm2_per_m2", std::monostate{}}};
  return record;
}

} // namespace

TEST(BatchFingerprint, ChangesWhenAFileIsAddedRewrittenOrRemovedAndOnlyThen) {
  TempFolder folder("batch-fingerprint");
  const fs::path study = folder.path() / "study";
  writeText(study / "a.dcm", "aaaa");
  writeText(study / "sub" / "b.dcm", "bb");
  const std::string original = fingerprint(study);
  EXPECT_EQ(original.size(), 64u); // SHA-256 in hex
  EXPECT_EQ(fingerprint(study), original);

  writeText(study / "c.dcm", "c");
  const std::string added = fingerprint(study);
  EXPECT_NE(added, original);
  fs::remove(study / "c.dcm");
  EXPECT_EQ(fingerprint(study), original);

  writeText(study / "sub" / "b.dcm", "bbb");
  EXPECT_NE(fingerprint(study), original);
  EXPECT_EQ(fingerprint(folder.path() / "absent"), "missing");
}

TEST(BatchFingerprint, OptionsThatChangeResultsChangeTheFingerprintPathsDoNot) {
  MeasureOptions options;
  options.inputPath = "a";
  options.outputDir = "b";
  const std::string base = optionsFingerprint(options);
  MeasureOptions moved = options;
  moved.inputPath = "elsewhere";
  moved.outputDir = "other";
  EXPECT_EQ(optionsFingerprint(moved), base);
  MeasureOptions threshold = options;
  threshold.asymmetry.thresholdPercent = 15.0;
  EXPECT_NE(optionsFingerprint(threshold), base);
  MeasureOptions height = options;
  height.heightM = 1.8;
  EXPECT_NE(optionsFingerprint(height), base);
  MeasureOptions anonymized = options;
  anonymized.anonymizeSecret = "secret-one";
  MeasureOptions otherSecret = options;
  otherSecret.anonymizeSecret = "secret-two";
  EXPECT_NE(optionsFingerprint(anonymized), base);
  EXPECT_NE(optionsFingerprint(anonymized), optionsFingerprint(otherSecret));
}

TEST(BatchRecord, RoundTripsThroughJsonWithTypedCells) {
  const StudyRecord record = okRecord();
  auto parsed = parseStudyRecord(studyRecordJson(record), "r.json");
  ASSERT_TRUE(parsed) << parsed.error().describe();
  const StudyRecord& back = parsed.value();
  EXPECT_EQ(back.id, "P1");
  EXPECT_EQ(back.status, StudyStatus::Ok);
  EXPECT_EQ(back.seriesInstanceUid, "1.2.3");
  EXPECT_EQ(back.outputSizesBytes, record.outputSizesBytes);
  EXPECT_EQ(back.measurements, record.measurements);
}

TEST(BatchRecord, TruncatedOrForeignFilesAreNotRecords) {
  const std::string json = studyRecordJson(okRecord());
  auto truncated = parseStudyRecord(json.substr(0, json.size() / 2), "r.json");
  ASSERT_FALSE(truncated);
  EXPECT_EQ(truncated.error().code, ErrorCode::InvalidSeries);
  EXPECT_NE(truncated.error().message.find("r.json"), std::string::npos);
  EXPECT_FALSE(parseStudyRecord(R"({"schema_version": 1, "id": "x"})", "r.json"));
  EXPECT_FALSE(parseStudyRecord(R"({"schema_version": 99})", "r.json"));
}

TEST(BatchRecord, RecordedOutputsMustKeepTheirSizesAndSeries) {
  TempFolder folder("batch-outputs");
  StudyRecord record = okRecord();
  const std::string measurements = R"({"study": {"series_instance_uid": "1.2.3"}})";
  writeText(folder.path() / "measurements.json", measurements);
  writeText(folder.path() / "labels.nii.gz", "0123456789");
  record.outputSizesBytes = {{"measurements.json", measurements.size()}, {"labels.nii.gz", 10}};
  EXPECT_TRUE(checkRecordedOutputs(folder.path(), record));

  writeText(folder.path() / "labels.nii.gz", "01234");
  auto shortened = checkRecordedOutputs(folder.path(), record);
  ASSERT_FALSE(shortened);
  EXPECT_NE(shortened.error().message.find("labels.nii.gz: 5 bytes, the record says 10"), std::string::npos);

  writeText(folder.path() / "labels.nii.gz", "0123456789");
  record.seriesInstanceUid = "9.9.9";
  EXPECT_FALSE(checkRecordedOutputs(folder.path(), record));
  record.seriesInstanceUid = "1.2.3";
  fs::remove(folder.path() / "measurements.json");
  EXPECT_FALSE(checkRecordedOutputs(folder.path(), record));
}

TEST(BatchRecord, WrittenRecordIsReadBackAndAFolderWithoutOneHasNone) {
  TempFolder folder("batch-record");
  ASSERT_TRUE(writeStudyRecord(folder.path() / "P1", okRecord()));
  auto read = readStudyRecord(folder.path() / "P1");
  ASSERT_TRUE(read) << read.error().describe();
  EXPECT_EQ(read.value().id, "P1");
  EXPECT_EQ(readStudyRecord(folder.path() / "P2").error().code, ErrorCode::InputNotFound);
}

TEST(BatchTable, CsvAndJsonHoldEveryColumnInOrderWithQuotingAndEmptyCells) {
  TempFolder folder("batch-table");
  StudyRecord failed;
  failed.id = "P2";
  failed.inputPath = "/data/P2";
  failed.errorCode = "no_image_series";
  failed.message = "/data/P2: 2 files, none of them \"DICOM\", sorry";
  const std::vector<CohortCells> rows{cohortRow(okRecord(), folder.path() / "P1"),
                                      cohortRow(failed, folder.path() / "P2")};
  auto written = writeCohortTable(folder.path(), rows);
  ASSERT_TRUE(written) << written.error().describe();

  const std::string csv = readText(written.value().csvPath);
  std::istringstream lines(csv);
  std::string header, first, second, extra;
  std::getline(lines, header);
  std::getline(lines, first);
  std::getline(lines, second);
  EXPECT_FALSE(std::getline(lines, extra));
  std::string expectedHeader;
  for (const auto& column : cohortColumns())
    expectedHeader += (expectedHeader.empty() ? "" : ",") + column;
  EXPECT_EQ(header, expectedHeader);
  EXPECT_EQ(first.rfind("P1,ok,,,/data/P1,", 0), 0u) << first;
  EXPECT_NE(first.find(",123.456,"), std::string::npos);
  EXPECT_EQ(second.rfind("P2,failed,no_image_series,\"/data/P2: 2 files, none of them \"\"DICOM\"\", sorry\",", 0), 0u)
      << second;

  const auto json = nlohmann::json::parse(readText(written.value().jsonPath));
  ASSERT_EQ(json["studies"].size(), 2u);
  EXPECT_EQ(json["columns"].size(), cohortColumns().size());
  EXPECT_EQ(json["studies"][0]["psoas_major_asymmetric_hypertrophy"], true);
  EXPECT_EQ(json["studies"][0]["slice_count"], 64);
  EXPECT_TRUE(json["studies"][0]["psoas_muscle_index_cm2_per_m2"].is_null());
  EXPECT_EQ(json["studies"][1]["status"], "failed");
}

TEST(BatchTable, EveryLevelAndStructureHasACsaColumn) {
  const auto& columns = cohortColumns();
  auto has = [&](const std::string& name) { return std::find(columns.begin(), columns.end(), name) != columns.end(); };
  EXPECT_TRUE(has("L3_psoas_major_left_csa_cm2"));
  EXPECT_TRUE(has("L4_L5_iliacus_right_csa_cm2"));
  EXPECT_TRUE(has("iliacus_asymmetric_hypertrophy"));
  EXPECT_TRUE(has("psoas_major_left_mean_mr_signal"));
  EXPECT_TRUE(has("iliacus_right_fat_fraction_percent"));
  // identity, 5 quantities x 4 structures, 6 asymmetry cells x 2 muscles, PMI, levels, run.
  EXPECT_EQ(columns.size(), 15u + 20u + 12u + 1u + cohortLevels().size() * 4u + 3u);
}

TEST(BatchProgress, EstimateUsesTheWallTimePerStudyOfThisRun) {
  EXPECT_FALSE(estimateRemainingS(0, 10, 5.0));
  EXPECT_DOUBLE_EQ(*estimateRemainingS(4, 6, 20.0), 30.0);
  EXPECT_DOUBLE_EQ(*estimateRemainingS(0, 0, 1.0), 0.0);
  EXPECT_EQ(formatDuration(45.2), "45s");
  EXPECT_EQ(formatDuration(192), "3m12s");
  EXPECT_EQ(formatDuration(7500), "2h05m");
}

TEST(BatchProgress, BarAndLogLinesShowCountsAndEta) {
  BatchProgress progress;
  progress.total = 40;
  progress.ok = 11;
  progress.failed = 1;
  progress.running = 2;
  progress.remainingS = 192;
  EXPECT_EQ(progressBarLine(progress, 10), "[###.......] 12/40  ok 11  failed 1  running 2  ETA 3m12s");
  EXPECT_EQ(progressLogLine(progress, "P012", "ok", "(9.8 s)"), "[12/40] P012 ok (9.8 s), ETA 3m12s");
  progress.remainingS.reset();
  EXPECT_NE(progressBarLine(progress, 10).find("ETA --"), std::string::npos);
}
