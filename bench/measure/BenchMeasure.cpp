// bench_measure: the whole measurement of one CT study, load to labels and reports, with the
// time of every stage and the peak memory. Default study: a 512x512x300 phantom CT written as
// uncompressed DICOM (0.8 mm pixels, 1 mm slices). Targets (issue 3): <= 10 s wall on the
// 2-core machine, <= 2 GiB peak.
//   bench_measure [--input PATH] [--keep DIR]
#include "iliometry/dicom/SeriesWriter.h"
#include "iliometry/testdata/Phantom.h"
#include "iliometry/testdata/PhantomWriter.h"
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

// A typical abdominal Dixon acquisition: 320 x 320 at 1.25 mm, 4 mm slices, three series.
fs::path writeDixonStudy(const fs::path& folder) {
  iliometry::testdata::PhantomParameters parameters;
  parameters.modality = iliometry::Modality::MR;
  parameters.mrSequence = iliometry::testdata::MrSequence::Dixon;
  parameters.noiseSigma = 15.0;
  parameters.columns = parameters.rows = 320;
  parameters.pixelSpacingMm = 1.25;
  parameters.sliceSpacingMm = 4.0;
  parameters.psoasRatio = 1.2;
  const auto phantom = iliometry::testdata::generatePhantom(parameters);
  auto written = iliometry::testdata::writePhantomStudy(phantom, folder, iliometry::testdata::PhantomFormat::Dicom);
  if (!written) {
    std::fprintf(stderr, "cannot write the study: %s\n", written.error().describe().c_str());
    std::exit(1);
  }
  return written.value().image;
}

} // namespace

int main(int argc, char** argv) {
  fs::path input, keep;
  bool dixon = false;
  for (int a = 1; a < argc; ++a) {
    const std::string argument = argv[a];
    if (argument == "--dixon") dixon = true;
    else if (a + 1 < argc && argument == "--input") input = argv[++a];
    else if (a + 1 < argc && argument == "--keep") keep = argv[++a];
  }
  const fs::path scratch = fs::temp_directory_path() / ("iliometry-bench-measure-" + std::to_string(::getpid()));
  if (input.empty() && dixon) {
    std::printf("writing a 320x320x96 phantom MR Dixon study (in-phase, water, fat) ...\n");
    input = writeDixonStudy(scratch / "study");
  } else if (input.empty()) {
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
  std::printf(dixon ? "total load to reports: %.2f s wall (MR: no target set; CT's is 10 s); peak resident memory %.0f MiB\n"
                    : "total load to reports: %.2f s wall (target <= 10 s); peak resident memory %.0f MiB (target <= 2048)\n",
              std::chrono::duration<double>(finished - started).count(), peakResidentMiB());
  if (keep.empty()) fs::remove_all(scratch);
  return 0;
}
