// `iliometry batch` and `iliometry merge` as a user (or a cluster) runs them: exit codes,
// SIGKILL and SIGINT in the middle of a run, resume, shards and merge.
#include "BatchTestCohort.h"
#include "TempFolder.h"

#include "iliometry/dicom/SeriesWriter.h"
#include "iliometry/testdata/Phantom.h"
#include "iliometry/workflow/BatchRecord.h"
#include "iliometry/workflow/BatchRunner.h"
#include "iliometry/workflow/BatchTable.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <set>
#include <sstream>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>

using namespace iliometry;
using namespace iliometry::workflow;
using namespace iliometry::testing_support;
namespace fs = std::filesystem;

extern char** environ;

namespace {

const std::string kCli = ILIOMETRY_CLI;

// The batch command as a child process whose id we know, so the test can signal it.
class BatchProcess {
public:
  BatchProcess(const std::vector<std::string>& arguments, const fs::path& logFolder) {
    std::vector<std::string> all{kCli, "batch"};
    all.insert(all.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (auto& argument : all)
      argv.push_back(argument.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, (logFolder / "child-stdout.txt").c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, (logFolder / "child-stderr.txt").c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    EXPECT_EQ(posix_spawn(&m_pid, kCli.c_str(), &actions, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&actions);
  }
  ~BatchProcess() {
    if (m_pid > 0 && !m_reaped) {
      kill(m_pid, SIGKILL);
      waitpid(m_pid, nullptr, 0);
    }
  }
  void signal(int number) const { kill(m_pid, number); }
  // The wait status, or nullopt if it is still running after `timeout`.
  std::optional<int> wait(std::chrono::seconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
        m_reaped = true;
        return status;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return std::nullopt;
  }

private:
  pid_t m_pid = -1;
  bool m_reaped = false;
};

bool waitForFile(const fs::path& path, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (fs::exists(path)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

// The ids in the CSV's first column (ids are plain here; a quoted id would start with '"').
std::set<std::string> idsInCsv(const std::string& csv) {
  std::set<std::string> ids;
  std::istringstream lines(csv);
  std::string line;
  std::getline(lines, line); // header
  while (std::getline(lines, line))
    ids.insert(line.substr(0, line.find(',')));
  return ids;
}

// Everything a killed run left must be whole: every record readable, both tables parseable
// and ending in a whole line, every JSON row backed by a record, and every CSV row in the JSON
// table. The two tables are replaced together, JSON first (writeFilesAtomically), so a kill
// between the two renames may leave the CSV one study behind the JSON, never ahead of it.
std::set<std::string> checkNothingCorrupt(const fs::path& out) {
  std::set<std::string> recorded;
  for (const auto& entry : fs::directory_iterator(out))
    if (entry.is_directory() && fs::exists(entry.path() / kStudyRecordFileName)) {
      auto record = readStudyRecord(entry.path());
      EXPECT_TRUE(record) << (record ? "" : record.error().describe());
      if (record && record.value().status == StudyStatus::Ok)
        EXPECT_TRUE(checkRecordedOutputs(entry.path(), record.value()));
      recorded.insert(entry.path().filename().string());
    }
  const auto table = nlohmann::json::parse(readTextFile(out / kCohortJsonFileName), nullptr, false);
  EXPECT_FALSE(table.is_discarded());
  if (table.is_discarded()) return recorded;
  for (const auto& row : table["studies"])
    EXPECT_TRUE(recorded.contains(row["id"].get<std::string>())) << row["id"] << " has a row but no record";
  std::set<std::string> jsonIds;
  for (const auto& row : table["studies"])
    jsonIds.insert(row["id"].get<std::string>());
  const std::string csv = readTextFile(out / kCohortCsvFileName);
  EXPECT_TRUE(!csv.empty() && csv.back() == '\n') << "the CSV ends in a whole line";
  for (const auto& id : idsInCsv(csv))
    EXPECT_TRUE(jsonIds.contains(id)) << id << " is in cohort.csv but not in cohort.json";
  EXPECT_LE(static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n')), table["studies"].size() + 1);
  return recorded;
}

std::set<std::string> idsInTable(const fs::path& folder) {
  std::set<std::string> ids;
  const auto table = nlohmann::json::parse(readTextFile(folder / kCohortJsonFileName));
  for (const auto& row : table["studies"])
    ids.insert(row["id"].get<std::string>());
  return ids;
}

} // namespace

TEST(BatchCommandIntegration, SigkillMidRunLosesNothingFinishedAndARerunCompletes) {
  TempFolder folder("batch-kill");
  const TestCohort cohort = writeTestCohort(folder.path() / "root");
  // B, measured right after A, is a full-size study, so the kill lands while it runs even
  // when the test process is starved of CPU by parallel tests.
  testdata::PhantomParameters large;
  large.psoasRatio = 1.3;
  ASSERT_TRUE(dicom::writeImageFile(*testdata::generatePhantom(large).volume.image, cohort.root / "B.nii.gz"));
  const fs::path out = folder.path() / "out";
  {
    BatchProcess batch({cohort.root.string(), "-o", out.string(), "-j", "1", "--table-interval-s", "0"}, folder.path());
    ASSERT_TRUE(waitForFile(out / "A" / kStudyRecordFileName, std::chrono::seconds(60)));
    batch.signal(SIGKILL); // B is being measured now
    const auto status = batch.wait(std::chrono::seconds(10));
    ASSERT_TRUE(status);
    EXPECT_TRUE(WIFSIGNALED(*status));
  }
  const std::set<std::string> finishedBeforeKill = checkNothingCorrupt(out);
  ASSERT_TRUE(finishedBeforeKill.contains("A"));
  EXPECT_LT(finishedBeforeKill.size(), 5u);
  const std::string finishedA = readStudyRecord(out / "A").value().finishedUtc;

  const auto rerun = runCommand(kCli + " batch " + shellQuoted(cohort.root) + " -o " + shellQuoted(out), folder.path());
  EXPECT_EQ(rerun.exitCode, 10) << rerun.err; // two studies are broken
  EXPECT_NE(
      rerun.out.find("3 ok, 2 failed (" + std::to_string(finishedBeforeKill.size()) + " kept from an earlier run)"),
      std::string::npos)
      << rerun.out;
  EXPECT_EQ(readStudyRecord(out / "A").value().finishedUtc, finishedA);
  EXPECT_EQ(checkNothingCorrupt(out).size(), 5u);
  EXPECT_EQ(idsInTable(out).size(), 5u);
  EXPECT_EQ(idsInCsv(readTextFile(out / kCohortCsvFileName)), idsInTable(out)) << "a finished run's tables agree";
  EXPECT_NE(rerun.err.find("[5/5]"), std::string::npos) << "plain progress lines when stderr is not a terminal";
}

TEST(BatchCommandIntegration, InterruptFinishesTheRunningStudyRecordsItAndExits130) {
  TempFolder folder("batch-interrupt");
  const TestCohort cohort = writeTestCohort(folder.path() / "root");
  const fs::path out = folder.path() / "out";
  BatchProcess batch({cohort.root.string(), "-o", out.string(), "-j", "1"}, folder.path());
  ASSERT_TRUE(waitForFile(out / "A" / kStudyRecordFileName, std::chrono::seconds(60)));
  batch.signal(SIGINT);
  const auto status = batch.wait(std::chrono::seconds(60));
  ASSERT_TRUE(status);
  ASSERT_TRUE(WIFEXITED(*status));
  EXPECT_EQ(WEXITSTATUS(*status), 130);
  const std::string stdoutText = readTextFile(folder.path() / "child-stdout.txt");
  EXPECT_NE(stdoutText.find("not run"), std::string::npos) << stdoutText;
  const auto recorded = checkNothingCorrupt(out);
  EXPECT_EQ(idsInTable(out), recorded); // the final table holds every finished study
  EXPECT_EQ(idsInCsv(readTextFile(out / kCohortCsvFileName)), recorded);
  EXPECT_LT(recorded.size(), 5u);
}

TEST(BatchCommandIntegration, ShardsSplitTheCohortAndMergeBuildsOneTable) {
  TempFolder folder("batch-shards");
  const TestCohort cohort = writeTestCohort(folder.path() / "root");
  const fs::path shard1 = folder.path() / "shard-1", shard2 = folder.path() / "shard-2",
                 merged = folder.path() / "merged";
  const std::string root = shellQuoted(cohort.root);
  const auto first =
      runCommand(kCli + " batch " + root + " -o " + shellQuoted(shard1) + " --shard 1/2 -j 2", folder.path());
  EXPECT_EQ(first.exitCode, 10) << first.err;

  const std::string mergeCommand =
      kCli + " merge " + shellQuoted(shard1) + " " + shellQuoted(shard2) + " -o " + shellQuoted(merged);
  const auto early = runCommand(mergeCommand, folder.path());
  EXPECT_EQ(early.exitCode, exitCodeFor(ErrorCode::InputNotFound)) << early.err;
  EXPECT_NE(early.err.find("shard-2"), std::string::npos);

  const auto second =
      runCommand(kCli + " batch " + root + " -o " + shellQuoted(shard2) + " --shard 2/2 -j 2", folder.path());
  EXPECT_EQ(second.exitCode, 10) << second.err;
  const auto plan1 = readBatchPlan(shard1).value(), plan2 = readBatchPlan(shard2).value();
  EXPECT_EQ(plan1.label, "shard 1/2");
  std::set<std::string> planned;
  for (const auto* plan : {&plan1, &plan2})
    for (const auto& study : plan->studies)
      EXPECT_TRUE(planned.insert(study.id).second) << study.id << " is in both shards";
  EXPECT_EQ(planned.size(), 5u);

  const auto merge = runCommand(mergeCommand, folder.path());
  EXPECT_EQ(merge.exitCode, 10) << merge.err;
  EXPECT_NE(merge.out.find("3 ok, 2 failed, 0 unfinished"), std::string::npos) << merge.out;
  EXPECT_EQ(idsInTable(merged), (std::set<std::string>{"A", "B", "C", "empty", "junk"}));

  // A shard whose study lost its record (killed mid-study) is reported as unfinished.
  fs::remove(shard1 / "A" / kStudyRecordFileName);
  const auto partial = runCommand(mergeCommand, folder.path());
  EXPECT_EQ(partial.exitCode, 11) << partial.out;
  EXPECT_NE(partial.err.find("unfinished: A"), std::string::npos);
}

TEST(BatchCommandIntegration, AllStudiesOkExitsZeroAndUsageErrorsExitTwo) {
  TempFolder folder("batch-manifest-cli");
  const TestCohort cohort = writeTestCohort(folder.path() / "root");
  std::ofstream(folder.path() / "cohort.csv") << "id,path,height_m\nonly,root/A.nii.gz,1.75\n";
  const fs::path out = folder.path() / "out";
  const auto ok = runCommand(kCli + " batch " + shellQuoted(folder.path() / "cohort.csv") + " -o " + shellQuoted(out) +
                                 " --anonymize --anonymize-secret batch-test-secret",
                             folder.path());
  EXPECT_EQ(ok.exitCode, 0) << ok.err;
  const auto table = nlohmann::json::parse(readTextFile(out / kCohortJsonFileName));
  ASSERT_EQ(table["studies"].size(), 1u);
  EXPECT_EQ(table["studies"][0]["input_path"], "(anonymized)");
  const std::string planText = readTextFile(out / kBatchPlanFileName);
  EXPECT_EQ(planText.find("A.nii.gz"), std::string::npos) << "input paths stay out of an anonymized run";

  const auto badShard = runCommand(
      kCli + " batch " + shellQuoted(cohort.root) + " -o " + shellQuoted(out) + " --shard 3/2", folder.path());
  EXPECT_EQ(badShard.exitCode, exitCodeFor(ErrorCode::InvalidArgument));
  EXPECT_NE(badShard.err.find("--shard '3/2'"), std::string::npos);
  const auto noSecret = runCommand("env -u ILIOMETRY_ANONYMIZE_SECRET " + kCli + " batch " + shellQuoted(cohort.root) +
                                       " -o " + shellQuoted(out) + " --anonymize",
                                   folder.path());
  EXPECT_EQ(noSecret.exitCode, exitCodeFor(ErrorCode::InvalidArgument));
}
