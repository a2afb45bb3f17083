// bench_measure: the whole measurement of one CT study, load to labels and reports, with the
// time of every stage and the peak memory. Default study: a 512x512x300 phantom CT written as
// uncompressed DICOM (0.8 mm pixels, 1 mm slices). Targets (issue 3): <= 10 s wall on the
// 2-core machine, <= 2 GiB peak.
//   bench_measure [--input PATH] [--keep DIR]
#include "iliometry/dicom/SeriesWriter.h"
#include "iliometry/testdata/Phantom.h"
#include "iliometry/workflow/MeasureWorkflow.h"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double peakResidentMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

fs::path writeDefaultStudy(const fs::path& folder) {
  iliometry::testdata::PhantomParameters parameters;
  parameters.columns = parameters.rows = 512;
  parameters.pixelSpacingMm = 0.8;
  parameters.sliceSpacingMm = 1.0;
  parameters.coverageBottomMm = 40.0;
  parameters.coverageTopMm = 339.0; // 300 slices
  parameters.psoasRatio = 1.2;
  const auto phantom = iliometry::testdata::generatePhantom(parameters);
  auto written = iliometry::dicom::writeSeries(phantom.volume, folder);
  if (!written) {
    std::fprintf(stderr, "cannot write the study: %s\n", written.error().describe().c_str());
    std::exit(1);
  }
  return folder;
}

} // namespace

int main(int argc, char** argv) {
  fs::path input, keep;
  for (int a = 1; a + 1 < argc; a += 2) {
    if (std::string(argv[a]) == "--input") input = argv[a + 1];
    if (std::string(argv[a]) == "--keep") keep = argv[a + 1];
  }
  const fs::path scratch = fs::temp_directory_path() / ("iliometry-bench-measure-" + std::to_string(::getpid()));
  if (input.empty()) {
    std::printf("writing a 512x512x300 phantom CT series ...\n");
    input = writeDefaultStudy(scratch / "study");
  }
  iliometry::workflow::MeasureOptions options;
  options.inputPath = input;
  options.outputDir = keep.empty() ? scratch / "out" : keep;

  const auto started = Clock::now();
  auto last = started;
  std::string stage = "start";
  auto result = iliometry::workflow::runMeasure(options, [&](const std::string& next, double) {
    const auto now = Clock::now();
    if (next != stage) {
      std::printf("  %-45s %6.2f s\n", stage.c_str(), std::chrono::duration<double>(now - last).count());
      stage = next;
      last = now;
    }
  });
  const auto finished = Clock::now();
  std::printf("  %-45s %6.2f s\n", stage.c_str(), std::chrono::duration<double>(finished - last).count());
  if (!result) {
    std::fprintf(stderr, "measure failed: %s\n", result.error().describe().c_str());
    return 1;
  }
  std::printf("total load to reports: %.2f s wall (target <= 10 s); peak resident memory %.0f MiB (target <= 2048)\n",
              std::chrono::duration<double>(finished - started).count(), peakResidentMiB());
  if (keep.empty()) fs::remove_all(scratch);
  return 0;
}
