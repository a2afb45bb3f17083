// scripts/slurm/iliometry-batch.sbatch on a real single-node Slurm (Debian's slurm-wlm):
// the test starts munged, slurmctld and slurmd on loopback with their own configuration,
// ports and folders, submits a two-task job array, waits for it, merges the shards and stops
// the daemons. Skipped, saying why, when slurm-wlm or munge is not installed.
#include "BatchTestCohort.h"
#include "TempFolder.h"

#include "iliometry/workflow/BatchTable.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <set>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace iliometry;
using iliometry::workflow::kCohortJsonFileName;
using namespace iliometry::testing_support;
namespace fs = std::filesystem;

extern char** environ;

namespace {

std::string findProgram(const std::string& name) {
  for (const char* folder : {"/usr/sbin", "/usr/bin", "/sbin", "/bin"})
    if (fs::exists(fs::path(folder) / name)) return (fs::path(folder) / name).string();
  return {};
}

// A daemon run in the foreground as our child, stopped (TERM, then KILL) and reaped at the end.
class Daemon {
public:
  Daemon(std::vector<std::string> argv, const fs::path& log) {
    std::vector<char*> raw;
    for (auto& argument : argv)
      raw.push_back(argument.data());
    raw.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    if (posix_spawn(&m_pid, raw[0], &actions, nullptr, raw.data(), environ) != 0) m_pid = -1;
    posix_spawn_file_actions_destroy(&actions);
  }
  ~Daemon() {
    if (m_pid <= 0) return;
    kill(m_pid, SIGTERM);
    for (int i = 0; i < 100; ++i) {
      if (waitpid(m_pid, nullptr, WNOHANG) == m_pid) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    kill(m_pid, SIGKILL);
    waitpid(m_pid, nullptr, 0);
  }
  bool running() const { return m_pid > 0 && waitpid(m_pid, nullptr, WNOHANG) == 0; }

private:
  pid_t m_pid = -1;
};

template <typename Condition> bool waitUntil(Condition condition, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

std::string slurmConf(const fs::path& folder, const std::string& host, int port) {
  const std::string f = folder.string();
  return "ClusterName=iliometrytest\n"
         "SlurmctldHost=" +
         host +
         "(127.0.0.1)\n"
         "SlurmctldPort=" +
         std::to_string(port) + "\nSlurmdPort=" + std::to_string(port + 1) +
         "\n"
         "AuthType=auth/munge\nAuthInfo=socket=" +
         f +
         "/munge/socket\nCredType=cred/munge\n"
         "MpiDefault=none\nProctrackType=proctrack/linuxproc\nTaskPlugin=task/none\n"
         "SchedulerType=sched/builtin\nSelectType=select/cons_tres\nSelectTypeParameters=CR_CPU\n"
         "SlurmUser=root\nSlurmdUser=root\n"
         "StateSaveLocation=" +
         f + "/state\nSlurmdSpoolDir=" + f +
         "/spool\n"
         "SlurmctldPidFile=" +
         f + "/slurmctld.pid\nSlurmdPidFile=" + f +
         "/slurmd.pid\n"
         "JobCompType=jobcomp/none\nAccountingStorageType=accounting_storage/none\nReturnToService=2\n"
         "NodeName=" +
         host +
         " NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN\n"
         "PartitionName=iliometry Nodes=" +
         host + " Default=YES MaxTime=10 State=UP\n";
}

} // namespace

TEST(BatchSlurmIntegration, JobArrayOfTwoShardsOnARealSlurmMergesIntoOneTable) {
  const std::string munged = findProgram("munged"), slurmctld = findProgram("slurmctld"),
                    slurmd = findProgram("slurmd"), sbatch = findProgram("sbatch"), sinfo = findProgram("sinfo");
  if (munged.empty() || slurmctld.empty() || slurmd.empty() || sbatch.empty() || sinfo.empty())
    GTEST_SKIP() << "slurm-wlm and munge are not installed (scripts/setup.sh installs them)";
  if (geteuid() != 0)
    GTEST_SKIP() << "slurmd must run as root to start jobs (SlurmdUser=root); running as uid " << geteuid();

  TempFolder folder("batch-slurm");
  const fs::path base = folder.path();
  for (const char* sub : {"munge", "state", "spool", "work"})
    fs::create_directories(base / sub);
  chmod(base.c_str(), 0700); // munged refuses a key or socket folder others could write to
  chmod((base / "munge").c_str(), 0700);
  {
    std::ofstream key(base / "munge" / "munge.key", std::ios::binary);
    std::ifstream random("/dev/urandom", std::ios::binary);
    std::string bytes(1024, '\0');
    random.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    key << bytes;
  }
  chmod((base / "munge" / "munge.key").c_str(), 0400);
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  const int port = 21000 + static_cast<int>(getpid() % 4000) * 2; // test-only ports, one pair per process
  const fs::path conf = base / "slurm.conf";
  std::ofstream(conf) << slurmConf(base, host, port);

  const std::string m = (base / "munge").string();
  Daemon mungeDaemon({munged, "-F", "-f", "--socket=" + m + "/socket", "--key-file=" + m + "/munge.key",
                      "--pid-file=" + m + "/pid", "--seed-file=" + m + "/seed", "--log-file=" + m + "/log"},
                     base / "munged.out");
  ASSERT_TRUE(waitUntil([&] { return fs::exists(base / "munge" / "socket"); }, std::chrono::seconds(10)))
      << readTextFile(base / "munge" / "log");
  Daemon controller({slurmctld, "-D", "-i", "-f", conf.string()}, base / "slurmctld.log");
  Daemon node({slurmd, "-D", "-f", conf.string()}, base / "slurmd.log");
  const std::string env = "SLURM_CONF=" + shellQuoted(conf) + " ";
  ASSERT_TRUE(waitUntil(
      [&] { return runCommand(env + sinfo + " -h -o %t", base / "work").out.find("idle") != std::string::npos; },
      std::chrono::seconds(30)))
      << "the node did not become idle: " << readTextFile(base / "slurmctld.log") << readTextFile(base / "slurmd.log");

  const TestCohort cohort = writeTestCohort(base / "cohort");
  const fs::path out = base / "out";
  const std::string script = std::string(ILIOMETRY_SOURCE_DIR) + "/scripts/slurm/iliometry-batch.sbatch";
  const auto submitted = runCommand("cd " + shellQuoted(base / "work") + " && " + env + "ILIOMETRY=" + ILIOMETRY_CLI +
                                        " timeout 120 " + sbatch + " --wait --array=1-2 --cpus-per-task=1 " +
                                        shellQuoted(script) + " " + shellQuoted(cohort.root) + " " + shellQuoted(out),
                                    base);
  ASSERT_EQ(submitted.exitCode, 0) << submitted.out << submitted.err << readTextFile(base / "slurmctld.log");
  for (int task = 1; task <= 2; ++task)
    EXPECT_TRUE(fs::exists(out / ("shard-" + std::to_string(task)) / kCohortJsonFileName)) << "shard " << task;

  const auto merged = runCommand(std::string(ILIOMETRY_CLI) + " merge " + shellQuoted(out / "shard-1") + " " +
                                     shellQuoted(out / "shard-2") + " -o " + shellQuoted(out / "merged"),
                                 base);
  EXPECT_EQ(merged.exitCode, 10) << merged.err; // the cohort holds two broken studies
  const auto table = nlohmann::json::parse(readTextFile(out / "merged" / kCohortJsonFileName));
  std::set<std::string> ids;
  for (const auto& row : table["studies"])
    ids.insert(row["id"].get<std::string>());
  EXPECT_EQ(ids, (std::set<std::string>{"A", "B", "C", "empty", "junk"}));
}
