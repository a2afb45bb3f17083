// bench_batch: throughput (studies per hour) and peak memory per worker of `iliometry batch`
// on a cohort of phantom CT studies of 512 x 512 x 200 voxels stored as DICOM series, the way
// a cohort arrives. The batch runs as a child process, so its peak resident memory is the
// kernel's own count (wait4's ru_maxrss) and the wall time includes loading every series.
//
//   bench_batch [--studies N] [--jobs J] [--work DIR]
//
// Target: >= 600 studies per hour with -j 2 on the 2-core machine.
#include "iliometry/dicom/SeriesWriter.h"
#include "iliometry/testdata/Phantom.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
using namespace iliometry;

namespace {

struct ChildRun {
  double wallS = 0.0;
  long peakRssKb = 0;
  double cpuS = 0.0; // user + system time of the batch process

  int exitCode = -1;
};

ChildRun runBatch(const fs::path& cohort, const fs::path& out, unsigned jobs) {
  const std::string cli = ILIOMETRY_CLI, jobsText = std::to_string(jobs);
  std::fflush(stdout);
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    execl(cli.c_str(), cli.c_str(), "batch", cohort.c_str(), "-o", out.c_str(), "-j", jobsText.c_str(), "--quiet",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  ChildRun run;
  run.wallS = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.peakRssKb = usage.ru_maxrss;
  run.cpuS =
      usage.ru_utime.tv_sec + usage.ru_utime.tv_usec * 1e-6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec * 1e-6;
  run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

} // namespace

int main(int argc, char** argv) {
  unsigned studies = 6, jobs = 2;
  fs::path work = fs::temp_directory_path() / ("iliometry-bench-batch-" + std::to_string(getpid()));
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string option = argv[i];
    if (option == "--studies")
      studies = static_cast<unsigned>(std::stoul(argv[i + 1]));
    else if (option == "--jobs")
      jobs = static_cast<unsigned>(std::stoul(argv[i + 1]));
    else if (option == "--work")
      work = argv[i + 1];
    else {
      std::fprintf(stderr, "usage: bench_batch [--studies N] [--jobs J] [--work DIR]\n");
      return 2;
    }
  }

  testdata::PhantomParameters parameters;
  parameters.columns = parameters.rows = 512;
  parameters.pixelSpacingMm = 0.8;
  parameters.sliceSpacingMm = 1.9; // 200 slices from z = 0 to 378 mm
  parameters.coverageTopMm = 378.1;
  parameters.psoasRatio = 1.2;
  std::printf("bench_batch: generating a 512x512x200 phantom CT and writing %u DICOM studies...\n", studies);
  std::fflush(stdout);
  const auto phantom = testdata::generatePhantom(parameters);
  const fs::path cohort = work / "cohort", single = work / "single";
  fs::create_directories(cohort);
  if (auto written = dicom::writeSeries(phantom.volume, cohort / "S001" / "series"); !written) {
    std::fprintf(stderr, "cannot write the series: %s\n", written.error().describe().c_str());
    return 1;
  }
  for (unsigned s = 2; s <= studies; ++s) {
    char id[16];
    std::snprintf(id, sizeof id, "S%03u", s);
    fs::copy(cohort / "S001", cohort / id, fs::copy_options::recursive);
  }
  fs::create_directories(single);
  fs::copy(cohort / "S001", single / "S001", fs::copy_options::recursive);
  const auto size = phantom.volume.image->GetLargestPossibleRegion().GetSize();
  std::printf("study: %lux%lux%lu voxels, DICOM, %u studies\n", size[0], size[1], size[2], studies);

  std::fflush(stdout);
  const ChildRun one = runBatch(single, work / "out-single", 1);
  const ChildRun all = runBatch(cohort, work / "out-cohort", jobs);
  if (one.exitCode != 0 || all.exitCode != 0)
    std::printf("warning: batch exit codes %d (1 worker) and %d (%u workers): see %s/out-*/cohort.csv\n", one.exitCode,
                all.exitCode, jobs, work.c_str());
  const double studiesPerHour = studies / all.wallS * 3600.0;
  std::printf("one worker, one study : %.1f s, peak memory %.0f MB (the batch process with one worker)\n", one.wallS,
              one.peakRssKb / 1024.0);
  std::printf("%u workers, %u studies: %.1f s, %.1f s per study, CPU %.1f s (%.0f%% of %u cores)\n", jobs, studies,
              all.wallS, all.wallS / studies, all.cpuS, 100.0 * all.cpuS / (all.wallS * jobs), jobs);
  std::printf("throughput            : %.0f studies per hour (target >= 600 on 2 cores: %s)\n", studiesPerHour,
              studiesPerHour >= 600.0 ? "met" : "NOT met");
  std::printf("peak memory           : %.0f MB for the process, %.0f MB per worker\n", all.peakRssKb / 1024.0,
              all.peakRssKb / 1024.0 / jobs);
  fs::remove_all(work);
  return 0;
}
